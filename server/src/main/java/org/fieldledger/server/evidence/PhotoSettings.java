package org.fieldledger.server.evidence;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.convert.format.ReadableBytes;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;

/** The photo settings of application.yml ({@code fieldledger.photos}), in one place. */
@Singleton
public final class PhotoSettings {
    private final long maxSize;
    private final Path uploadDir;
    private final Duration timeTolerance;
    private final double distanceToleranceMeters;
    private final ZoneId zone;
    private final Duration uploadExpiry;

    PhotoSettings(@Value("${fieldledger.photos.max-size:50MB}") @ReadableBytes long maxSize,
                  @Value("${fieldledger.photos.upload-dir:}") String uploadDir,
                  @Value("${fieldledger.data-dir:data}") String dataDir,
                  @Value("${fieldledger.photos.time-tolerance:2h}") Duration timeTolerance,
                  @Value("${fieldledger.photos.distance-tolerance-meters:300}") double distanceToleranceMeters,
                  @Value("${fieldledger.time-zone:Asia/Shanghai}") String zone,
                  @Value("${fieldledger.photos.upload-expiry:7d}") Duration uploadExpiry) {
        this.uploadExpiry = uploadExpiry;
        this.maxSize = maxSize;
        this.uploadDir = (uploadDir.isBlank() ? Path.of(dataDir, "uploads") : Path.of(uploadDir)).toAbsolutePath();
        this.timeTolerance = timeTolerance;
        this.distanceToleranceMeters = distanceToleranceMeters;
        this.zone = ZoneId.of(zone);
    }

    /** The largest photo accepted, in bytes (Tus-Max-Size). */
    public long maxSize() {
        return maxSize;
    }

    /** How long an unfinished upload is kept after its creation; then it and its bytes are deleted. */
    public Duration uploadExpiry() {
        return uploadExpiry;
    }

    /** Where uploads in progress keep their bytes. */
    public Path uploadDir() {
        return uploadDir;
    }

    /** How far before a visit's start or after its submission a photo's EXIF capture time may lie. */
    public Duration timeTolerance() {
        return timeTolerance;
    }

    /** How far from the site (or the visit's fix, for a site never measured) a photo's EXIF position may lie. */
    public double distanceToleranceMeters() {
        return distanceToleranceMeters;
    }

    /**
     * The zone of EXIF times that carry no offset: cameras write local wall time, and the devices are in the offices'
     * zone.
     */
    public ZoneId zone() {
        return zone;
    }
}

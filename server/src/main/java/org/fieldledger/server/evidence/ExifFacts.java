package org.fieldledger.server.evidence;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.lang.GeoLocation;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifDirectoryBase;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.exif.GpsDirectory;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.TimeZone;
import org.fieldledger.model.site.GeoPoint;

/**
 * What a photo's EXIF says about when and where it was taken.
 *
 * @param present whether the photo has EXIF at all
 * @param takenAt DateTimeOriginal (with OffsetTimeOriginal when the camera wrote it), or null
 * @param location the GPS position, or null
 */
public record ExifFacts(boolean present, Instant takenAt, GeoPoint location) {
    public static final ExifFacts NONE = new ExifFacts(false, null, null);

    /**
     * Reads the file's metadata segments only (a JPEG is read up to its image data), so a large file costs little.
     * A file whose metadata cannot be parsed is treated as having none: that is itself a flag, never a failure.
     */
    public static ExifFacts read(Path file, ZoneId zone) {
        try {
            return of(ImageMetadataReader.readMetadata(file.toFile()), zone);
        } catch (ImageProcessingException | IOException | RuntimeException e) {
            return NONE;
        }
    }

    /** The same from a stream (a photo already in the blob store); the caller closes it. */
    public static ExifFacts read(java.io.InputStream photo, ZoneId zone) {
        try {
            return of(ImageMetadataReader.readMetadata(photo), zone);
        } catch (ImageProcessingException | IOException | RuntimeException e) {
            return NONE;
        }
    }

    private static ExifFacts of(Metadata metadata, ZoneId zone) {
        boolean present = false;
        for (Directory directory : metadata.getDirectories()) {
            present |= directory instanceof ExifDirectoryBase && directory.getTagCount() > 0;
        }
        if (!present) {
            return NONE;
        }
        ExifSubIFDDirectory exif = metadata.getFirstDirectoryOfType(ExifSubIFDDirectory.class);
        Date taken = exif == null ? null : exif.getDateOriginal(TimeZone.getTimeZone(zone));
        GpsDirectory gps = metadata.getFirstDirectoryOfType(GpsDirectory.class);
        GeoLocation where = gps == null ? null : gps.getGeoLocation();
        GeoPoint location = null;
        if (where != null && !where.isZero()) {
            try {
                location = GeoPoint.of(where.getLatitude(), where.getLongitude());
            } catch (IllegalArgumentException e) {
                // out-of-range coordinates are as good as none
            }
        }
        return new ExifFacts(true, taken == null ? null : taken.toInstant(), location);
    }
}

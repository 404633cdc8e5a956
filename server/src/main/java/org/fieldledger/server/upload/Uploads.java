package org.fieldledger.server.upload;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import org.fieldledger.model.ErrorCode;
import org.fieldledger.model.visit.PhotoFormat;
import org.fieldledger.server.auth.Caller;
import org.fieldledger.server.blob.BlobStore;
import org.fieldledger.server.error.ApiException;
import org.fieldledger.server.evidence.ExifFacts;
import org.fieldledger.server.evidence.PhotoEvidence;
import org.fieldledger.server.evidence.PhotoSettings;
import org.fieldledger.server.storage.Database;
import org.fieldledger.server.storage.Hashes;
import org.fieldledger.server.upload.UploadRepository.Upload;

/**
 * The rules of a tus upload, apart from HTTP. Chunks are streamed to a file of the upload directory through a small
 * buffer, so memory stays the same whatever the photo's size. The database row says how far the file is good: a chunk
 * counts only once it is on disk, checked (when the client sent a checksum) and its offset committed; anything past
 * the committed offset is cut off before the next chunk is written.
 *
 * <p>When the last byte arrives the whole file must hash to the SHA-256 the client claimed and look like an image;
 * otherwise it is deleted with its upload, and nothing is kept. A good file moves into the {@link BlobStore}, and
 * {@link PhotoEvidence} records it.
 */
@Singleton
public class Uploads {
    private static final int BUFFER_BYTES = 64 * 1024;

    private final Database database;
    private final UploadRepository uploads;
    private final BlobStore blobs;
    private final PhotoEvidence evidence;
    private final PhotoSettings settings;
    private final Clock clock;
    // Chunks of one upload are written one at a time; a few dozen locks, picked by id, are plenty for that.
    private final ReentrantLock[] locks = new ReentrantLock[64];

    Uploads(Database database, UploadRepository uploads, BlobStore blobs, PhotoEvidence evidence,
            PhotoSettings settings, Clock clock) {
        this.database = database;
        this.uploads = uploads;
        this.blobs = blobs;
        this.evidence = evidence;
        this.settings = settings;
        this.clock = clock;
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    Upload create(Caller caller, long length, String sha256, String filename, String metadata) throws IOException {
        if (length > settings.maxSize()) {
            throw new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "Upload-Length " + length + " is more than the "
                    + settings.maxSize() + " bytes a photo may have (Tus-Max-Size)");
        }
        if (length < PhotoFormat.SNIFF_BYTES) {
            throw new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Upload-Length " + length
                    + " is too small for an image");
        }
        Upload upload = new Upload(UUID.randomUUID().toString(), caller.userId(), length, 0, sha256, filename,
                metadata, Instant.now(clock).toString());
        Files.createDirectories(settings.uploadDir());
        Files.deleteIfExists(partFile(upload.id()));
        Files.createFile(partFile(upload.id()));
        database.write(connection -> {
            uploads.insert(connection, upload);
            return null;
        });
        return upload;
    }

    /** The upload, if it is the caller's: another user's upload is as good as absent. */
    Upload find(Caller caller, String id) throws IOException {
        Upload upload = database.read(connection -> uploads.find(connection, id))
                .filter(found -> found.ownerId().equals(caller.userId()))
                .orElseThrow(() -> ApiException.notFound("Upload " + id));
        if (upload.complete()) {
            recordStored(caller, upload);
            throw ApiException.notFound("Upload " + id + " is finished; the photo is at /api/v1/blobs/"
                    + upload.sha256());
        }
        return upload;
    }

    /**
     * Finishes a completion that stopped between the blob store and the database (the server died, the database
     * failed): the bytes are stored and verified, only their record is missing. Anything else is discarded.
     */
    private void recordStored(Caller caller, Upload upload) throws IOException {
        if (blobs.size(upload.sha256()).orElse(-1) != upload.length()) {
            discard(upload.id());
            return;
        }
        byte[] head = new byte[PhotoFormat.SNIFF_BYTES];
        int length;
        try (InputStream in = blobs.open(upload.sha256(), 0)) {
            length = in.readNBytes(head, 0, head.length);
        }
        ExifFacts exif;
        try (InputStream in = blobs.open(upload.sha256(), 0)) {
            exif = ExifFacts.read(in, settings.zone());
        }
        PhotoFormat format = PhotoFormat.sniff(head, length);
        if (format == null) {
            discard(upload.id());
            return;
        }
        record(caller, upload, format, exif);
    }

    private void record(Caller caller, Upload upload, PhotoFormat format, ExifFacts exif) {
        PhotoEvidence.Actor actor = new PhotoEvidence.Actor(caller.userId(), caller.deviceId(), null);
        database.write(connection -> {
            uploads.delete(connection, upload.id());
            evidence.received(connection, actor, upload.sha256(), upload.length(), format, exif);
            return null;
        });
    }

    /**
     * Appends one PATCH's body at {@code offset}.
     *
     * @return the new offset
     */
    long append(Caller caller, String id, long offset, ChunkChecksum checksum, InputStream body) throws IOException {
        ReentrantLock lock = locks[Math.floorMod(id.hashCode(), locks.length)];
        lock.lock();
        try {
            Upload upload = find(caller, id);
            if (offset != upload.offset()) {
                throw new ApiException(ErrorCode.UPLOAD_OFFSET_MISMATCH, "Upload-Offset " + offset + " is not where"
                        + " upload " + id + " ends on the server (" + upload.offset() + "); resume from there");
            }
            long end = write(upload, checksum, body);
            if (!database.write(connection -> uploads.advance(connection, id, offset, end))) {
                throw new ApiException(ErrorCode.UPLOAD_OFFSET_MISMATCH, "Upload " + id + " moved on meanwhile; ask"
                        + " with HEAD where it ends");
            }
            if (offset < PhotoFormat.SNIFF_BYTES && end >= PhotoFormat.SNIFF_BYTES && format(id) == null) {
                discard(id);
                throw notAnImage();
            }
            if (end == upload.length()) {
                complete(caller, upload);
            }
            return end;
        } finally {
            lock.unlock();
        }
    }

    /** When an upload created now expires (tus expiration extension). */
    Instant expiresAt(Upload upload) {
        return Instant.parse(upload.createdAt()).plus(settings.uploadExpiry());
    }

    /**
     * Deletes uploads nobody finished in time, with their bytes: a phone that never came back must not fill the disk.
     * Any instance may run it; deleting an upload twice is harmless.
     */
    @Scheduled(fixedDelay = "1h", initialDelay = "5m")
    public int expire() throws IOException {
        String cutoff = Instant.now(clock).minus(settings.uploadExpiry()).toString();
        java.util.List<String> expired = database.read(connection -> uploads.createdBefore(connection, cutoff));
        for (String id : expired) {
            discard(id);
        }
        return expired.size();
    }

    void terminate(Caller caller, String id) throws IOException {
        find(caller, id);
        discard(id);
    }

    private long write(Upload upload, ChunkChecksum checksum, InputStream body) throws IOException {
        long offset = upload.offset();
        long room = upload.length() - offset;
        MessageDigest digest = checksum == null ? null : checksum.newDigest();
        long received = 0;
        boolean tooLong = false;
        try (FileChannel file = FileChannel.open(partFile(upload.id()), StandardOpenOption.WRITE)) {
            file.truncate(offset);
            file.position(offset);
            byte[] buffer = new byte[BUFFER_BYTES];
            try {
                for (int read; (read = body.read(buffer)) != -1; ) {
                    if (received + read > room) {
                        tooLong = true;
                        break;
                    }
                    ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, read);
                    while (chunk.hasRemaining()) {
                        file.write(chunk);
                    }
                    if (digest != null) {
                        digest.update(buffer, 0, read);
                    }
                    received += read;
                }
            } catch (IOException | RuntimeException e) {
                // The connection broke mid-chunk. Without a checksum, what arrived is as good as any chunk
                // (tus core §PATCH: keep it, the client resumes after it); with one it cannot be checked: drop it.
                if (digest == null && received > 0) {
                    file.force(false);
                    long end = offset + received;
                    database.write(connection -> uploads.advance(connection, upload.id(), offset, end));
                } else {
                    file.truncate(offset);
                }
                throw e;
            }
            if (tooLong) {
                file.truncate(offset);
                throw new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "The chunk runs past Upload-Length "
                        + upload.length() + "; it was discarded");
            }
            if (digest != null && !checksum.matches(digest)) {
                file.truncate(offset);
                throw new ApiException(ErrorCode.CHECKSUM_MISMATCH, "The chunk's " + checksum.algorithm()
                        + " is not the Upload-Checksum sent with it; it was discarded, send it again from offset "
                        + offset);
            }
            file.force(false);
        }
        return offset + received;
    }

    private void complete(Caller caller, Upload upload) throws IOException {
        Path file = partFile(upload.id());
        String actual = sha256(file);
        if (!actual.equals(upload.sha256())) {
            discard(upload.id());
            throw new ApiException(ErrorCode.SHA256_MISMATCH, "The file's SHA-256 is " + actual + ", not the "
                    + upload.sha256() + " claimed in Upload-Metadata; nothing was kept");
        }
        PhotoFormat format = format(upload.id());
        if (format == null) {
            discard(upload.id());
            throw notAnImage();
        }
        ExifFacts exif = ExifFacts.read(file, settings.zone());
        // Store first, then record: should the record fail, the next request about this upload finishes it
        // (recordStored); the other order could record a photo whose bytes are not there.
        blobs.put(upload.sha256(), file);
        record(caller, upload, format, exif);
    }

    private PhotoFormat format(String id) throws IOException {
        byte[] head = new byte[PhotoFormat.SNIFF_BYTES];
        int length;
        try (InputStream in = Files.newInputStream(partFile(id))) {
            length = in.readNBytes(head, 0, head.length);
        }
        return PhotoFormat.sniff(head, length);
    }

    private void discard(String id) throws IOException {
        Files.deleteIfExists(partFile(id));
        database.write(connection -> {
            uploads.delete(connection, id);
            return null;
        });
    }

    private static ApiException notAnImage() {
        return new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "The file is not a JPEG, PNG, HEIC or WebP image;"
                + " the upload was discarded");
    }

    private Path partFile(String id) {
        return settings.uploadDir().resolve(id + ".part");
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest digest = Hashes.digest();
        byte[] buffer = new byte[BUFFER_BYTES];
        try (InputStream in = Files.newInputStream(file)) {
            for (int read; (read = in.read(buffer)) != -1; ) {
                digest.update(buffer, 0, read);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}

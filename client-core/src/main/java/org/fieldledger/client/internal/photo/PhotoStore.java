package org.fieldledger.client.internal.photo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fieldledger.client.LocalPhoto;
import org.fieldledger.client.PhotoUploadState;
import org.fieldledger.client.store.SqlDatabase;
import org.fieldledger.client.store.SqlRow;
import org.fieldledger.model.visit.AnswerValue;
import org.fieldledger.model.visit.PhotoFormat;
import org.fieldledger.model.visit.PhotoRef;
import org.fieldledger.model.visit.VisitId;

/**
 * Photos on the device: their files in the photo directory, named by SHA-256, and their rows in {@code photos}. File
 * work happens outside the database lock; row work inside the caller's transaction.
 */
public final class PhotoStore {
    private final SqlDatabase db;
    private final Path directory;

    /** @param directory where photo copies live, or null when the app configured none (attaching then fails) */
    public PhotoStore(SqlDatabase db, Path directory) {
        this.db = db;
        this.directory = directory;
    }

    /** A copy of a photo, hashed: what {@link #copyIn} made. */
    public static final class Copy {
        final PhotoRef ref;
        final long size;
        final PhotoFormat format;

        Copy(PhotoRef ref, long size, PhotoFormat format) {
            this.ref = ref;
            this.size = size;
            this.format = format;
        }

        public PhotoRef ref() {
            return ref;
        }
    }

    /**
     * Copies the bytes into the photo directory, hashing them on the way, and names the copy by its hash. Nothing
     * else refers to the file yet; {@link #attach} does, in a transaction.
     *
     * @throws IllegalArgumentException when the bytes are not a JPEG, PNG, HEIC or WebP image
     */
    public Copy copyIn(InputStream in) throws IOException {
        if (directory == null) {
            throw new IllegalStateException("no photo directory: set FieldDeviceConfig.Builder.photoDirectory(...)");
        }
        Files.createDirectories(directory);
        Path temporary = Files.createTempFile(directory, "attaching-", ".tmp");
        try {
            MessageDigest digest = sha256();
            byte[] head = new byte[PhotoFormat.SNIFF_BYTES];
            int headLength = 0;
            long size = 0;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temporary), digest)) {
                byte[] buffer = new byte[64 * 1024];
                for (int read; (read = in.read(buffer)) != -1; ) {
                    if (headLength < head.length) {
                        int take = Math.min(read, head.length - headLength);
                        System.arraycopy(buffer, 0, head, headLength, take);
                        headLength += take;
                    }
                    out.write(buffer, 0, read);
                    size += read;
                }
            }
            PhotoFormat format = PhotoFormat.sniff(head, headLength);
            if (format == null) {
                throw new IllegalArgumentException("not a JPEG, PNG, HEIC or WebP image");
            }
            PhotoRef ref = new PhotoRef(hex(digest.digest()));
            Path target = file(ref);
            if (!Files.exists(target)) {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            }
            return new Copy(ref, size, format);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Records that a draft's question holds the copy. */
    public void attach(VisitId visit, String questionId, Copy copy, long now) {
        db.update("DELETE FROM photos WHERE visit_id = ? AND question_id = ? AND sha256 = ?", visit.value(),
                questionId, copy.ref.sha256());
        db.update("INSERT INTO photos (visit_id, question_id, sha256, size, content_type, state, uploaded_bytes, "
                        + "attached_at) VALUES (?, ?, ?, ?, ?, 'PENDING', 0, ?)", visit.value(), questionId,
                copy.ref.sha256(), copy.size, copy.format.mediaType(), now);
    }

    /**
     * Forgets photos the visit's answers no longer hold (replaced or cleared before submitting), and deletes their
     * files when no other visit holds them. Called when a draft is submitted or discarded.
     */
    public void keepOnly(VisitId visit, Map<String, AnswerValue> answers) {
        for (LocalPhoto photo : ofVisit(visit)) {
            if (!refs(answers.get(photo.questionId())).contains(photo.ref())) {
                db.update("DELETE FROM photos WHERE visit_id = ? AND question_id = ? AND sha256 = ?", visit.value(),
                        photo.questionId(), photo.ref().sha256());
                deleteFileIfUnused(photo.ref());
            }
        }
    }

    public List<LocalPhoto> ofVisit(VisitId visit) {
        return db.query("SELECT * FROM photos WHERE visit_id = ? ORDER BY attached_at, question_id, sha256",
                PhotoStore::photo, visit.value());
    }

    /** Every visit's photos, by visit id. */
    public static Map<String, List<LocalPhoto>> byVisit(SqlDatabase db) {
        Map<String, List<LocalPhoto>> photos = new LinkedHashMap<>();
        // Rows are read inside the mapper: a row object is only valid until the cursor moves on.
        for (Map.Entry<String, LocalPhoto> entry : db.query("SELECT * FROM photos ORDER BY attached_at, question_id, "
                + "sha256", row -> new java.util.AbstractMap.SimpleImmutableEntry<>(row.getString("visit_id"),
                photo(row)))) {
            photos.computeIfAbsent(entry.getKey(), id -> new ArrayList<>()).add(entry.getValue());
        }
        return photos;
    }

    /** A photo waiting to be sent, with the first visit that holds it. */
    public record Waiting(PhotoRef ref, VisitId visit, long size, String contentType, String uploadUrl) {
    }

    /**
     * Photos to send now: not yet confirmed, not refused, and of a visit the server has accepted (a photo is evidence
     * of a visit; it goes only after its visit's record).
     */
    public List<Waiting> waiting() {
        List<Waiting> waiting = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Waiting photo : db.query("SELECT p.* FROM photos p JOIN visits v ON v.id = p.visit_id "
                + "WHERE p.state IN ('PENDING', 'UPLOADING') AND v.status = 'SUBMITTED' "
                + "AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.mutation_id = v.mutation_id) "
                + "AND NOT EXISTS (SELECT 1 FROM rejected_mutations r WHERE r.mutation_id = v.mutation_id) "
                + "ORDER BY p.attached_at, p.visit_id", row -> new Waiting(new PhotoRef(row.getString("sha256")),
                new VisitId(row.getString("visit_id")), row.getRequiredLong("size"), row.getString("content_type"),
                row.getString("upload_url")))) {
            if (seen.add(photo.ref().sha256())) {
                waiting.add(photo);
            }
        }
        return waiting;
    }

    public void markUploading(PhotoRef ref) {
        setState(ref, PhotoUploadState.UPLOADING, null);
    }

    /** Back to the queue after a network failure, keeping the reason for the user. */
    public void markPending(PhotoRef ref, String error) {
        setState(ref, PhotoUploadState.PENDING, error);
    }

    public void markFailed(PhotoRef ref, String error) {
        setState(ref, PhotoUploadState.FAILED, error);
    }

    /** The server holds the photo: the device's copy may go (see {@link #deleteFileIfUnused}). */
    public void markUploaded(PhotoRef ref, long size) {
        db.update("UPDATE photos SET state = 'UPLOADED', uploaded_bytes = ?, last_error = NULL, upload_url = NULL "
                + "WHERE sha256 = ?", size, ref.sha256());
    }

    public void saveProgress(PhotoRef ref, String uploadUrl, long uploadedBytes) {
        db.update("UPDATE photos SET upload_url = ?, uploaded_bytes = ? WHERE sha256 = ?", uploadUrl, uploadedBytes,
                ref.sha256());
    }

    /** At open: an upload a crash cut off goes back to the queue; its tus URL is kept, so it resumes. */
    public void resetUploading() {
        db.update("UPDATE photos SET state = 'PENDING' WHERE state = 'UPLOADING'");
    }

    /** The device's copy of a photo, or null when there is none (never attached here, or uploaded and deleted). */
    public Path file(PhotoRef ref) {
        return directory == null ? null : directory.resolve(ref.sha256());
    }

    /** Deletes the copy unless a row still needs it: one not yet confirmed by the server. */
    public void deleteFileIfUnused(PhotoRef ref) {
        List<Long> needed = db.query("SELECT COUNT(*) AS n FROM photos WHERE sha256 = ? AND state <> 'UPLOADED'",
                row -> row.getLong("n"), ref.sha256());
        if (needed.get(0) == 0 && directory != null) {
            try {
                Files.deleteIfExists(file(ref));
            } catch (IOException e) {
                // left for the next confirmation or discard; the row no longer needs it
            }
        }
    }

    private void setState(PhotoRef ref, PhotoUploadState state, String error) {
        db.update("UPDATE photos SET state = ?, last_error = ? WHERE sha256 = ? AND state IN ('PENDING', 'UPLOADING')",
                state.name(), error, ref.sha256());
    }

    private static LocalPhoto photo(SqlRow row) {
        return new LocalPhoto(new PhotoRef(row.getString("sha256")), row.getString("question_id"),
                row.getRequiredLong("size"), row.getString("content_type"),
                PhotoUploadState.valueOf(row.getString("state")), row.getRequiredLong("uploaded_bytes"),
                row.getString("last_error"));
    }

    static Collection<PhotoRef> refs(AnswerValue value) {
        List<PhotoRef> refs = new ArrayList<>();
        if (value instanceof AnswerValue.Photos) {
            refs.addAll(((AnswerValue.Photos) value).photos());
        } else if (value instanceof AnswerValue.Signature) {
            refs.add(((AnswerValue.Signature) value).image());
        }
        return refs;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java and Android runtime has SHA-256", e);
        }
    }

    private static String hex(byte[] bytes) {
        StringBuilder hex = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return hex.toString();
    }
}

package org.fieldledger.client.internal.photo;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fieldledger.client.PhotoUploadListener;
import org.fieldledger.client.SyncListener;
import org.fieldledger.client.internal.auth.ApiException;
import org.fieldledger.client.internal.auth.ServerApi;
import org.fieldledger.client.internal.auth.SessionExpiredException;
import org.fieldledger.client.internal.store.LocalDatabase;
import org.fieldledger.client.transport.HttpResponse;
import org.fieldledger.model.visit.PhotoRef;

/**
 * Sends photos over tus 1.0 (docs/photos.md), one upload per photo, in chunks, each with its SHA-256 in
 * {@code Upload-Checksum}. The upload's URL and offset are stored after every chunk, so a sync cut off anywhere resumes
 * on the next one from where the server's copy ends (asked with HEAD, never assumed). A photo is marked uploaded, and
 * its copy deleted, only when the server says it holds it: the last chunk answered 204, or the blob already exists.
 */
public final class PhotoUploader {
    private static final String TUS_VERSION = "1.0.0";
    /** A server refusing the same chunk's checksum this often is not seeing a damaged transfer but a bad file. */
    private static final int CHECKSUM_RETRIES = 3;

    private final LocalDatabase local;
    private final PhotoStore photos;
    private final ServerApi api;
    private final PhotoUploadListener listener;
    private final int chunkBytes;

    public PhotoUploader(LocalDatabase local, PhotoStore photos, ServerApi api, PhotoUploadListener listener,
                         int chunkBytes) {
        this.local = local;
        this.photos = photos;
        this.api = api;
        this.listener = listener;
        this.chunkBytes = chunkBytes;
    }

    /** What one round of uploads did. */
    public static final class Counts {
        public int uploaded;
        public int failed;
    }

    /**
     * Uploads every photo whose visit the server has accepted, reporting them to {@code sync} as its
     * {@link SyncListener.Phase#PHOTOS} phase. A photo the server refuses is marked FAILED and the others go on; a
     * network or server failure stops the round (the phase does not finish) and leaves everything queued.
     */
    public Counts uploadAll(SyncListener sync) throws IOException, ApiException, SessionExpiredException {
        Counts counts = new Counts();
        List<PhotoStore.Waiting> waiting = local.transaction(photos::waiting);
        sync.phaseStarted(SyncListener.Phase.PHOTOS, waiting.size());
        long done = 0;
        for (PhotoStore.Waiting photo : waiting) {
            local.run(() -> photos.markUploading(photo.ref()));
            Progress progress = (sent, total) -> {
                listener.onProgress(photo.visit(), photo.ref(), sent, total);
                sync.photoProgressed(photo.visit(), photo.ref(), sent, total);
            };
            try {
                upload(photo, progress);
                counts.uploaded++;
                local.run(() -> {
                    photos.markUploaded(photo.ref(), photo.size());
                    photos.deleteFileIfUnused(photo.ref());
                });
                sync.photoFinished(photo.visit(), photo.ref(), null);
            } catch (Refused e) {
                counts.failed++;
                local.run(() -> photos.markFailed(photo.ref(), e.getMessage()));
                sync.photoFinished(photo.visit(), photo.ref(), e.getMessage());
            } catch (IOException | ApiException | SessionExpiredException | RuntimeException e) {
                local.run(() -> photos.markPending(photo.ref(), String.valueOf(e.getMessage())));
                throw e;
            }
            sync.progressed(SyncListener.Phase.PHOTOS, ++done, waiting.size());
        }
        sync.phaseFinished(SyncListener.Phase.PHOTOS);
        return counts;
    }

    /** Where one photo's acknowledged bytes are reported: the app's PhotoUploadListener and the sync's listener. */
    private interface Progress {
        void sent(long sentBytes, long totalBytes);
    }

    /** Returns once the server holds the photo; {@link Refused} when it will not take it. */
    private void upload(PhotoStore.Waiting photo, Progress progress) throws IOException, ApiException, SessionExpiredException, Refused {
        HttpResponse held = api.exchange("HEAD", "/api/v1/blobs/" + photo.ref().sha256(), headers(), null);
        if (held.status() == 200) {
            progress.sent(photo.size(), photo.size());
            return;
        }
        if (held.status() != 404) {
            throw refusal(held);
        }
        Path file = photos.file(photo.ref());
        if (file == null || !Files.exists(file)) {
            throw new Refused("the device's copy of the photo is missing");
        }
        String url = photo.uploadUrl();
        long offset = url == null ? -1 : offset(url);
        if (offset < 0) {
            url = create(photo);
            offset = 0;
        }
        String location = url;
        long at = offset;
        local.run(() -> photos.saveProgress(photo.ref(), location, at));
        send(photo, file, url, offset, progress);
    }

    /** The server's offset of an upload, or -1 when the server no longer knows it (expired, discarded). */
    private long offset(String url) throws IOException, ApiException, SessionExpiredException {
        HttpResponse response = api.exchange("HEAD", url, headers(), null);
        if (response.status() == 404 || response.status() == 410) {
            return -1;
        }
        if (!response.isSuccessful()) {
            throw ServerApi.error(response);
        }
        return Long.parseLong(response.header("Upload-Offset"));
    }

    private String create(PhotoStore.Waiting photo)
            throws IOException, ApiException, SessionExpiredException, Refused {
        Map<String, String> headers = headers();
        headers.put("Upload-Length", Long.toString(photo.size()));
        headers.put("Upload-Metadata", "sha256 " + base64(photo.ref().sha256()) + ",filename "
                + base64(photo.ref().sha256() + extension(photo.contentType())) + ",filetype "
                + base64(photo.contentType()));
        HttpResponse response = api.exchange("POST", "/api/v1/uploads", headers, null);
        if (response.status() != 201 || response.header("Location") == null) {
            throw refusal(response);
        }
        return response.header("Location");
    }

    private void send(PhotoStore.Waiting photo, Path file, String url, long from, Progress progress)
            throws IOException, ApiException, SessionExpiredException, Refused {
        long offset = from;
        int checksumFailures = 0;
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            while (offset < photo.size()) {
                byte[] chunk = new byte[(int) Math.min(chunkBytes, photo.size() - offset)];
                in.seek(offset);
                in.readFully(chunk);
                Map<String, String> headers = headers();
                // POST with an override: HttpURLConnection, the default transport on Android and the JDK, cannot send
                // PATCH (tus core §X-HTTP-Method-Override).
                headers.put("X-HTTP-Method-Override", "PATCH");
                headers.put("Content-Type", "application/offset+octet-stream");
                headers.put("Upload-Offset", Long.toString(offset));
                headers.put("Upload-Checksum", "sha256 " + Base64.getEncoder().encodeToString(sha256(chunk)));
                HttpResponse response = api.exchange("POST", url, headers, chunk);
                if (response.status() == 460 && ++checksumFailures < CHECKSUM_RETRIES) {
                    continue;
                }
                if (response.status() == 409) {
                    long server = offset(url);
                    if (server < 0) {
                        throw new IOException("the server dropped upload " + url + "; it starts over next sync");
                    }
                    offset = server;
                    continue;
                }
                if (response.status() != 204) {
                    throw refusal(response);
                }
                offset = Long.parseLong(response.header("Upload-Offset"));
                long done = offset;
                local.run(() -> photos.saveProgress(photo.ref(), url, done));
                progress.sent(offset, photo.size());
            }
        }
    }

    /** A 4xx is the server's refusal of this photo, worded for the user; anything else is thrown as it is. */
    private static Refused refusal(HttpResponse response) throws ApiException {
        ApiException error = ServerApi.error(response);
        if (error.isTransient() || response.status() < 400) {
            throw error;
        }
        return new Refused(error.code() + ": " + error.getMessage());
    }

    /** The server will not take this photo; retrying cannot help. */
    private static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String reason) {
            super(reason);
        }
    }

    private static Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Tus-Resumable", TUS_VERSION);
        return headers;
    }

    private static String extension(String contentType) {
        int slash = contentType.indexOf('/');
        return slash < 0 ? "" : "." + contentType.substring(slash + 1).replace("jpeg", "jpg");
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java and Android runtime has SHA-256", e);
        }
    }
}

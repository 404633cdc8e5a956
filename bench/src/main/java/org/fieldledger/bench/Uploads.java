package org.fieldledger.bench;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Photo uploads by the tus 1.0 protocol: a creation POST with Upload-Length and Upload-Metadata (the photo's sha256),
 * then one PATCH of the whole 3 MB at offset 0 with Upload-Checksum. The same photos go to our
 * /api/v1/uploads, to @tus/server on loopback, and to local disk (a plain file write, no fsync) as the limit.
 */
final class Uploads {
    static final int PHOTO_BYTES = 3 * 1024 * 1024;

    private Uploads() {
    }

    record Photo(byte[] bytes, String sha256Hex, String checksumBase64) {
    }

    static List<Photo> photos(int count) {
        Random random = new Random(42);
        List<Photo> photos = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] bytes = new byte[PHOTO_BYTES];
            random.nextBytes(bytes);
            // A JPEG start-of-image marker: the server refuses bytes that do not announce an image format.
            bytes[0] = (byte) 0xFF;
            bytes[1] = (byte) 0xD8;
            bytes[2] = (byte) 0xFF;
            byte[] digest = Workload.sha256(bytes);
            photos.add(new Photo(bytes, HexFormat.of().formatHex(digest), Base64.getEncoder().encodeToString(digest)));
        }
        return photos;
    }

    /** Thrown when the server has no tus endpoint (404 on creation). */
    static final class NoEndpoint extends Exception {
        NoEndpoint(String message) {
            super(message);
        }
    }

    /** @return MB/s (MiB of photo bytes per second) over all photos, sent by {@code clients} at once */
    static double tus(String url, String path, String token, List<Photo> photos, int clients) throws Exception {
        // One probe creation first, so a server without the endpoint is reported as such, not as an error.
        Http probe = new Http(url);
        byte[] one = {1};
        byte[] digest = Workload.sha256(one);
        Http.Response created = create(probe, path, token, new Photo(one, HexFormat.of().formatHex(digest),
                Base64.getEncoder().encodeToString(digest)));
        if (created.status() == 404) {
            throw new NoEndpoint(path + " answered 404");
        }
        return timed(photos, clients, (http, photo) -> upload(http, path, token, photo), () -> new Http(url));
    }

    private static Http.Response create(Http http, String path, String token, Photo photo) {
        String metadata = "sha256 " + b64(photo.sha256Hex()) + ",filename " + b64(photo.sha256Hex() + ".jpg")
                + ",filetype " + b64("image/jpeg");
        return http.send(http.request(path, token).header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", Integer.toString(photo.bytes().length)).header("Upload-Metadata", metadata)
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private static void upload(Http http, String path, String token, Photo photo) {
        Http.Response created = create(http, path, token, photo).expect(201, "tus creation");
        String location = created.raw().headers().firstValue("Location").orElseThrow(() ->
                new IllegalStateException("tus creation without Location"));
        if (!location.startsWith("http")) {
            location = created.raw().uri().resolve(location).toString();
        }
        http.send(http.request(location, token).header("Tus-Resumable", "1.0.0").header("Upload-Offset", "0")
                .header("Upload-Checksum", "sha256 " + photo.checksumBase64())
                .header("Content-Type", "application/offset+octet-stream")
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(photo.bytes())).build())
                .expect(204, "tus PATCH");
    }

    /** The same bytes written to files in a local directory. */
    static double localDisk(Path directory, List<Photo> photos, int clients) throws Exception {
        Files.createDirectories(directory);
        return timed(photos, clients, (unused, photo) -> {
            try {
                Files.write(directory.resolve(photo.sha256Hex()), photo.bytes());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, () -> null);
    }

    interface Step {
        void run(Http http, Photo photo) throws Exception;
    }

    private static double timed(List<Photo> photos, int clients, Step step, java.util.function.Supplier<Http> client)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            long start = System.nanoTime();
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int first = c;
                running.add(pool.submit(() -> {
                    Http http = client.get();
                    for (int i = first; i < photos.size(); i += clients) {
                        step.run(http, photos.get(i));
                    }
                    return null;
                }));
            }
            for (Future<?> future : running) {
                future.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return photos.size() * (double) PHOTO_BYTES / (1024 * 1024) / seconds;
        } finally {
            pool.shutdownNow();
        }
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}

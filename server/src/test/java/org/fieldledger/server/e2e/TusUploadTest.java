package org.fieldledger.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fieldledger.server.e2e.FieldWorld.LIUXING;
import static org.fieldledger.server.e2e.FieldWorld.WANGYIN;

import io.tus.java.client.ProtocolException;
import io.tus.java.client.TusClient;
import io.tus.java.client.TusURLMemoryStore;
import io.tus.java.client.TusUpload;
import io.tus.java.client.TusUploader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URL;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Stream;
import org.fieldledger.model.site.SiteId;
import org.fieldledger.model.visit.VisitId;
import org.fieldledger.server.testing.Backend;
import org.fieldledger.server.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Photo uploads over tus 1.0, through the official tus Java client and by hand, on both databases. */
class TusUploadTest {
    @Nested
    class OnSqlite extends Contract {
        OnSqlite() {
            super(Backend.SQLITE);
        }
    }

    @Nested
    class OnPostgres extends Contract {
        OnPostgres() {
            super(Backend.POSTGRES);
        }
    }

    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract static class Contract {
        static final int MAX_SIZE = 4 * 1024 * 1024;

        private final Backend backend;
        private FieldWorld world;
        private SiteId household;
        private String inspector;

        Contract(Backend backend) {
            this.backend = backend;
        }

        @BeforeAll
        void start() {
            world = FieldWorld.start(backend, Map.of("fieldledger.photos.max-size", MAX_SIZE));
            household = world.household("wy-household-201", WANGYIN, "东村201号");
            inspector = world.token("wang.inspector");
        }

        @AfterAll
        void stop() {
            world.close();
        }

        @Test
        void theOfficialTusClientUploadsAPhotoThatReadersOfItsVisitGetWithRanges() throws Exception {
            byte[] photo = TestPhotos.jpeg("alarm-201", null, null);
            String sha = TestPhotos.sha256(photo);
            world.visitClaiming(inspector, "v-tus-201", household, TestPhotos.ref(photo));

            upload(tusClient(inspector, null), photo, sha, 16 * 1024);

            String supervisor = world.token("du.supervisor");
            TestServer.Response whole = world.server.get("/api/v1/blobs/" + sha, supervisor);
            assertThat(whole.status()).isEqualTo(200);
            assertThat(whole.header("ETag")).isEqualTo("\"" + sha + "\"");
            assertThat(whole.header("Content-Type")).startsWith("image/jpeg");
            assertThat(TestPhotos.sha256(bytes("/api/v1/blobs/" + sha, supervisor, null))).isEqualTo(sha);
            HttpRequest ranged = world.server.request("/api/v1/blobs/" + sha, supervisor).header("Range",
                    "bytes=2-11").GET().build();
            java.net.http.HttpResponse<byte[]> part = send(ranged);
            assertThat(part.statusCode()).isEqualTo(206);
            assertThat(part.headers().firstValue("Content-Range")).contains("bytes 2-11/" + photo.length);
            assertThat(part.body()).isEqualTo(java.util.Arrays.copyOfRange(photo, 2, 12));
            assertThat(send(world.server.request("/api/v1/blobs/" + sha, supervisor).header("Range",
                    "bytes=" + photo.length + "-").GET().build()).statusCode()).isEqualTo(416);
            TestServer.Response thumbnail = world.server.get("/api/v1/blobs/" + sha + "/thumbnail", supervisor);
            assertThat(thumbnail.status()).isEqualTo(200);
            assertThat(thumbnail.header("Content-Type")).startsWith("image/jpeg");

            TestServer.Response otherTown = world.server.get("/api/v1/blobs/" + sha, world.token("liu.inspector"));
            assertThat(otherTown.status()).isEqualTo(403);
            assertThat(otherTown.code()).isEqualTo("FORBIDDEN");
            assertThat(world.server.get("/api/v1/blobs/" + "0".repeat(64), supervisor).status()).isEqualTo(404);
            assertThat(Files.exists(blobFile(sha))).isTrue();
            assertThat(partFiles()).isEmpty();
        }

        @Test
        void anUploadCutOffHalfwayResumesFromTheServersOffsetAfterARestart() throws Exception {
            byte[] photo = TestPhotos.largeJpeg("alarm-202", 3 * 1024 * 1024);
            String sha = TestPhotos.sha256(photo);
            world.visitClaiming(inspector, "v-tus-202", household, TestPhotos.ref(photo));
            TusURLMemoryStore urls = new TusURLMemoryStore();
            TusUpload upload = tusUpload(photo, sha);
            TusUploader first = tusClient(inspector, urls).createUpload(upload);
            first.setChunkSize(64 * 1024);
            first.setRequestPayloadSize(256 * 1024);
            while (first.getOffset() < photo.length / 2) {
                first.uploadChunk();
            }
            first.finish(false);
            long cutAt = first.getOffset();

            world.server.restart(Map.of());
            String token = world.token("wang.inspector");
            upload.setInputStream(new ByteArrayInputStream(photo));
            TusUploader resumed = tusClient(token, urls).resumeUpload(upload);

            assertThat(resumed.getOffset()).as("the server's offset after the restart").isEqualTo(cutAt)
                    .isGreaterThan(0);
            resumed.setChunkSize(64 * 1024);
            while (resumed.uploadChunk() > -1) {
                // until the last byte
            }
            resumed.finish();
            assertThat(TestPhotos.sha256(bytes("/api/v1/blobs/" + sha, token, null))).isEqualTo(sha);
            assertThat(partFiles()).isEmpty();
            inspector = token;
        }

        @Test
        void aChunkWithAWrongChecksumIsRefusedWith460AndDiscarded() {
            byte[] photo = TestPhotos.jpeg("alarm-203", null, null);
            String location = create(photo.length, TestPhotos.sha256(photo));
            byte[] firstHalf = java.util.Arrays.copyOf(photo, photo.length / 2);
            byte[] secondHalf = java.util.Arrays.copyOfRange(photo, photo.length / 2, photo.length);

            TestServer.Response damaged = patch(location, 0, firstHalf, "sha256 " + digest("SHA-256", secondHalf));

            assertThat(damaged.status()).isEqualTo(460);
            assertThat(damaged.code()).isEqualTo("CHECKSUM_MISMATCH");
            assertThat(damaged.header("Tus-Resumable")).isEqualTo("1.0.0");
            assertThat(offset(location)).isZero();

            TestServer.Response good = patch(location, 0, firstHalf, "sha256 " + digest("SHA-256", firstHalf));
            assertThat(good.status()).isEqualTo(204);
            assertThat(good.header("Upload-Offset")).isEqualTo(Integer.toString(firstHalf.length));
            TestServer.Response stale = patch(location, 0, firstHalf, null);
            assertThat(stale.status()).isEqualTo(409);
            assertThat(stale.code()).isEqualTo("UPLOAD_OFFSET_MISMATCH");
            TestServer.Response rest = patch(location, firstHalf.length, secondHalf,
                    "sha1 " + digest("SHA-1", secondHalf));
            assertThat(rest.status()).isEqualTo(204);
            assertThat(world.count("SELECT COUNT(*) FROM blob WHERE sha256 = ?", TestPhotos.sha256(photo)))
                    .isEqualTo(1);
        }

        @Test
        void aPatchOfNoBytesChangesNothingAndAnswersTheOffset() {
            byte[] photo = TestPhotos.jpeg("alarm-204", null, null);
            String location = create(photo.length, TestPhotos.sha256(photo));

            TestServer.Response empty = patch(location, 0, new byte[0], null);

            assertThat(empty.status()).as(empty.toString()).isEqualTo(204);
            assertThat(empty.header("Upload-Offset")).isEqualTo("0");
            assertThat(patch(location, 0, photo, null).status()).isEqualTo(204);
            assertThat(world.count("SELECT COUNT(*) FROM blob WHERE sha256 = ?", TestPhotos.sha256(photo)))
                    .isEqualTo(1);
        }

        @Test
        void aFileOverTheSizeLimitIs413WithTheLimitAdvertised() {
            TestServer.Response tooBig = world.server.send(world.server.request("/api/v1/uploads", inspector)
                    .header("Tus-Resumable", "1.0.0").header("Upload-Length", Integer.toString(MAX_SIZE + 1))
                    .header("Upload-Metadata", "sha256 " + b64("a".repeat(64)))
                    .POST(HttpRequest.BodyPublishers.noBody()).build());

            assertThat(tooBig.status()).isEqualTo(413);
            assertThat(tooBig.code()).isEqualTo("PAYLOAD_TOO_LARGE");
            assertThat(tooBig.header("Tus-Max-Size")).isEqualTo(Integer.toString(MAX_SIZE));
            assertThat(world.count("SELECT COUNT(*) FROM upload WHERE length > ?", MAX_SIZE)).isZero();
        }

        @Test
        void aFileThatIsNotAnImageIs415AndLeavesNothingBehind() throws Exception {
            byte[] pdf = TestPhotos.notAnImage();
            String sha = TestPhotos.sha256(pdf);
            int uploadsBefore = world.count("SELECT COUNT(*) FROM upload");

            assertThatThrownBy(() -> upload(tusClient(inspector, null), pdf, sha, 4096))
                    .isInstanceOf(ProtocolException.class)
                    .satisfies(e -> assertThat(((ProtocolException) e).getCausingConnection().getResponseCode())
                            .isEqualTo(415));

            assertThat(world.count("SELECT COUNT(*) FROM upload")).isEqualTo(uploadsBefore);
            assertThat(world.count("SELECT COUNT(*) FROM blob WHERE sha256 = ?", sha)).isZero();
            assertThat(Files.exists(blobFile(sha))).isFalse();
            assertThat(partFiles()).isEmpty();
        }

        @Test
        void aFileWhoseHashIsNotTheClaimedOneIs422AndLeavesNothingBehind() throws IOException {
            byte[] photo = TestPhotos.jpeg("alarm-205", null, null);
            String claimed = TestPhotos.sha256(TestPhotos.jpeg("another photo", null, null));
            String location = create(photo.length, claimed);

            TestServer.Response last = patch(location, 0, photo, null);

            assertThat(last.status()).isEqualTo(422);
            assertThat(last.code()).isEqualTo("SHA256_MISMATCH");
            assertThat(world.server.send(tus(location).method("HEAD", HttpRequest.BodyPublishers.noBody()).build())
                    .status()).isEqualTo(404);
            assertThat(world.count("SELECT COUNT(*) FROM blob WHERE sha256 IN (?, ?)", claimed,
                    TestPhotos.sha256(photo))).isZero();
            assertThat(partFiles()).isEmpty();
        }

        @Test
        void theSamePhotoSentTwiceIsStoredAndRecordedOnce() throws Exception {
            byte[] photo = TestPhotos.jpeg("alarm-206", null, null);
            String sha = TestPhotos.sha256(photo);
            world.visitClaiming(inspector, "v-tus-206", household, TestPhotos.ref(photo));

            upload(tusClient(inspector, null), photo, sha, 8192);
            upload(tusClient(inspector, null), photo, sha, 8192);

            assertThat(world.count("SELECT COUNT(*) FROM blob WHERE sha256 = ?", sha)).isEqualTo(1);
            assertThat(world.count("SELECT COUNT(*) FROM ledger_entry WHERE action = 'PHOTO_RECEIVED'"
                    + " AND entity_id = 'v-tus-206'")).isEqualTo(1);
        }

        @Test
        void discoveryNeedsNoTokenAndOtherRequestsNeedTusAndAToken() throws IOException {
            TestServer.Response options = world.server.send(world.server.request("/api/v1/uploads", null)
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
            assertThat(options.status()).isEqualTo(204);
            assertThat(options.header("Tus-Version")).isEqualTo("1.0.0");
            assertThat(options.header("Tus-Extension")).isEqualTo("creation,checksum,termination,expiration");
            assertThat(options.header("Tus-Checksum-Algorithm")).isEqualTo("sha256,sha1");
            assertThat(options.header("Tus-Max-Size")).isEqualTo(Integer.toString(MAX_SIZE));

            TestServer.Response anonymous = world.server.send(world.server.request("/api/v1/uploads", null)
                    .header("Tus-Resumable", "1.0.0").header("Upload-Length", "100")
                    .POST(HttpRequest.BodyPublishers.noBody()).build());
            assertThat(anonymous.status()).isEqualTo(401);
            assertThat(anonymous.header("Tus-Resumable")).isEqualTo("1.0.0");
            TestServer.Response oldTus = world.server.send(world.server.request("/api/v1/uploads", inspector)
                    .header("Tus-Resumable", "0.2.2").header("Upload-Length", "100")
                    .POST(HttpRequest.BodyPublishers.noBody()).build());
            assertThat(oldTus.status()).isEqualTo(412);
            assertThat(oldTus.code()).isEqualTo("UNSUPPORTED_TUS_VERSION");
            assertThat(oldTus.header("Tus-Version")).isEqualTo("1.0.0");

            byte[] photo = TestPhotos.jpeg("alarm-207", null, null);
            String location = create(photo.length, TestPhotos.sha256(photo));
            TestServer.Response someoneElse = world.server.send(world.server.request(location,
                    world.token("li.inspector")).header("Tus-Resumable", "1.0.0")
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
            assertThat(someoneElse.status()).as("another user's upload is as good as absent").isEqualTo(404);
            TestServer.Response terminated = world.server.send(tus(location).DELETE().build());
            assertThat(terminated.status()).isEqualTo(204);
            assertThat(world.server.send(tus(location).method("HEAD", HttpRequest.BodyPublishers.noBody()).build())
                    .status()).isEqualTo(404);
        }

        @Test
        void aConnectionDroppedMidChunkKeepsWhatArrivedAndTheUploadGoesOnFromThere() throws Exception {
            byte[] photo = TestPhotos.largeJpeg("alarm-208", 400_000);
            String location = create(photo.length, TestPhotos.sha256(photo));
            int sent = photo.length / 2;
            try (java.net.Socket socket = new java.net.Socket("localhost", world.server.uri("").getPort())) {
                java.io.OutputStream out = socket.getOutputStream();
                out.write(("PATCH " + location + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + inspector
                        + "\r\nTus-Resumable: 1.0.0\r\nUpload-Offset: 0\r\nContent-Type: application/offset+octet-stream"
                        + "\r\nContent-Length: " + photo.length + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                out.write(photo, 0, sent);
                out.flush();
                Thread.sleep(500);
            }
            long kept = 0;
            for (int i = 0; i < 50 && kept == 0; i++) {
                Thread.sleep(100);
                kept = offset(location);
            }

            assertThat(kept).as("what arrived before the drop is kept (no checksum was sent)").isPositive()
                    .isLessThanOrEqualTo(sent);
            TestServer.Response rest = patch(location, kept, java.util.Arrays.copyOfRange(photo, (int) kept,
                    photo.length), null);
            assertThat(rest.status()).as(rest.toString()).isEqualTo(204);
            assertThat(world.count("SELECT COUNT(*) FROM blob WHERE sha256 = ?", TestPhotos.sha256(photo)))
                    .isEqualTo(1);
        }

        @Test
        void anUploadNobodyFinishesExpiresWithItsBytes() throws Exception {
            byte[] photo = TestPhotos.jpeg("alarm-209", null, null);
            TestServer.Response created = world.server.send(tus("/api/v1/uploads")
                    .header("Upload-Length", Integer.toString(photo.length))
                    .header("Upload-Metadata", "sha256 " + b64(TestPhotos.sha256(photo)))
                    .POST(HttpRequest.BodyPublishers.noBody()).build());
            assertThat(created.header("Upload-Expires")).endsWith("GMT");
            String location = created.header("Location");
            patch(location, 0, java.util.Arrays.copyOf(photo, 100), null);
            String id = location.substring(location.lastIndexOf('/') + 1);
            world.server.bean(org.fieldledger.server.storage.Database.class).write(connection ->
                    org.fieldledger.server.storage.Sql.update(connection, "UPDATE upload SET created_at = ?"
                            + " WHERE id = ?", java.time.Instant.now().minus(java.time.Duration.ofDays(8)).toString(),
                            id));

            assertThat(world.server.bean(org.fieldledger.server.upload.Uploads.class).expire()).isEqualTo(1);

            assertThat(world.server.send(tus(location).method("HEAD", HttpRequest.BodyPublishers.noBody()).build())
                    .status()).isEqualTo(404);
            assertThat(Files.exists(world.server.dataDir().resolve("uploads").resolve(id + ".part"))).isFalse();
        }

        @Test
        void aCompletionCutOffBetweenStoreAndRecordIsFinishedByTheNextRequest() throws Exception {
            byte[] photo = TestPhotos.jpeg("alarm-210", null, null);
            String sha = TestPhotos.sha256(photo);
            VisitId visit = world.visitClaiming(inspector, "v-tus-210", household, TestPhotos.ref(photo));
            world.uploadPhoto(inspector, photo);
            String owner = world.server.login("wang.inspector", TestServer.USER_PASSWORD).userId();
            // The bytes are in the blob store, but the server died before recording them.
            world.server.bean(org.fieldledger.server.storage.Database.class).write(connection -> {
                org.fieldledger.server.storage.Sql.update(connection, "DELETE FROM blob WHERE sha256 = ?", sha);
                return org.fieldledger.server.storage.Sql.update(connection, "INSERT INTO upload (id, owner_id,"
                        + " length, upload_offset, sha256, filename, metadata, created_at) VALUES (?, ?, ?, ?, ?, ?,"
                        + " ?, ?)", "cut-210", owner, photo.length, photo.length, sha, null, null,
                        java.time.Instant.now().toString());
            });
            assertThat(world.server.get("/api/v1/visits/" + visit.value() + "/photos", inspector).json()
                    .path("missingPhotos").asInt()).as("this photo and the two stand-ins").isEqualTo(3);

            TestServer.Response head = world.server.send(tus("/api/v1/uploads/cut-210")
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());

            assertThat(head.status()).isEqualTo(404);
            assertThat(world.count("SELECT COUNT(*) FROM blob WHERE sha256 = ?", sha)).isEqualTo(1);
            assertThat(world.server.get("/api/v1/visits/" + visit.value() + "/photos", inspector).json()
                    .path("missingPhotos").asInt()).as("only the two stand-ins").isEqualTo(2);
        }

        // --- helpers

        private TusClient tusClient(String token, TusURLMemoryStore urls) throws IOException {
            TusClient client = new TusClient();
            client.setUploadCreationURL(new URL(world.server.uri("/api/v1/uploads").toString()));
            client.setHeaders(Map.of("Authorization", "Bearer " + token));
            if (urls != null) {
                client.enableResuming(urls);
            }
            return client;
        }

        private static TusUpload tusUpload(byte[] bytes, String sha) {
            TusUpload upload = new TusUpload();
            upload.setInputStream(new ByteArrayInputStream(bytes));
            upload.setSize(bytes.length);
            upload.setFingerprint(sha);
            upload.setMetadata(Map.of("sha256", sha, "filename", sha.substring(0, 8) + ".jpg"));
            return upload;
        }

        private static void upload(TusClient client, byte[] bytes, String sha, int chunk) throws Exception {
            TusUploader uploader = client.createUpload(tusUpload(bytes, sha));
            uploader.setChunkSize(chunk);
            while (uploader.uploadChunk() > -1) {
                // until the last byte
            }
            uploader.finish();
        }

        private HttpRequest.Builder tus(String location) {
            return world.server.request(location, inspector).header("Tus-Resumable", "1.0.0");
        }

        private String create(long length, String sha) {
            TestServer.Response created = world.server.send(tus("/api/v1/uploads")
                    .header("Upload-Length", Long.toString(length)).header("Upload-Metadata", "sha256 " + b64(sha))
                    .POST(HttpRequest.BodyPublishers.noBody()).build());
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            return created.header("Location");
        }

        private TestServer.Response patch(String location, long offset, byte[] chunk, String checksum) {
            HttpRequest.Builder request = tus(location).header("Upload-Offset", Long.toString(offset))
                    .header("Content-Type", "application/offset+octet-stream");
            if (checksum != null) {
                request.header("Upload-Checksum", checksum);
            }
            return world.server.send(request.method("PATCH", HttpRequest.BodyPublishers.ofByteArray(chunk)).build());
        }

        private long offset(String location) {
            return Long.parseLong(world.server.send(tus(location).method("HEAD", HttpRequest.BodyPublishers.noBody())
                    .build()).header("Upload-Offset"));
        }

        private byte[] bytes(String path, String token, String range) {
            return send(world.server.request(path, token).GET().build()).body();
        }

        private static java.net.http.HttpResponse<byte[]> send(HttpRequest request) {
            try {
                return java.net.http.HttpClient.newHttpClient().send(request,
                        java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException | InterruptedException e) {
                throw new AssertionError(e);
            }
        }

        private Path blobFile(String sha) {
            return world.server.dataDir().resolve("blobs").resolve(sha.substring(0, 2)).resolve(sha.substring(2, 4))
                    .resolve(sha);
        }

        private java.util.List<Path> partFiles() throws IOException {
            Path uploads = world.server.dataDir().resolve("uploads");
            if (!Files.exists(uploads)) {
                return java.util.List.of();
            }
            try (Stream<Path> files = Files.list(uploads)) {
                // Uploads other tests left open on purpose are still in the table; only orphans count.
                return files.filter(file -> world.count("SELECT COUNT(*) FROM upload WHERE id = ?",
                        file.getFileName().toString().replace(".part", "")) == 0).toList();
            }
        }

        private static String digest(String algorithm, byte[] bytes) {
            try {
                return Base64.getEncoder().encodeToString(MessageDigest.getInstance(algorithm).digest(bytes));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        private static String b64(String text) {
            return Base64.getEncoder().encodeToString(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}

package org.fieldledger.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.tus.java.client.TusClient;
import io.tus.java.client.TusUpload;
import io.tus.java.client.TusUploader;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.fieldledger.model.site.SiteId;
import org.fieldledger.model.sync.MutationType;
import org.fieldledger.model.sync.WireJson;
import org.fieldledger.model.visit.AnswerValue;
import org.fieldledger.model.visit.PhotoRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 200 MB photo through the shipped server jar, started as its own JVM with a 128 MB heap that dies on an
 * OutOfMemoryError: uploads and downloads stream, they never hold a photo in memory. Runs in Maven's integration-test
 * phase, after the jar is built; no database to install (SQLite in a temporary data directory).
 */
class LargeUploadMemoryIT {
    private static final long SIZE = 200L * 1024 * 1024;
    private static final String PASSWORD = "inspector-password-2026";

    @TempDir
    Path dataDir;

    @Test
    void aPhotoOf200MegabytesGoesUpAndComesBackThroughAServerWith128MegabytesOfHeap() throws Exception {
        try (ServerJar server = ServerJar.start(dataDir, List.of("-Xmx128m", "-XX:+ExitOnOutOfMemoryError"),
                Map.of("FIELDLEDGER_PHOTO_MAX_SIZE", "256MB"))) {
            String admin = server.login("admin", ServerJar.ADMIN_PASSWORD, null);
            server.post("/api/v1/admin/users", "{\"username\":\"big.inspector\",\"password\":\"" + PASSWORD
                    + "\",\"role\":\"INSPECTOR\",\"areas\":[\"" + FieldWorld.WANGYIN + "\"]}", admin, 201);
            server.post("/api/v1/sites", "{\"id\":\"wy-household-500\",\"name\":\"西村500号\",\"kind\":\"HOUSEHOLD\","
                    + "\"area\":\"" + FieldWorld.WANGYIN + "\",\"location\":{\"latitude\":35.4012,"
                    + "\"longitude\":116.5633},\"projects\":[\"gaoxin-2024-2\"]}", admin, 201);
            String inspector = server.login("big.inspector", PASSWORD, null);
            String sha = sha256(new LargePhoto(SIZE));
            Map<String, AnswerValue> answers = FieldWorld.alarmAnswers("SA-2024-00500");
            answers.put("photos", new AnswerValue.Photos(java.util.List.of(new PhotoRef(sha),
                    FieldWorld.photo("phone-500"))));
            server.post("/api/v1/visits", WireJson.writePayload(MutationType.SUBMIT_VISIT, Pushes.alarmVisit("v-500",
                    new SiteId("wy-household-500"), FieldWorld.SMOKE_ALARM, answers)), inspector, 201);

            TusClient client = new TusClient();
            client.setUploadCreationURL(new URL(server.base() + "/api/v1/uploads"));
            client.setHeaders(Map.of("Authorization", "Bearer " + inspector));
            TusUpload upload = new TusUpload();
            upload.setSize(SIZE);
            upload.setInputStream(new LargePhoto(SIZE));
            upload.setFingerprint(sha);
            upload.setMetadata(Map.of("sha256", sha, "filename", "IMG_0500.jpg"));
            TusUploader uploader = client.createUpload(upload);
            uploader.setChunkSize(1024 * 1024);
            uploader.setRequestPayloadSize(32 * 1024 * 1024);
            while (uploader.uploadChunk() > -1) {
                // every byte, 32 MB per PATCH
            }
            uploader.finish();

            assertThat(server.isAlive()).as("the server survived the upload").isTrue();
            HttpResponse<InputStream> download = server.send(HttpRequest.newBuilder(URI.create(server.base()
                    + "/api/v1/blobs/" + sha)), inspector, HttpResponse.BodyHandlers.ofInputStream());
            assertThat(download.statusCode()).isEqualTo(200);
            assertThat(sha256(download.body())).isEqualTo(sha);
            assertThat(server.isAlive()).as("the server survived the download").isTrue();
            assertThat(Files.size(dataDir.resolve("blobs").resolve(sha.substring(0, 2)).resolve(sha.substring(2, 4))
                    .resolve(sha))).isEqualTo(SIZE);
        }
    }

    private static String sha256(InputStream in) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[1 << 16];
        try (in) {
            for (int read; (read = in.read(buffer)) != -1; ) {
                digest.update(buffer, 0, read);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * A real JPEG followed by noise, generated from each byte's position as it is read: the same bytes however the
     * reader slices them, and the test holds none of it either.
     */
    private static final class LargePhoto extends InputStream {
        private final byte[] head = TestPhotos.plainJpeg("ceiling-500");
        private final long size;
        private long position;

        LargePhoto(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (position >= size) {
                return -1;
            }
            int count = (int) Math.min(length, size - position);
            for (int i = 0; i < count; i++) {
                long at = position + i;
                buffer[offset + i] = at < head.length ? head[(int) at] : (byte) ((at * 0x9E3779B97F4A7C15L) >>> 56);
            }
            position += count;
            return count;
        }
    }
}

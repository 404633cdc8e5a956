package org.fieldledger.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fieldledger.server.e2e.FieldWorld.SMOKE_ALARM;
import static org.fieldledger.server.e2e.FieldWorld.WANGYIN;
import static org.fieldledger.server.e2e.FieldWorld.WANGYIN_HOUSEHOLD_37;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.fieldledger.client.FieldDevice;
import org.fieldledger.client.InvalidVisitException;
import org.fieldledger.client.LocalPhoto;
import org.fieldledger.client.LocalVisit;
import org.fieldledger.client.PhotoUploadState;
import org.fieldledger.client.SyncListener;
import org.fieldledger.client.SyncReport;
import org.fieldledger.client.SyncState;
import org.fieldledger.client.transport.HttpResponse;
import org.fieldledger.client.transport.Transport;
import org.fieldledger.client.transport.UrlConnectionTransport;
import org.fieldledger.model.site.SiteId;
import org.fieldledger.model.visit.PhotoRef;
import org.fieldledger.model.visit.VisitId;
import org.fieldledger.server.testing.Backend;
import org.fieldledger.server.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Photos from a client-core device to the supervisor's screen: attached offline, uploaded by tus, resumed. */
class PhotoSyncEndToEndTest {
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

    abstract static class Contract {
        private final Backend backend;
        private FieldWorld world;

        Contract(Backend backend) {
            this.backend = backend;
        }

        @AfterEach
        void stop() {
            if (world != null) {
                world.close();
            }
        }

        @Test
        void photosAttachedOfflineReachTheSupervisorAfterTheVisitAndLeaveTheDevice() throws Exception {
            world = FieldWorld.start(backend);
            SiteId household = world.household("wy-household-301", WANGYIN, "北村301号");
            Map<String, Long> progress = new ConcurrentHashMap<>();
            FieldDevice device = world.device("wang.inspector", "tablet-wang-31", Clock.systemUTC(),
                    builder -> builder.uploadChunkBytes(4096).photoUploadListener((visit, photo, sent, total) ->
                            progress.merge(photo.sha256(), sent, Math::max)));
            device.sync();
            byte[] ceiling = TestPhotos.largeJpeg("ceiling-301", 20_000);
            byte[] phone = TestPhotos.plainJpeg("phone-301");
            byte[] signature = png("张桂兰");
            Path ceilingFile = Files.write(Files.createTempFile("IMG_0301", ".jpg"), ceiling);

            VisitId draft = device.startVisit(household, SMOKE_ALARM);
            FieldWorld.answerAll(device, draft, "SA-2024-00301");
            device.answer(draft, "photos", null);
            PhotoRef first = device.attachPhoto(draft, "photos", ceilingFile);
            PhotoRef second = device.attachPhoto(draft, "photos", new ByteArrayInputStream(phone));
            PhotoRef signed = device.attachPhoto(draft, "resident_signature", new ByteArrayInputStream(signature));
            Files.delete(ceilingFile);
            assertThatThrownBy(() -> device.attachPhoto(draft, "photos",
                    new ByteArrayInputStream(TestPhotos.notAnImage()))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not a JPEG");
            assertThatThrownBy(() -> device.attachPhoto(draft, "alarm_serial", new ByteArrayInputStream(phone)))
                    .isInstanceOf(IllegalArgumentException.class);
            LocalVisit submitted = submit(device, draft);

            assertThat(first.sha256()).isEqualTo(TestPhotos.sha256(ceiling));
            assertThat(submitted.state()).isEqualTo(SyncState.PENDING);
            assertThat(submitted.photos()).extracting(LocalPhoto::ref).containsExactlyInAnyOrder(first, second, signed);
            assertThat(submitted.photos()).extracting(LocalPhoto::state).containsOnly(PhotoUploadState.PENDING);
            assertThat(device.photoFile(first)).isNotNull();

            PhaseRecorder phases = new PhaseRecorder();
            SyncReport report = device.sync(false, phases);

            assertThat(report.isComplete()).as(report.errors().toString()).isTrue();
            assertThat(report.photosUploaded()).as(device.visit(draft).photos().toString()).isEqualTo(3);
            assertThat(phases.events).containsSubsequence("start PUSH", "end PUSH", "start PHOTOS 3",
                    "photos 1/3", "photos 2/3", "photos 3/3", "end PHOTOS", "start PULL", "end PULL");
            assertThat(phases.finished).containsOnlyKeys(first.sha256(), second.sha256(), signed.sha256())
                    .containsValues("held");
            assertThat(phases.sent.get(first.sha256())).as("one report per 4 KB chunk")
                    .hasSize((ceiling.length + 4095) / 4096)
                    .startsWith(4096L).endsWith((long) ceiling.length).isSorted();
            assertThat(phases.totals).containsEntry(first.sha256(), (long) ceiling.length);
            LocalVisit synced = device.visit(draft);
            assertThat(synced.state()).isEqualTo(SyncState.SYNCED);
            assertThat(synced.photos()).extracting(LocalPhoto::state).containsOnly(PhotoUploadState.UPLOADED);
            assertThat(device.photoFile(first)).as("deleted once the server holds it").isNull();
            assertThat(progress).containsEntry(first.sha256(), (long) ceiling.length)
                    .containsEntry(signed.sha256(), (long) signature.length);

            String supervisor = world.token("du.supervisor");
            JsonNode photos = world.server.get("/api/v1/visits/" + draft.value() + "/photos", supervisor).json();
            assertThat(photos.path("complete").asBoolean()).isTrue();
            assertThat(photos.path("missingPhotos").asInt()).isZero();
            assertThat(photos.path("photos").findValuesAsText("status")).containsExactly("RECEIVED", "RECEIVED",
                    "RECEIVED");
            assertThat(TestPhotos.sha256(bytes(world.server, "/api/v1/blobs/" + first.sha256(), supervisor)))
                    .isEqualTo(first.sha256());
            TestServer.Response outsider = world.server.get("/api/v1/blobs/" + first.sha256(),
                    world.token("liu.inspector"));
            assertThat(outsider.status()).isEqualTo(403);
            assertThat(world.count("SELECT COUNT(*) FROM ledger_entry WHERE action = 'PHOTO_RECEIVED'"
                    + " AND entity_id = ?", draft.value())).isEqualTo(3);
        }

        @Test
        void anUploadCutOffMidwayResumesFromTheServersOffsetOnTheNextSync() throws Exception {
            world = FieldWorld.start(backend);
            SiteId household = world.household("wy-household-302", WANGYIN, "北村302号");
            BreakingTransport network = new BreakingTransport(5);
            FieldDevice device = world.device("wang.inspector", "tablet-wang-32", Clock.systemUTC(),
                    builder -> builder.uploadChunkBytes(16 * 1024).transport(network));
            device.sync();
            byte[] photo = TestPhotos.largeJpeg("ceiling-302", 200_000);
            VisitId visit = recordWith(device, household, "SA-2024-00302", photo, TestPhotos.plainJpeg("phone-302"));

            SyncReport cut = device.sync();

            assertThat(cut.outcome()).isEqualTo(SyncReport.Outcome.NETWORK_ERROR);
            assertThat(world.submissions(visit)).as("the record went before the photos").isEqualTo(1);
            LocalVisit waiting = device.visit(visit);
            assertThat(waiting.state()).as("not fully synced while a photo is missing").isEqualTo(SyncState.PENDING);
            LocalPhoto partial = waiting.photos().stream()
                    .filter(p -> p.ref().sha256().equals(TestPhotos.sha256(photo))).findFirst().orElseThrow();
            assertThat(partial.uploadedBytes()).isEqualTo(5 * 16 * 1024);
            assertThat(partial.error()).contains("connection dropped");
            assertThat(world.server.get("/api/v1/visits/" + visit.value(), world.token("du.supervisor")).json()
                    .path("evidence").path("complete").asBoolean()).isFalse();

            network.patchOffsets.clear();
            SyncReport resumed = device.sync(true);

            assertThat(resumed.isComplete()).as(resumed.errors().toString()).isTrue();
            assertThat(network.patchOffsets.get(0)).as("the first chunk after the cut").isEqualTo(5 * 16 * 1024L);
            assertThat(device.visit(visit).state()).isEqualTo(SyncState.SYNCED);
            assertThat(TestPhotos.sha256(bytes(world.server, "/api/v1/blobs/" + TestPhotos.sha256(photo),
                    world.token("du.supervisor")))).isEqualTo(TestPhotos.sha256(photo));
        }

        @Test
        void aPhotoTheServerRefusesMarksItsVisitNotFullySyncedWithTheReason() throws Exception {
            world = FieldWorld.start(backend, Map.of("fieldledger.photos.max-size", "100KB"));
            SiteId household = world.household("wy-household-303", WANGYIN, "北村303号");
            FieldDevice device = world.device("wang.inspector", "tablet-wang-33", Clock.systemUTC());
            device.sync();
            byte[] huge = TestPhotos.largeJpeg("ceiling-303", 300_000);
            VisitId visit = recordWith(device, household, "SA-2024-00303", huge, TestPhotos.plainJpeg("phone-303"));

            PhaseRecorder phases = new PhaseRecorder();
            SyncReport report = device.sync(false, phases);

            assertThat(report.photosFailed()).isEqualTo(1);
            assertThat(phases.finished.get(TestPhotos.sha256(huge))).startsWith("PAYLOAD_TOO_LARGE");
            assertThat(phases.events).contains("photos 3/3", "end PHOTOS");
            assertThat(report.photosUploaded()).as("the phone screenshot and the signature").isEqualTo(2);
            LocalVisit shown = device.visit(visit);
            assertThat(shown.state()).isEqualTo(SyncState.PENDING);
            LocalPhoto refused = shown.photos().stream().filter(p -> p.state() == PhotoUploadState.FAILED)
                    .findFirst().orElseThrow();
            assertThat(refused.ref().sha256()).isEqualTo(TestPhotos.sha256(huge));
            assertThat(refused.error()).startsWith("PAYLOAD_TOO_LARGE");
            assertThat(device.photoFile(refused.ref())).as("kept: the server never confirmed it").isNotNull();
            JsonNode evidence = world.server.get("/api/v1/visits/" + visit.value() + "/photos",
                    world.token("du.supervisor")).json();
            assertThat(evidence.path("complete").asBoolean()).isFalse();
            assertThat(evidence.path("missingPhotos").asInt()).isEqualTo(1);
        }

        /** What a progress bar sees of a sync: phases in order, each photo's acknowledged bytes and its fate. */
        static final class PhaseRecorder implements SyncListener {
            final List<String> events = new CopyOnWriteArrayList<>();
            final Map<String, List<Long>> sent = new ConcurrentHashMap<>();
            final Map<String, Long> totals = new ConcurrentHashMap<>();
            final Map<String, String> finished = new ConcurrentHashMap<>();

            @Override
            public void phaseStarted(Phase phase, long total) {
                events.add("start " + phase + (phase == Phase.PHOTOS ? " " + total : ""));
            }

            @Override
            public void progressed(Phase phase, long done, long total) {
                if (phase == Phase.PHOTOS) {
                    events.add("photos " + done + "/" + total);
                }
            }

            @Override
            public void phaseFinished(Phase phase) {
                events.add("end " + phase);
            }

            @Override
            public void photoProgressed(VisitId visit, PhotoRef photo, long sentBytes, long totalBytes) {
                sent.computeIfAbsent(photo.sha256(), sha -> new CopyOnWriteArrayList<>()).add(sentBytes);
                totals.put(photo.sha256(), totalBytes);
            }

            @Override
            public void photoFinished(VisitId visit, PhotoRef photo, String error) {
                finished.put(photo.sha256(), error == null ? "held" : error);
            }
        }

        private static VisitId recordWith(FieldDevice device, SiteId household, String serial, byte[]... photos)
                throws IOException {
            VisitId draft = device.startVisit(household, SMOKE_ALARM);
            FieldWorld.answerAll(device, draft, serial);
            device.answer(draft, "photos", null);
            device.answer(draft, "resident_signature", null);
            for (byte[] photo : photos) {
                device.attachPhoto(draft, "photos", new ByteArrayInputStream(photo));
            }
            device.attachPhoto(draft, "resident_signature", new ByteArrayInputStream(png(serial)));
            return submit(device, draft).id();
        }

        private static LocalVisit submit(FieldDevice device, VisitId draft) {
            try {
                return device.submit(draft, WANGYIN_HOUSEHOLD_37);
            } catch (InvalidVisitException e) {
                throw new AssertionError(e.problems().toString(), e);
            }
        }

        private static byte[] png(String name) throws IOException {
            java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(120, 40,
                    java.awt.image.BufferedImage.TYPE_INT_ARGB);
            java.awt.Graphics2D graphics = image.createGraphics();
            graphics.setColor(java.awt.Color.BLACK);
            graphics.drawString(name, 4, 24);
            graphics.dispose();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        }

        private static byte[] bytes(TestServer server, String path, String token) throws Exception {
            return java.net.http.HttpClient.newHttpClient().send(server.request(path, token).GET().build(),
                    java.net.http.HttpResponse.BodyHandlers.ofByteArray()).body();
        }
    }

    /** The real network, until it drops a PATCH after {@code patchesBeforeDrop} have gone through; once. */
    static final class BreakingTransport implements Transport {
        private final Transport real = new UrlConnectionTransport();
        private final AtomicInteger patches = new AtomicInteger();
        private final int patchesBeforeDrop;
        final List<Long> patchOffsets = new CopyOnWriteArrayList<>();

        BreakingTransport(int patchesBeforeDrop) {
            this.patchesBeforeDrop = patchesBeforeDrop;
        }

        @Override
        public HttpResponse send(String method, String url, Map<String, String> headers, byte[] body)
                throws IOException {
            if ("PATCH".equals(headers.get("X-HTTP-Method-Override"))) {
                if (patches.incrementAndGet() == patchesBeforeDrop + 1) {
                    throw new IOException("connection dropped");
                }
                patchOffsets.add(Long.parseLong(headers.get("Upload-Offset")));
            }
            return real.send(method, url, headers, body);
        }
    }
}

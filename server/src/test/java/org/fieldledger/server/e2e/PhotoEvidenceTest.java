package org.fieldledger.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fieldledger.server.e2e.FieldWorld.WANGYIN;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fieldledger.model.site.GeoPoint;
import org.fieldledger.model.site.SiteId;
import org.fieldledger.model.visit.VisitId;
import org.fieldledger.server.testing.Backend;
import org.fieldledger.server.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Evidence checks as the supervisor sees them: EXIF time and place against the visit and its site, photos without
 * EXIF, one photo in visits of different sites, and missing photos holding back a verification.
 */
class PhotoEvidenceTest {
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
        /** Where FieldWorld's households are. */
        static final GeoPoint AT_THE_SITE = GeoPoint.of(35.4013, 116.5634);
        static final GeoPoint TIANANMEN = GeoPoint.of(39.9087, 116.3975);

        private final Backend backend;
        private FieldWorld world;
        private String inspector;
        private String supervisor;

        Contract(Backend backend) {
            this.backend = backend;
        }

        @BeforeAll
        void start() {
            world = FieldWorld.start(backend);
            inspector = world.token("wang.inspector");
            supervisor = world.token("du.supervisor");
        }

        @AfterAll
        void stop() {
            world.close();
        }

        @Test
        void aPhotoTakenAtAnotherTimeAndPlaceIsFlaggedOnTheVisit() {
            SiteId household = world.household("wy-household-401", WANGYIN, "南村401号");
            byte[] elsewhere = TestPhotos.jpeg("elsewhere-401", Instant.now().minusSeconds(3 * 86_400), TIANANMEN);
            byte[] onSite = TestPhotos.jpeg("on-site-401", Instant.now().minusSeconds(300), AT_THE_SITE);
            byte[] signature = TestPhotos.plainJpeg("signature-401");
            VisitId visit = visit("v-401", household, signature, elsewhere, onSite);

            for (byte[] photo : List.of(elsewhere, onSite, signature)) {
                world.uploadPhoto(inspector, photo);
            }

            JsonNode evidence = world.server.get("/api/v1/visits/" + visit.value(), supervisor).json()
                    .path("evidence");
            assertThat(evidence.path("complete").asBoolean()).isTrue();
            assertThat(flags(evidence)).containsExactlyInAnyOrder(
                    "EXIF_TIME_MISMATCH " + TestPhotos.sha256(elsewhere),
                    "EXIF_LOCATION_MISMATCH " + TestPhotos.sha256(elsewhere));
            JsonNode photo = photo(evidence, TestPhotos.sha256(elsewhere));
            assertThat(photo.path("status").asText()).isEqualTo("RECEIVED");
            assertThat(photo.path("location").path("latitude").asDouble()).isEqualTo(39.9087, within());
            assertThat(world.count("SELECT COUNT(*) FROM ledger_entry WHERE action = 'EVIDENCE_FLAGGED'"
                    + " AND entity_id = ? AND payload LIKE '%EXIF_LOCATION_MISMATCH%'", visit.value())).isEqualTo(1);
        }

        @Test
        void photosWithoutExifAreFlaggedWhetherTheyArriveBeforeOrAfterTheVisit() {
            SiteId household = world.household("wy-household-402", WANGYIN, "南村402号");
            byte[] screenshot = TestPhotos.plainJpeg("screenshot-402");
            byte[] noGps = TestPhotos.jpeg("no-gps-402", Instant.now().minusSeconds(200), null);
            byte[] signature = TestPhotos.plainJpeg("signature-402");
            world.uploadPhoto(inspector, screenshot);

            VisitId visit = visit("v-402", household, signature, screenshot, noGps);
            world.uploadPhoto(inspector, noGps);

            JsonNode evidence = world.server.get("/api/v1/visits/" + visit.value() + "/photos", supervisor).json();
            assertThat(flags(evidence)).containsExactlyInAnyOrder("NO_EXIF " + TestPhotos.sha256(screenshot),
                    "NO_EXIF_LOCATION " + TestPhotos.sha256(noGps));
            assertThat(evidence.path("complete").asBoolean()).as("the signature is still missing").isFalse();
            assertThat(photo(evidence, TestPhotos.sha256(signature)).path("status").asText()).isEqualTo("MISSING");
            assertThat(photo(evidence, TestPhotos.sha256(signature)).path("kind").asText()).isEqualTo("SIGNATURE");
            assertThat(world.count("SELECT COUNT(*) FROM ledger_entry WHERE action = 'PHOTO_RECEIVED'"
                    + " AND entity_id = ?", visit.value())).as("one receipt per photo, whichever came first")
                    .isEqualTo(2);
        }

        @Test
        void onePhotoInVisitsOfTwoSitesIsFlaggedOnBoth() {
            SiteId first = world.household("wy-household-403", WANGYIN, "南村403号");
            SiteId second = world.household("wy-household-404", WANGYIN, "南村404号");
            byte[] photo = TestPhotos.jpeg("reused-403", Instant.now().minusSeconds(300), AT_THE_SITE);
            world.uploadPhoto(inspector, photo);
            VisitId original = visit("v-403", first, TestPhotos.plainJpeg("signature-403"), photo,
                    TestPhotos.jpeg("other-403", Instant.now().minusSeconds(200), AT_THE_SITE));

            VisitId reuse = visit("v-404", second, TestPhotos.plainJpeg("signature-404"), photo,
                    TestPhotos.jpeg("other-404", Instant.now().minusSeconds(200), AT_THE_SITE));

            for (VisitId visit : List.of(original, reuse)) {
                JsonNode evidence = world.server.get("/api/v1/visits/" + visit.value(), supervisor).json()
                        .path("evidence");
                assertThat(flags(evidence)).as(visit.value())
                        .containsExactly("REUSED_ACROSS_SITES " + TestPhotos.sha256(photo));
            }
            assertThat(world.count("SELECT COUNT(*) FROM ledger_entry WHERE action = 'EVIDENCE_FLAGGED'"
                    + " AND entity_id = ?", original.value())).isEqualTo(1);
        }

        @Test
        void aCompletionWhoseVisitStillMissesPhotosCannotBeVerified() {
            SiteId household = world.household("wy-household-405", WANGYIN, "南村405号");
            byte[] ceiling = TestPhotos.jpeg("ceiling-405", Instant.now().minusSeconds(300), AT_THE_SITE);
            byte[] phone = TestPhotos.jpeg("phone-405", Instant.now().minusSeconds(250), AT_THE_SITE);
            byte[] signature = TestPhotos.plainJpeg("signature-405");
            VisitId visit = visit("v-405", household, signature, ceiling, phone);
            world.uploadPhoto(inspector, ceiling);
            TestServer.Response claimed = world.server.post("/api/v1/completions", "{\"id\": \"c-405\","
                    + " \"projectId\": \"gaoxin-2024-2\", \"metric\": \"为独居、行动不便的老年人安装火灾探测报警器\","
                    + " \"siteId\": \"" + household.value() + "\", \"quantity\": 1, \"evidence\": [\"v-405\"],"
                    + " \"note\": null}", world.token("wangyin.office"));
            assertThat(claimed.status()).as(claimed.toString()).isEqualTo(201);

            TestServer.Response early = world.server.post("/api/v1/completions/c-405/verify", "{\"note\": \"ok\"}",
                    supervisor);

            assertThat(early.status()).isEqualTo(409);
            assertThat(early.code()).isEqualTo("PHOTOS_MISSING");
            assertThat(early.json().path("details").get(0).path("field").asText()).isEqualTo(visit.value());
            assertThat(world.server.get("/api/v1/visits/v-405", supervisor).json().path("evidence")
                    .path("missingPhotos").asInt()).isEqualTo(2);

            world.uploadPhoto(inspector, phone);
            world.uploadPhoto(inspector, signature);
            TestServer.Response verified = world.server.post("/api/v1/completions/c-405/verify",
                    "{\"note\": \"ok\"}", supervisor);
            assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
        }

        @Test
        void visitsStoredBeforePhotoEvidenceExistedHaveTheirPhotosRecordedAtStart() {
            SiteId household = world.household("wy-household-406", WANGYIN, "南村406号");
            byte[] ceiling = TestPhotos.jpeg("ceiling-406", Instant.now().minusSeconds(300), AT_THE_SITE);
            VisitId visit = visit("v-406", household, TestPhotos.plainJpeg("signature-406"), ceiling,
                    TestPhotos.plainJpeg("phone-406"));
            world.server.bean(org.fieldledger.server.storage.Database.class).write(connection -> {
                org.fieldledger.server.storage.Sql.update(connection, "DELETE FROM visit_photo WHERE visit_id = ?",
                        visit.value());
                return org.fieldledger.server.storage.Sql.update(connection,
                        "DELETE FROM visit_evidence WHERE visit_id = ?", visit.value());
            });

            world.server.restart(Map.of());
            inspector = world.token("wang.inspector");
            supervisor = world.token("du.supervisor");

            JsonNode evidence = world.server.get("/api/v1/visits/" + visit.value() + "/photos", supervisor).json();
            assertThat(evidence.path("complete").asBoolean()).isFalse();
            assertThat(evidence.path("missingPhotos").asInt()).isEqualTo(3);
            world.uploadPhoto(inspector, ceiling);
            assertThat(world.server.get("/api/v1/blobs/" + TestPhotos.sha256(ceiling), supervisor).status())
                    .isEqualTo(200);
        }

        private VisitId visit(String id, SiteId site, byte[] signature, byte[]... photos) {
            return world.visitWithPhotos(inspector, id, site, signature, photos);
        }

        private static List<String> flags(JsonNode evidence) {
            List<String> flags = new ArrayList<>();
            evidence.path("flags").forEach(flag -> flags.add(flag.path("code").asText() + " "
                    + flag.path("sha256").asText()));
            return flags;
        }

        private static JsonNode photo(JsonNode evidence, String sha) {
            for (JsonNode photo : evidence.path("photos")) {
                if (photo.path("sha256").asText().equals(sha)) {
                    return photo;
                }
            }
            throw new AssertionError("no photo " + sha + " in " + evidence);
        }

        private static org.assertj.core.data.Offset<Double> within() {
            return org.assertj.core.data.Offset.offset(0.0001);
        }
    }
}

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
import org.fieldledger.server.storage.Database;
import org.fieldledger.server.storage.Sql;
import org.fieldledger.server.testing.Backend;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A server upgraded over a database that already holds visits and their photo claims: migration 12 copies the claims
 * into a table without the foreign key on the visit, and 13 gives PostgreSQL hash indexes on photo hashes and
 * mutation ids. What the supervisor saw before the upgrade is what they see after, and photo reuse is still caught.
 */
class SchemaUpgradeTest {
    private static final GeoPoint AT_THE_SITE = GeoPoint.of(35.4013, 116.5634);

    @ParameterizedTest
    @EnumSource(Backend.class)
    void claimsStoredBeforeTheUpgradeAreKeptAndStillFindReuse(Backend backend) {
        try (FieldWorld world = FieldWorld.start(backend, Map.of("flyway.datasources.default.target", "11"))) {
            assertThat(appliedVersions(world)).as("started at the schema before the upgrade").doesNotContain("12");
            String inspector = world.token("wang.inspector");
            SiteId first = world.household("wy-household-501", WANGYIN, "南村501号");
            byte[] ceiling = TestPhotos.jpeg("ceiling-501", Instant.now().minusSeconds(300), AT_THE_SITE);
            byte[] phone = TestPhotos.jpeg("phone-501", Instant.now().minusSeconds(250), AT_THE_SITE);
            byte[] signature = TestPhotos.plainJpeg("signature-501");
            VisitId before = world.visitWithPhotos(inspector, "v-501", first, signature, ceiling, phone);
            world.uploadPhoto(inspector, ceiling);

            world.server.restart(Map.of("flyway.datasources.default.target", "latest"));

            assertThat(appliedVersions(world)).contains("12", "13");
            inspector = world.token("wang.inspector");
            String supervisor = world.token("du.supervisor");
            JsonNode kept = world.server.get("/api/v1/visits/" + before.value() + "/photos", supervisor).json();
            assertThat(statuses(kept)).containsExactlyInAnyOrder(
                    "RECEIVED " + TestPhotos.sha256(ceiling), "MISSING " + TestPhotos.sha256(phone),
                    "MISSING " + TestPhotos.sha256(signature));

            SiteId second = world.household("wy-household-502", WANGYIN, "南村502号");
            VisitId after = world.visitWithPhotos(inspector, "v-502", second, TestPhotos.plainJpeg("signature-502"),
                    ceiling, TestPhotos.jpeg("phone-502", Instant.now().minusSeconds(200), AT_THE_SITE));
            for (VisitId visit : List.of(before, after)) {
                JsonNode flags = world.server.get("/api/v1/visits/" + visit.value() + "/photos", supervisor).json()
                        .path("flags");
                assertThat(flags).as(visit.value()).hasSize(1);
                assertThat(flags.get(0).path("code").asText()).isEqualTo("REUSED_ACROSS_SITES");
            }
            if (backend == Backend.POSTGRES) {
                assertThat(indexMethods(world)).containsExactly("device_mutation_by_id hash",
                        "visit_photo_by_sha hash");
            }
        }
    }

    private static List<String> statuses(JsonNode evidence) {
        List<String> statuses = new ArrayList<>();
        evidence.path("photos").forEach(photo -> statuses.add(photo.path("status").asText() + " "
                + photo.path("sha256").asText()));
        return statuses;
    }

    private static List<String> appliedVersions(FieldWorld world) {
        return world.server.bean(Database.class).read(connection -> Sql.query(connection,
                "SELECT version FROM flyway_schema_history WHERE success = TRUE AND version IS NOT NULL",
                row -> row.getString(1)));
    }

    private static List<String> indexMethods(FieldWorld world) {
        return world.server.bean(Database.class).read(connection -> Sql.query(connection,
                "SELECT i.relname, a.amname FROM pg_class i JOIN pg_am a ON a.oid = i.relam"
                        + " WHERE i.relname IN ('visit_photo_by_sha', 'device_mutation_by_id') ORDER BY i.relname",
                row -> row.getString(1) + " " + row.getString(2)));
    }
}

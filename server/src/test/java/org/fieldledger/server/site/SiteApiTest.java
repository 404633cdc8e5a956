package org.fieldledger.server.site;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.fieldledger.server.testing.Backend;
import org.fieldledger.server.testing.TestServer;
import org.fieldledger.server.testing.TestServer.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Sites in the two towns of the 2025 Jingkai notice, 疃里镇 and 马集镇, where project 24 installs smoke alarms for
 * elderly people living alone: each town sees and manages its own households only.
 */
class SiteApiTest {
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
        private static final String TUANLI = "疃里镇";
        private static final String MAJI = "马集镇";
        private static final String TUANLI_HOUSEHOLD = "tuanli-household-037";
        private static final String MAJI_HOUSEHOLD = "maji-household-012";

        private final Backend backend;
        private TestServer server;
        private String admin;
        private String tuanliInspector;
        private String majiInspector;
        private String tuanliOffice;
        private String supervisor;

        Contract(Backend backend) {
            this.backend = backend;
        }

        @BeforeAll
        void start() {
            server = TestServer.start(backend);
            admin = server.adminToken();
            tuanliInspector = server.tokenOf("wang.fang", "INSPECTOR", TUANLI);
            majiInspector = server.tokenOf("li.qiang", "INSPECTOR", MAJI);
            tuanliOffice = server.tokenOf("tuanli.office", "TOWN_OFFICE", TUANLI);
            supervisor = server.tokenOf("zhao.min", "SUPERVISOR");
            assertThat(server.post("/api/v1/sites", household(TUANLI_HOUSEHOLD, "张桂兰家（独居老人）", TUANLI), admin)
                    .status()).isEqualTo(201);
            assertThat(server.post("/api/v1/sites", household(MAJI_HOUSEHOLD, "刘秀英家（独居老人）", MAJI), admin)
                    .status()).isEqualTo(201);
        }

        @AfterAll
        void stop() {
            server.close();
        }

        @Test
        void townOfficeCreatesASiteInItsOwnArea() {
            Response created = server.post("/api/v1/sites", """
                    {"id": "tuanli-household-041", "name": "王秀兰家（独居老人）", "kind": "HOUSEHOLD", "area": "疃里镇",
                     "address": "疃里镇西村 41 号", "location": {"latitude": 35.3312, "longitude": 116.6925,
                     "accuracyMeters": 6.5}, "projects": ["jingkai-2025-24"]}""", tuanliOffice);
            assertThat(created.status()).isEqualTo(201);
            assertThat(created.header("Location")).isEqualTo("/api/v1/sites/tuanli-household-041");
            JsonNode site = server.get("/api/v1/sites/tuanli-household-041", tuanliInspector).json();
            assertThat(site.path("name").asText()).isEqualTo("王秀兰家（独居老人）");
            assertThat(site.path("area").asText()).isEqualTo(TUANLI);
            assertThat(site.path("address").asText()).isEqualTo("疃里镇西村 41 号");
            assertThat(site.path("location").path("latitude").asDouble()).isEqualTo(35.3312);
            assertThat(site.path("location").path("accuracyMeters").asDouble()).isEqualTo(6.5);
            assertThat(site.path("projects").get(0).asText()).isEqualTo("jingkai-2025-24");
        }

        @Test
        void siteWithoutAnIdGetsAUuid() {
            Response created = server.post("/api/v1/sites", """
                    {"name": "疃里镇中心敬老院食堂", "kind": "CANTEEN", "area": "疃里镇", "projects": []}""", admin);
            assertThat(created.status()).isEqualTo(201);
            assertThat(created.json().path("id").asText()).matches("[0-9a-f-]{36}");
            assertThat(created.json().path("location").isNull()).isTrue();
        }

        @Test
        void townOfficeCannotCreateASiteInAnotherTown() {
            Response attempt = server.post("/api/v1/sites", household("maji-household-099", "越权创建", MAJI),
                    tuanliOffice);
            assertThat(attempt.status()).isEqualTo(403);
            assertThat(attempt.code()).isEqualTo("FORBIDDEN");
            assertThat(attempt.message()).contains(MAJI);
            assertThat(server.get("/api/v1/sites/maji-household-099", admin).status()).isEqualTo(404);
        }

        @Test
        void inspectorCannotCreateSites() {
            Response attempt = server.post("/api/v1/sites", household("tuanli-household-098", "检查员创建", TUANLI),
                    tuanliInspector);
            assertThat(attempt.status()).isEqualTo(403);
            assertThat(attempt.message()).contains("INSPECTOR");
        }

        @Test
        void inspectorOfTuanliCannotReadAMajiSite() {
            Response read = server.get("/api/v1/sites/" + MAJI_HOUSEHOLD, tuanliInspector);
            assertThat(read.status()).isEqualTo(403);
            assertThat(read.code()).isEqualTo("FORBIDDEN");
            assertThat(read.body()).doesNotContain("刘秀英");
            assertThat(server.get("/api/v1/sites/" + MAJI_HOUSEHOLD, majiInspector).status()).isEqualTo(200);
        }

        @Test
        void listShowsOnlyTheCallersAreas() {
            assertThat(areasOf(server.get("/api/v1/sites", tuanliInspector))).containsOnly(TUANLI);
            assertThat(areasOf(server.get("/api/v1/sites", majiInspector))).containsOnly(MAJI);
            assertThat(areasOf(server.get("/api/v1/sites", supervisor))).contains(TUANLI, MAJI);
            assertThat(idsOf(server.get("/api/v1/sites", tuanliInspector))).contains(TUANLI_HOUSEHOLD)
                    .doesNotContain(MAJI_HOUSEHOLD);
        }

        @Test
        void askingForAnotherTownsSitesIs403() {
            Response other = server.get("/api/v1/sites?area=" + encode(MAJI), tuanliInspector);
            assertThat(other.status()).isEqualTo(403);
            assertThat(other.message()).contains(MAJI);
            assertThat(idsOf(server.get("/api/v1/sites?area=" + encode(MAJI), supervisor)))
                    .contains(MAJI_HOUSEHOLD).doesNotContain(TUANLI_HOUSEHOLD);
        }

        @Test
        void listFiltersByKindAndProject() {
            server.post("/api/v1/sites", """
                    {"id": "maji-baoli-park", "name": "宝利口袋公园", "kind": "PARK", "area": "马集镇",
                     "projects": ["jingkai-2025-22"]}""", admin);
            assertThat(idsOf(server.get("/api/v1/sites?kind=PARK", supervisor))).containsExactly("maji-baoli-park");
            assertThat(idsOf(server.get("/api/v1/sites?project=jingkai-2025-24&area=" + encode(MAJI), supervisor)))
                    .contains(MAJI_HOUSEHOLD).doesNotContain("maji-baoli-park");
            assertThat(server.get("/api/v1/sites?project=not%20a%20project", supervisor).status()).isEqualTo(400);
        }

        @Test
        void unknownSiteIs404() {
            Response missing = server.get("/api/v1/sites/tuanli-household-404", tuanliInspector);
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.code()).isEqualTo("NOT_FOUND");
        }

        @Test
        void existingIdIsAConflict() {
            Response again = server.post("/api/v1/sites", household(TUANLI_HOUSEHOLD, "重复", TUANLI), admin);
            assertThat(again.status()).isEqualTo(409);
            assertThat(server.get("/api/v1/sites/" + TUANLI_HOUSEHOLD, admin).json().path("name").asText())
                    .isEqualTo("张桂兰家（独居老人）");
        }

        @Test
        void putReplacesASiteOfTheCallersArea() {
            server.post("/api/v1/sites", household("tuanli-household-052", "赵玉梅家", TUANLI), admin);
            Response replaced = server.put("/api/v1/sites/tuanli-household-052", """
                    {"name": "赵玉梅家（独居老人）", "kind": "HOUSEHOLD", "area": "疃里镇", "address": "疃里镇东村 52 号",
                     "location": {"latitude": 35.3401, "longitude": 116.7011},
                     "projects": ["jingkai-2025-24", "jingkai-2025-8"]}""", tuanliOffice);
            assertThat(replaced.status()).isEqualTo(200);
            JsonNode site = server.get("/api/v1/sites/tuanli-household-052", tuanliInspector).json();
            assertThat(site.path("name").asText()).isEqualTo("赵玉梅家（独居老人）");
            assertThat(site.path("location").path("longitude").asDouble()).isEqualTo(116.7011);
            assertThat(site.path("location").path("accuracyMeters").isNull()).isTrue();
            assertThat(site.path("projects")).hasSize(2);
        }

        @Test
        void townOfficeCannotChangeAnotherTownsSiteNorMoveItsOwnAway() {
            Response foreign = server.put("/api/v1/sites/" + MAJI_HOUSEHOLD, household(MAJI_HOUSEHOLD, "改名", MAJI),
                    tuanliOffice);
            assertThat(foreign.status()).isEqualTo(403);
            Response moved = server.put("/api/v1/sites/" + TUANLI_HOUSEHOLD,
                    household(TUANLI_HOUSEHOLD, "张桂兰家（独居老人）", MAJI), tuanliOffice);
            assertThat(moved.status()).isEqualTo(403);
            assertThat(server.get("/api/v1/sites/" + TUANLI_HOUSEHOLD, admin).json().path("area").asText())
                    .isEqualTo(TUANLI);
            assertThat(server.get("/api/v1/sites/" + MAJI_HOUSEHOLD, admin).json().path("name").asText())
                    .isEqualTo("刘秀英家（独居老人）");
        }

        @Test
        void putOfAnUnknownSiteIs404() {
            Response missing = server.put("/api/v1/sites/tuanli-household-405",
                    household("tuanli-household-405", "不存在", TUANLI), admin);
            assertThat(missing.status()).isEqualTo(404);
            assertThat(server.get("/api/v1/sites/tuanli-household-405", admin).status()).isEqualTo(404);
        }

        @Test
        void unknownProjectIs422AndNothingIsWritten() {
            Response attempt = server.post("/api/v1/sites", """
                    {"id": "tuanli-household-060", "name": "孙桂芝家", "kind": "HOUSEHOLD", "area": "疃里镇",
                     "projects": ["jingkai-2025-24", "jingkai-2025-99"]}""", admin);
            assertThat(attempt.status()).isEqualTo(422);
            assertThat(attempt.code()).isEqualTo("VALIDATION_FAILED");
            assertThat(attempt.message()).contains("projects[1]", "jingkai-2025-99");
            assertThat(server.get("/api/v1/sites/tuanli-household-060", admin).status()).isEqualTo(404);
        }

        @Test
        void latitudeOutOfRangeIs422NamingTheLocation() {
            Response attempt = server.post("/api/v1/sites", """
                    {"id": "tuanli-household-061", "name": "周玉兰家", "kind": "HOUSEHOLD", "area": "疃里镇",
                     "location": {"latitude": 135.3, "longitude": 116.7}, "projects": []}""", admin);
            assertThat(attempt.status()).isEqualTo(422);
            assertThat(attempt.message()).contains("location", "latitude 135.3");
        }

        @Test
        void lowerCaseKindIs422() {
            Response attempt = server.post("/api/v1/sites", """
                    {"name": "周家", "kind": "household", "area": "疃里镇", "projects": []}""", admin);
            assertThat(attempt.status()).isEqualTo(422);
            assertThat(attempt.message()).contains("kind", "HOUSEHOLD");
        }

        private static String household(String id, String name, String area) {
            return "{\"id\": \"" + id + "\", \"name\": \"" + name + "\", \"kind\": \"HOUSEHOLD\", \"area\": \"" + area
                    + "\", \"projects\": [\"jingkai-2025-24\"]}";
        }

        private static List<String> areasOf(Response list) {
            return field(list, "area");
        }

        private static List<String> idsOf(Response list) {
            return field(list, "id");
        }

        private static List<String> field(Response list, String name) {
            assertThat(list.status()).isEqualTo(200);
            List<String> values = new ArrayList<>();
            list.json().path("items").forEach(item -> values.add(item.path(name).asText()));
            return values;
        }

        private static String encode(String text) {
            return URLEncoder.encode(text, StandardCharsets.UTF_8);
        }
    }
}

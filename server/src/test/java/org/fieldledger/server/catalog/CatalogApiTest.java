package org.fieldledger.server.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.fieldledger.server.testing.Backend;
import org.fieldledger.server.testing.ServerContract;
import org.fieldledger.server.testing.TestServer;
import org.fieldledger.server.testing.TestServer.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The catalog as a client reads it: the five notices, all 129 projects, the three first checklists. */
class CatalogApiTest {
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

    abstract static class Contract extends ServerContract {
        private String token;

        Contract(Backend backend) {
            super(backend);
        }

        @BeforeAll
        void prepare() {
            token = server.adminToken();
        }

        @Test
        void healthIsUpWithItsDatabase() {
            Response health = server.get("/health");
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.json().path("status").asText()).isEqualTo("UP");
            assertThat(health.json().path("database").asText()).isEqualTo("UP");
        }

        @Test
        void catalogNeedsAnAccessToken() {
            Response plans = server.get("/api/v1/plans");
            assertThat(plans.status()).isEqualTo(401);
            assertThat(plans.code()).isEqualTo("UNAUTHENTICATED");
            assertThat(server.get("/api/v1/projects/gaoxin-2024-2").status()).isEqualTo(401);
            assertThat(server.get("/api/v1/templates").status()).isEqualTo(401);
        }

        @Test
        void servesTheFivePlansWithTheirDocumentNumbers() {
            JsonNode plans = server.get("/api/v1/plans", token).json();
            assertThat(plans.path("count").asInt()).isEqualTo(5);
            assertThat(texts(plans.path("items"), "documentNumber")).containsExactlyInAnyOrder(
                    "济开管发〔2025〕6号", "济高新管发〔2024〕1号", "济高新管发〔2026〕1号", "济开管发〔2023〕1号",
                    "济政发〔2024〕2号");
            JsonNode city = server.get("/api/v1/plans/jining-2024", token).json();
            assertThat(city.path("issuer").asText()).isEqualTo("济宁市人民政府");
            assertThat(city.path("issuedOn").asText()).isEqualTo("2024-01-27");
        }

        @Test
        void servesAll129ProjectsAndEachPlansOwnCount() {
            assertThat(server.get("/api/v1/projects", token).json().path("count").asInt()).isEqualTo(129);
            assertThat(count("/api/v1/projects?plan=jingkai-2025")).isEqualTo(26);
            assertThat(count("/api/v1/projects?plan=gaoxin-2024")).isEqualTo(27);
            assertThat(count("/api/v1/projects?plan=gaoxin-2026")).isEqualTo(24);
            assertThat(count("/api/v1/projects?plan=jingkai-2023")).isEqualTo(22);
            assertThat(count("/api/v1/projects?plan=jining-2024")).isEqualTo(30);
            assertThat(count("/api/v1/projects?year=2024")).isEqualTo(57);
        }

        @Test
        void aProjectCarriesItsTargetsUnitsAndDeadline() {
            JsonNode alarms = server.get("/api/v1/projects/gaoxin-2024-2", token).json();
            assertThat(alarms.path("name").asText()).isEqualTo("为独居老人安装火灾探测报警器");
            assertThat(alarms.path("category").asText()).isEqualTo("助老扶老提升改造项目");
            JsonNode target = alarms.path("targets").get(0);
            assertThat(target.path("value").decimalValue()).isEqualByComparingTo("129");
            assertThat(target.path("unit").asText()).isEqualTo("户");
            assertThat(texts(alarms.path("leadUnits"))).containsExactly("消防救援大队");
            assertThat(texts(alarms.path("cooperatingUnits"))).containsExactly("发展软环境保障局", "各街道");
            assertThat(alarms.path("deadline").asText()).isEqualTo("2024-12-31");
        }

        @Test
        void targetsAreInBaseUnits() {
            assertThat(target("jingkai-2025-22", "m²").path("value").decimalValue()).isEqualByComparingTo("3100");
            assertThat(target("gaoxin-2024-11", "km").path("value").decimalValue()).isEqualByComparingTo("9.2");
            JsonNode jobs = target("jining-2024-20", "人");
            assertThat(jobs.path("value").decimalValue()).isEqualByComparingTo("61000");
            assertThat(jobs.path("comparator").asText()).isEqualTo("AT_LEAST");
        }

        @Test
        void filtersByAreaAndText() {
            assertThat(ids("/api/v1/projects?area=%E7%8E%8B%E5%9B%A0%E8%A1%97%E9%81%93")) // 王因街道
                    .containsExactly("gaoxin-2024-11");
            assertThat(ids("/api/v1/projects?q=%E5%8F%A3%E8%A2%8B%E5%85%AC%E5%9B%AD")) // 口袋公园
                    .contains("jingkai-2025-22", "gaoxin-2024-14", "jingkai-2023-20", "jining-2024-25");
            assertThat(ids("/api/v1/projects?year=2025&q=%E5%8F%A3%E8%A2%8B%E5%85%AC%E5%9B%AD"))
                    .containsExactly("jingkai-2025-22");
            assertThat(count("/api/v1/projects?q=_")).as("_ is a character, not a LIKE wildcard").isZero();
            assertThat(count("/api/v1/projects?q=%25")).as("projects with a percentage target").isBetween(1, 128);
        }

        @Test
        void servesTheThreeChecklistsWithTypedQuestions() {
            JsonNode templates = server.get("/api/v1/templates", token).json();
            assertThat(texts(templates.path("items"), "template", "id")).containsExactlyInAnyOrder(
                    "canteen-food-safety", "pocket-park-completion", "smoke-alarm-installation");
            JsonNode alarm = server.get("/api/v1/templates/smoke-alarm-installation", token).json().path("template");
            assertThat(alarm.path("version").asInt()).isEqualTo(1);
            assertThat(texts(alarm.path("projects"))).contains("gaoxin-2024-2", "jingkai-2025-24", "jining-2024-2");
            assertThat(texts(alarm.path("questions"), "type")).contains("YES_NO", "TEXT", "SINGLE_CHOICE", "PHOTO",
                    "SIGNATURE", "GPS");
            assertThat(server.get("/api/v1/templates/canteen-food-safety?version=1", token).status()).isEqualTo(200);
            assertThat(ids("/api/v1/templates?project=gaoxin-2026-1", "template"))
                    .containsExactly("canteen-food-safety");
        }

        @Test
        void unknownThingsAre404WithAJsonError() {
            Response project = server.get("/api/v1/projects/jingkai-2025-99", token);
            assertThat(project.status()).isEqualTo(404);
            assertThat(project.json().path("code").asText()).isEqualTo("NOT_FOUND");
            assertThat(project.json().path("message").asText()).contains("jingkai-2025-99");
            assertThat(server.get("/api/v1/templates/smoke-alarm-installation?version=7", token).status())
                    .isEqualTo(404);
            Response route = server.get("/api/v1/nothing-here", token);
            assertThat(route.status()).isEqualTo(404);
            assertThat(route.contentType()).startsWith("application/json");
            assertThat(route.json().path("code").asText()).isEqualTo("NOT_FOUND");
        }

        @Test
        void badParametersAre400NamingTheParameter() {
            Response year = server.get("/api/v1/projects?year=twenty", token);
            assertThat(year.status()).isEqualTo(400);
            assertThat(year.json().path("code").asText()).isEqualTo("INVALID_PARAMETER");
            assertThat(year.json().path("message").asText()).contains("year", "twenty");
            Response id = server.get("/api/v1/projects/NOT%20AN%20ID", token);
            assertThat(id.status()).isEqualTo(400);
            assertThat(id.json().path("message").asText()).contains("'id'");
            Response version = server.get("/api/v1/templates/canteen-food-safety?version=0", token);
            assertThat(version.status()).isEqualTo(400);
            assertThat(version.json().path("message").asText()).contains("version");
        }

        private int count(String path) {
            return server.get(path, token).json().path("count").asInt();
        }

        private List<String> ids(String path, String... wrapper) {
            List<String> ids = new ArrayList<>();
            for (JsonNode item : server.get(path, token).json().path("items")) {
                JsonNode node = item;
                for (String field : wrapper) {
                    node = node.path(field);
                }
                ids.add(node.path("id").asText());
            }
            return ids;
        }

        private JsonNode target(String project, String unit) {
            for (JsonNode target : server.get("/api/v1/projects/" + project, token).json().path("targets")) {
                if (target.path("unit").asText().equals(unit)) {
                    return target;
                }
            }
            throw new AssertionError(project + " has no target in " + unit);
        }

        private static List<String> texts(JsonNode array, String... path) {
            List<String> texts = new ArrayList<>();
            for (JsonNode item : array) {
                JsonNode node = item;
                for (String field : path) {
                    node = node.path(field);
                }
                texts.add(node.asText());
            }
            return texts;
        }
    }
}

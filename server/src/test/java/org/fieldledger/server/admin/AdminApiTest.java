package org.fieldledger.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.fieldledger.server.testing.Backend;
import org.fieldledger.server.testing.ServerContract;
import org.fieldledger.server.testing.TestServer;
import org.fieldledger.server.testing.TestServer.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Accounts and areas, as an administrator manages them. */
class AdminApiTest {
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
        private String admin;

        Contract(Backend backend) {
            super(backend);
        }

        @BeforeAll
        void prepare() {
            admin = server.adminToken();
        }

        @Test
        void createdUserIsReturnedWithoutAnyPasswordHash() {
            Response created = server.post("/api/v1/admin/users", """
                    {"username": "tuanli.office", "password": "tuanli-office-2025", "role": "TOWN_OFFICE",
                     "areas": ["疃里镇"]}""", admin);
            assertThat(created.status()).isEqualTo(201);
            JsonNode user = created.json();
            assertThat(user.path("username").asText()).isEqualTo("tuanli.office");
            assertThat(user.path("role").asText()).isEqualTo("TOWN_OFFICE");
            assertThat(user.path("areas").get(0).asText()).isEqualTo("疃里镇");
            assertThat(user.path("enabled").asBoolean()).isTrue();
            assertThat(user.path("createdAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
            assertThat(created.body()).doesNotContain("password", "$2a$");
            String list = server.get("/api/v1/admin/users", admin).body();
            assertThat(list).contains("tuanli.office").doesNotContain("password", "$2a$");
        }

        @Test
        void inspectorCannotCreateUsers() {
            String inspector = server.tokenOf("sun.hao", "INSPECTOR", "马集镇");
            Response attempt = server.post("/api/v1/admin/users", """
                    {"username": "made.by.inspector", "password": "long-enough-pass", "role": "ADMIN",
                     "areas": []}""", inspector);
            assertThat(attempt.status()).isEqualTo(403);
            assertThat(attempt.code()).isEqualTo("FORBIDDEN");
            assertThat(server.get("/api/v1/admin/users", admin).body()).doesNotContain("made.by.inspector");
            assertThat(server.get("/api/v1/admin/users", inspector).status()).isEqualTo(403);
        }

        @Test
        void inspectorsAndTownOfficesNeedAnArea() {
            Response attempt = server.post("/api/v1/admin/users", """
                    {"username": "no.area", "password": "long-enough-pass", "role": "INSPECTOR", "areas": []}""",
                    admin);
            assertThat(attempt.status()).isEqualTo(422);
            assertThat(attempt.code()).isEqualTo("VALIDATION_FAILED");
            assertThat(attempt.message()).contains("areas", "at least one area");
            assertThat(server.post("/api/v1/admin/users", """
                    {"username": "zhao.supervisor", "password": "long-enough-pass", "role": "SUPERVISOR",
                     "areas": []}""", admin).status()).isEqualTo(201);
        }

        @Test
        void areasMustExist() {
            Response attempt = server.post("/api/v1/admin/users", """
                    {"username": "wrong.town", "password": "long-enough-pass", "role": "INSPECTOR",
                     "areas": ["不存在镇"]}""", admin);
            assertThat(attempt.status()).isEqualTo(422);
            assertThat(attempt.message()).contains("不存在镇");
            assertThat(server.get("/api/v1/admin/users", admin).body()).doesNotContain("wrong.town");
        }

        @Test
        void passwordsShorterThan10OrLongerThan72BytesAreRefused() {
            Response tooShort = server.post("/api/v1/admin/users", """
                    {"username": "short.pass", "password": "123456789", "role": "SUPERVISOR", "areas": []}""",
                    admin);
            assertThat(tooShort.status()).isEqualTo(422);
            assertThat(tooShort.message()).contains("password", "at least 10 characters");
            // 25 CJK characters are 75 bytes in UTF-8: bcrypt would ignore the last one.
            Response tooLong = server.post("/api/v1/admin/users", "{\"username\": \"long.pass\", \"password\": \""
                    + "密".repeat(25) + "\", \"role\": \"SUPERVISOR\", \"areas\": []}", admin);
            assertThat(tooLong.status()).isEqualTo(422);
            assertThat(tooLong.message()).contains("password", "72 bytes");
        }

        @Test
        void takenUsernameIsAConflict() {
            server.createUser("li.ming", "INSPECTOR", "马集镇");
            Response again = server.post("/api/v1/admin/users", """
                    {"username": "li.ming", "password": "long-enough-pass", "role": "SUPERVISOR", "areas": []}""",
                    admin);
            assertThat(again.status()).isEqualTo(409);
            assertThat(again.code()).isEqualTo("CONFLICT");
        }

        @Test
        void unknownRoleIs422NamingTheRoles() {
            Response attempt = server.post("/api/v1/admin/users", """
                    {"username": "the.boss", "password": "long-enough-pass", "role": "BOSS", "areas": []}""",
                    admin);
            assertThat(attempt.status()).isEqualTo(422);
            assertThat(attempt.message()).contains("role", "BOSS", "INSPECTOR", "TOWN_OFFICE");
        }

        @Test
        void patchChangesRoleAndAreasAndTheNewAreasApplyAtOnce() {
            String id = server.createUser("guo.ping", "INSPECTOR", "疃里镇");
            String token = server.login("guo.ping", TestServer.USER_PASSWORD).accessToken();
            assertThat(server.get("/api/v1/sites?area=%E9%A9%AC%E9%9B%86%E9%95%87", token).status()) // 马集镇
                    .isEqualTo(403);

            Response changed = server.patch("/api/v1/admin/users/" + id, """
                    {"role": "TOWN_OFFICE", "areas": ["马集镇", "疃里镇"]}""", admin);
            assertThat(changed.status()).isEqualTo(200);
            assertThat(changed.json().path("role").asText()).isEqualTo("TOWN_OFFICE");
            assertThat(changed.json().path("areas").toString()).isEqualTo("[\"疃里镇\",\"马集镇\"]");
            assertThat(server.get("/api/v1/sites?area=%E9%A9%AC%E9%9B%86%E9%95%87", token).status())
                    .as("the same token, the new areas").isEqualTo(200);
        }

        @Test
        void patchOfAnUnknownUserIs404() {
            Response missing = server.patch("/api/v1/admin/users/00000000-0000-0000-0000-000000000000",
                    "{\"enabled\": false}", admin);
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.code()).isEqualTo("NOT_FOUND");
        }

        @Test
        void lastAdministratorCannotBeDisabled() {
            String adminId = server.login("admin", TestServer.ADMIN_PASSWORD).userId();
            Response attempt = server.patch("/api/v1/admin/users/" + adminId, "{\"enabled\": false}", admin);
            assertThat(attempt.status()).isEqualTo(409);
            assertThat(server.get("/api/v1/admin/users/" + adminId, admin).json().path("enabled").asBoolean())
                    .isTrue();
        }

        @Test
        void adminAddsAnAreaOnceAndCanThenAssignIt() {
            Response added = server.post("/api/v1/admin/areas", "{\"name\": \"嘉祥街道\"}", admin);
            assertThat(added.status()).isEqualTo(201);
            assertThat(added.json().path("name").asText()).isEqualTo("嘉祥街道");
            assertThat(server.post("/api/v1/admin/areas", "{\"name\": \"嘉祥街道\"}", admin).status()).isEqualTo(409);
            assertThat(server.get("/api/v1/admin/areas", admin).body()).contains("嘉祥街道", "疃里镇", "马集镇");
            assertThat(server.createUser("jiaxiang.office", "TOWN_OFFICE", "嘉祥街道")).isNotBlank();
        }

        @Test
        void areaNameWithStrayWhitespaceIsRefused() {
            Response added = server.post("/api/v1/admin/areas", "{\"name\": \" 王因街道\"}", admin);
            assertThat(added.status()).isEqualTo(422);
            assertThat(added.message()).contains("name", "whitespace");
        }
    }
}

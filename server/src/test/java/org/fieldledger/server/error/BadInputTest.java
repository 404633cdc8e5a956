package org.fieldledger.server.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import org.fieldledger.server.testing.Backend;
import org.fieldledger.server.testing.ServerContract;
import org.fieldledger.server.testing.TestServer;
import org.fieldledger.server.testing.TestServer.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Requests a client gets wrong: each is answered with a JSON error that names what was wrong in the client's terms
 * (never a Java class or a stack trace), and none of them writes anything.
 */
class BadInputTest {
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
        void malformedJsonIs400SayingWhere() {
            Response response = createSite("bad-json-1", "{\"id\": \"bad-json-1\", \"name\": \"张家\",");
            assertError(response, 400, "MALFORMED_REQUEST", "not valid JSON", "line 1");
        }

        @Test
        void unknownFieldIs400NamingIt() {
            Response response = createSite("bad-field-1", """
                    {"id": "bad-field-1", "name": "张家", "kind": "HOUSEHOLD", "area": "疃里镇", "colour": "red"}""");
            assertError(response, 400, "MALFORMED_REQUEST", "Unknown field 'colour'");
            assertThat(response.json().path("details").get(0).path("field").asText()).isEqualTo("colour");
        }

        @Test
        void unknownNestedFieldIsNamedByItsPath() {
            Response response = createSite("bad-field-2", """
                    {"id": "bad-field-2", "name": "张家", "kind": "HOUSEHOLD", "area": "疃里镇",
                     "location": {"latitude": 35.3, "longitude": 116.7, "altitude": 40}}""");
            assertError(response, 400, "MALFORMED_REQUEST", "'location.altitude'");
        }

        @Test
        void numberWhereTextBelongsIs400() {
            Response response = createSite("bad-type-1", """
                    {"id": "bad-type-1", "name": 42, "kind": "HOUSEHOLD", "area": "疃里镇"}""");
            assertError(response, 400, "MALFORMED_REQUEST", "Field 'name' must be a string");
        }

        @Test
        void textWhereANumberBelongsIs400() {
            Response response = createSite("bad-type-2", """
                    {"id": "bad-type-2", "name": "张家", "kind": "HOUSEHOLD", "area": "疃里镇",
                     "location": {"latitude": "35.3", "longitude": 116.7}}""");
            assertError(response, 400, "MALFORMED_REQUEST", "Field 'location.latitude' must be a number");
        }

        @Test
        void textWhereAnArrayBelongsIs400() {
            Response response = createSite("bad-type-3", """
                    {"id": "bad-type-3", "name": "张家", "kind": "HOUSEHOLD", "area": "疃里镇",
                     "projects": "jingkai-2025-24"}""");
            assertError(response, 400, "MALFORMED_REQUEST", "Field 'projects' must be an array");
        }

        @Test
        void textWhereTrueOrFalseBelongsIs400() {
            String id = server.createUser("bool.check", "INSPECTOR", "疃里镇");
            Response response = server.patch("/api/v1/admin/users/" + id, "{\"enabled\": \"false\"}", admin);
            assertError(response, 400, "MALFORMED_REQUEST", "Field 'enabled' must be true or false");
            assertThat(server.get("/api/v1/admin/users/" + id, admin).json().path("enabled").asBoolean()).isTrue();
        }

        @Test
        void missingRequiredFieldIs400NamingIt() {
            Response response = createSite("bad-missing-1", """
                    {"id": "bad-missing-1", "kind": "HOUSEHOLD", "area": "疃里镇"}""");
            assertError(response, 400, "MALFORMED_REQUEST", "Field 'name' is required");
        }

        @Test
        void missingNestedFieldIs400NamingItsPath() {
            Response response = createSite("bad-missing-2", """
                    {"id": "bad-missing-2", "name": "张家", "kind": "HOUSEHOLD", "area": "疃里镇",
                     "location": {"longitude": 116.7}}""");
            assertError(response, 400, "MALFORMED_REQUEST", "Field 'location.latitude' is required");
        }

        @Test
        void missingBodyIs400() {
            Response response = server.send(server.request("/api/v1/sites", admin).header("Content-Type",
                    "application/json").POST(HttpRequest.BodyPublishers.noBody()).build());
            assertError(response, 400, "MALFORMED_REQUEST", "body is missing");
        }

        @Test
        void arrayInsteadOfAnObjectIs400() {
            Response response = createSite("none", "[]");
            assertError(response, 400, "MALFORMED_REQUEST", "must be a JSON object");
        }

        @Test
        void duplicateKeyIs400() {
            Response response = createSite("bad-dup-1", """
                    {"id": "bad-dup-1", "name": "张家", "name": "李家", "kind": "HOUSEHOLD", "area": "疃里镇"}""");
            assertError(response, 400, "MALFORMED_REQUEST", "Duplicate field 'name'");
        }

        @Test
        void contentAfterTheJsonValueIs400() {
            Response response = createSite("bad-trail-1", """
                    {"id": "bad-trail-1", "name": "张家", "kind": "HOUSEHOLD", "area": "疃里镇"} {"id": "x"}""");
            assertError(response, 400, "MALFORMED_REQUEST", "more after its JSON value");
        }

        @Test
        void invalidIdIs422NamingTheRule() {
            Response response = createSite("has space", """
                    {"id": "has space", "name": "张家", "kind": "HOUSEHOLD", "area": "疃里镇"}""");
            assertError(response, 422, "VALIDATION_FAILED", "Field 'id'", "site id 'has space' must match");
        }

        @Test
        void bodyOverTheLimitIs413Json() {
            String huge = "{\"id\": \"bad-huge-1\", \"name\": \"" + "张".repeat(3_000_000) + "\","
                    + " \"kind\": \"HOUSEHOLD\", \"area\": \"疃里镇\"}";
            Response response = createSite("bad-huge-1", huge);
            assertError(response, 413, "PAYLOAD_TOO_LARGE", "exceeds");
        }

        @Test
        void bodyOfAnotherMediaTypeIs415() {
            Response response = server.send(server.request("/api/v1/sites", admin).header("Content-Type",
                    "text/plain").POST(HttpRequest.BodyPublishers.ofString("name=张家")).build());
            assertError(response, 415, "UNSUPPORTED_MEDIA_TYPE", "text/plain");
        }

        @Test
        void wrongMethodIs405Json() {
            Response response = server.send(server.request("/api/v1/sites/any-site", admin)
                    .DELETE().build());
            assertThat(response.status()).isEqualTo(405);
            assertThat(response.code()).isEqualTo("METHOD_NOT_ALLOWED");
        }

        /** Posts a site as the administrator; whatever the answer, the site must not exist afterwards. */
        private Response createSite(String id, String body) {
            Response response = server.post("/api/v1/sites", body, admin);
            if (!id.contains(" ")) {
                assertThat(server.get("/api/v1/sites/" + id, admin).status()).as("nothing written").isEqualTo(404);
            }
            return response;
        }

        private static void assertError(Response response, int status, String code, String... messageParts) {
            assertThat(response.status()).as(response.body()).isEqualTo(status);
            assertThat(response.contentType()).startsWith("application/json");
            assertThat(response.code()).isEqualTo(code);
            assertThat(response.message()).contains(messageParts);
            assertThat(response.body()).doesNotContain("org.fieldledger", "java.", "com.fasterxml", "Exception",
                    "Source:", "\\tat ");
        }
    }
}

package org.fieldledger.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.fieldledger.server.testing.Backend;
import org.fieldledger.server.testing.TestServer;
import org.fieldledger.server.testing.TestServer.Response;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The first administrator comes from FIELDLEDGER_ADMIN_PASSWORD, or not at all. */
class AdminBootstrapTest {
    private static final String PASSWORD = "fieldledger.admin.initial-password";

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

        Contract(Backend backend) {
            this.backend = backend;
        }

        @Test
        void passwordCreatesTheAdminOnceAndALaterPasswordChangesNothing() {
            try (TestServer server = TestServer.start(backend)) {
                TestServer.Tokens admin = server.login("admin", TestServer.ADMIN_PASSWORD);
                assertThat(admin.body().path("user").path("role").asText()).isEqualTo("ADMIN");

                server.restart(Map.of(PASSWORD, "another-password-later"));
                assertThat(server.login("admin", TestServer.ADMIN_PASSWORD).userId()).isEqualTo(admin.userId());
                assertThat(login(server, "another-password-later").status()).isEqualTo(401);
            }
        }

        @Test
        void withoutPasswordTheServerStartsWithNoAdmin() {
            try (TestServer server = TestServer.start(backend, Map.of(PASSWORD, ""))) {
                assertThat(server.get("/health").status()).isEqualTo(200);
                assertThat(login(server, TestServer.ADMIN_PASSWORD).status()).isEqualTo(401);

                server.restart(Map.of(PASSWORD, "set-by-the-operator"));
                assertThat(server.login("admin", "set-by-the-operator").accessToken()).isNotBlank();
            }
        }

        @Test
        void tooShortPasswordStopsTheStartSayingWhy() {
            assertThatThrownBy(() -> TestServer.start(backend, Map.of(PASSWORD, "admin123")))
                    .hasStackTraceContaining("FIELDLEDGER_ADMIN_PASSWORD")
                    .hasStackTraceContaining("at least 10 characters");
        }

        private static Response login(TestServer server, String password) {
            return server.post("/api/v1/auth/login", "{\"username\":\"admin\",\"password\":\"" + password + "\"}");
        }
    }
}

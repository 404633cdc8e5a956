package org.fieldledger.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.fieldledger.server.storage.Database;
import org.fieldledger.server.storage.Sql;
import org.fieldledger.server.testing.Backend;
import org.fieldledger.server.testing.TestServer;
import org.fieldledger.server.testing.TestServer.Response;
import org.fieldledger.server.testing.TestServer.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Logging in, refreshing, and the ways a session ends. */
class LoginApiTest {
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

        private final Backend backend;
        private TestServer server;

        Contract(Backend backend) {
            this.backend = backend;
        }

        @BeforeAll
        void start() {
            server = TestServer.start(backend);
        }

        @AfterAll
        void stop() {
            server.close();
        }

        @Test
        void loginReturnsABearerTokenPairAndTheUser() throws ParseException {
            String id = server.createUser("wang.fang", "INSPECTOR", TUANLI);
            Response login = server.post("/api/v1/auth/login",
                    "{\"username\":\"wang.fang\",\"password\":\"" + TestServer.USER_PASSWORD + "\"}");
            assertThat(login.status()).isEqualTo(200);
            JsonNode body = login.json();
            assertThat(body.path("tokenType").asText()).isEqualTo("Bearer");
            assertThat(body.path("expiresIn").asLong()).isEqualTo(900);
            assertThat(body.path("refreshToken").asText()).hasSize(43);
            assertThat(body.path("user").path("id").asText()).isEqualTo(id);
            assertThat(body.path("user").path("role").asText()).isEqualTo("INSPECTOR");
            assertThat(body.path("user").path("areas").get(0).asText()).isEqualTo(TUANLI);
            assertThat(server.get("/api/v1/plans", body.path("accessToken").asText()).status()).isEqualTo(200);
        }

        @Test
        void accessTokenCarriesTheAgreedClaims() throws ParseException {
            String id = server.createUser("sun.li", "INSPECTOR", TUANLI);
            SignedJWT jwt = SignedJWT.parse(server.login("sun.li", TestServer.USER_PASSWORD, "pixel-7a-sunli")
                    .accessToken());
            assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("ES256");
            assertThat(jwt.getHeader().getKeyID()).isNotBlank();
            Map<String, Object> claims = jwt.getJWTClaimsSet().getClaims();
            assertThat(claims).containsEntry("iss", "fieldledger").containsEntry("sub", id)
                    .containsEntry("name", "sun.li").containsEntry("role", "INSPECTOR")
                    .containsEntry("did", "pixel-7a-sunli").containsKeys("iat", "exp", "jti");
            assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly("fieldledger-api");
            assertThat(jwt.getJWTClaimsSet().getStringListClaim("areas")).containsExactly(TUANLI);
        }

        @Test
        void instancesOnOneDatabaseShareTheSigningKey() {
            Tokens login = server.login("admin", TestServer.ADMIN_PASSWORD);
            try (TestServer second = server.another()) {
                assertThat(second.bean(SigningKeys.class).current().getKeyID())
                        .isEqualTo(server.bean(SigningKeys.class).current().getKeyID());
                assertThat(second.get("/api/v1/admin/users", login.accessToken()).status()).isEqualTo(200);
                assertThat(second.refresh(login.refreshToken()).accessToken()).isNotBlank();
            }
        }

        @Test
        void wrongPasswordAndUnknownUserGetTheSameAnswer() {
            server.createUser("zhou.min", "INSPECTOR", TUANLI);
            Response wrongPassword = server.post("/api/v1/auth/login",
                    "{\"username\":\"zhou.min\",\"password\":\"not-her-password\"}");
            Response unknownUser = server.post("/api/v1/auth/login",
                    "{\"username\":\"nobody.here\",\"password\":\"not-her-password\"}");
            assertThat(wrongPassword.status()).isEqualTo(401);
            assertThat(wrongPassword.code()).isEqualTo("UNAUTHENTICATED");
            assertThat(unknownUser.body()).isEqualTo(wrongPassword.body());
            assertThat(wrongPassword.header("WWW-Authenticate")).startsWith("Bearer");
        }

        @Test
        void refreshRotatesBothTokens() {
            server.createUser("chen.jing", "INSPECTOR", TUANLI);
            Tokens first = server.login("chen.jing", TestServer.USER_PASSWORD);
            Tokens second = server.refresh(first.refreshToken());
            assertThat(second.refreshToken()).isNotEqualTo(first.refreshToken());
            assertThat(second.accessToken()).isNotEqualTo(first.accessToken());
            assertThat(second.body().path("user").path("username").asText()).isEqualTo("chen.jing");
            assertThat(server.get("/api/v1/plans", second.accessToken()).status()).isEqualTo(200);
            Tokens third = server.refresh(second.refreshToken());
            assertThat(server.get("/api/v1/plans", third.accessToken()).status()).isEqualTo(200);
        }

        @Test
        void refreshKeepsTheDeviceOfTheLogin() throws ParseException {
            server.createUser("he.yun", "INSPECTOR", TUANLI);
            Tokens login = server.login("he.yun", TestServer.USER_PASSWORD, "redmi-note-12-heyun");
            Tokens refreshed = server.refresh(login.refreshToken());
            assertThat(SignedJWT.parse(refreshed.accessToken()).getJWTClaimsSet().getStringClaim("did"))
                    .isEqualTo("redmi-note-12-heyun");
        }

        @Test
        void reusedRefreshTokenRevokesTheWholeFamily() {
            server.createUser("liu.yang", "INSPECTOR", TUANLI);
            Tokens login = server.login("liu.yang", TestServer.USER_PASSWORD);
            Tokens rotated = server.refresh(login.refreshToken());
            Tokens latest = server.refresh(rotated.refreshToken());

            Response reuse = refresh(login.refreshToken());
            assertThat(reuse.status()).as("its successor was used: not a retry").isEqualTo(401);
            assertThat(reuse.code()).isEqualTo("UNAUTHENTICATED");
            assertThat(reuse.message()).contains("revoked", "reused");
            assertThat(reuse.json().path("details").get(0).path("code").asText()).isEqualTo("REUSED");

            Response successor = refresh(latest.refreshToken());
            assertThat(successor.status()).as("the newest token of the family dies too").isEqualTo(401);
            assertThat(successor.message()).contains("revoked", "reused");
            Tokens otherLogin = server.login("liu.yang", TestServer.USER_PASSWORD);
            assertThat(server.refresh(otherLogin.refreshToken()).accessToken()).as("other sessions go on").isNotBlank();
        }

        @Test
        void aRefreshWhoseAnswerWasLostCanBeRetried() {
            server.createUser("he.jun", "INSPECTOR", TUANLI);
            Tokens login = server.login("he.jun", TestServer.USER_PASSWORD);
            Tokens neverReceived = server.refresh(login.refreshToken());

            Tokens retried = server.refresh(login.refreshToken());
            assertThat(retried.refreshToken()).isNotEqualTo(neverReceived.refreshToken());
            Tokens next = server.refresh(retried.refreshToken());
            assertThat(next.accessToken()).as("the retried session goes on").isNotBlank();

            Response late = refresh(neverReceived.refreshToken());
            assertThat(late.status()).as("the answer the device never saw is retired").isEqualTo(401);
            assertThat(late.json().path("details").get(0).path("code").asText()).isEqualTo("REUSED");
        }

        @Test
        void aRetryAfterTheWindowIsReuse() {
            try (TestServer strict = TestServer.start(backend,
                    Map.of("fieldledger.auth.refresh-retry-window", "0s"))) {
                strict.createUser("tang.wei", "INSPECTOR", TUANLI);
                Tokens login = strict.login("tang.wei", TestServer.USER_PASSWORD);
                strict.refresh(login.refreshToken());
                Response late = strict.post("/api/v1/auth/refresh",
                        "{\"refreshToken\":\"" + login.refreshToken() + "\"}");
                assertThat(late.status()).isEqualTo(401);
                assertThat(late.json().path("details").get(0).path("code").asText()).isEqualTo("REUSED");
            }
        }

        @Test
        void refreshTokenIsStoredOnlyAsItsHashAndLasts30Days() {
            Tokens login = server.login("admin", TestServer.ADMIN_PASSWORD);
            List<String> stored = server.bean(Database.class).read(connection -> Sql.query(connection,
                    "SELECT token_sha256, expires_at - issued_at FROM refresh_token",
                    row -> row.getString(1) + " " + row.getLong(2)));
            assertThat(String.join("\n", stored)).doesNotContain(login.refreshToken());
            assertThat(stored).contains(sha256Hex(login.refreshToken()) + " " + Duration.ofDays(30).toMillis());
        }

        @Test
        void unknownRefreshTokenIs401() {
            Response unknown = refresh("bm90LWEtdG9rZW4tdGhpcy1zZXJ2ZXItaXNzdWVkLWV2ZXI");
            assertThat(unknown.status()).isEqualTo(401);
            assertThat(unknown.code()).isEqualTo("UNAUTHENTICATED");
        }

        @Test
        void deviceIsRegisteredToItsFirstUser() {
            server.createUser("ma.lin", "INSPECTOR", TUANLI);
            server.createUser("gao.wei", "INSPECTOR", TUANLI);
            server.login("ma.lin", TestServer.USER_PASSWORD, "9f1c2d3e-device-of-malin");
            server.login("ma.lin", TestServer.USER_PASSWORD, "9f1c2d3e-device-of-malin");
            Response other = server.post("/api/v1/auth/login", "{\"username\":\"gao.wei\",\"password\":\""
                    + TestServer.USER_PASSWORD + "\",\"deviceId\":\"9f1c2d3e-device-of-malin\"}");
            assertThat(other.status()).isEqualTo(409);
            assertThat(other.code()).isEqualTo("CONFLICT");
            JsonNode devices = server.get("/api/v1/admin/devices", server.adminToken()).json().path("items");
            assertThat(devices).anySatisfy(device -> {
                assertThat(device.path("id").asText()).isEqualTo("9f1c2d3e-device-of-malin");
                assertThat(device.path("username").asText()).isEqualTo("ma.lin");
            });
        }

        @Test
        void deviceIdMustBe8To64SafeCharacters() {
            server.createUser("xu.hui", "INSPECTOR", TUANLI);
            Response login = server.post("/api/v1/auth/login", "{\"username\":\"xu.hui\",\"password\":\""
                    + TestServer.USER_PASSWORD + "\",\"deviceId\":\"phone 1\"}");
            assertThat(login.status()).isEqualTo(422);
            assertThat(login.code()).isEqualTo("VALIDATION_FAILED");
            assertThat(login.message()).contains("deviceId");
        }

        @Test
        void disabledUsersTokensAreRefusedAndTheyCannotLogIn() {
            String id = server.createUser("wu.tao", "INSPECTOR", TUANLI);
            Tokens tokens = server.login("wu.tao", TestServer.USER_PASSWORD);
            assertThat(server.patch("/api/v1/admin/users/" + id, "{\"enabled\":false}", server.adminToken())
                    .status()).isEqualTo(200);

            Response access = server.get("/api/v1/plans", tokens.accessToken());
            assertThat(access.status()).isEqualTo(401);
            assertThat(access.message()).contains("disabled");
            assertThat(access.json().path("details").get(0).path("code").asText()).isEqualTo("USER_DISABLED");
            Response refresh = refresh(tokens.refreshToken());
            assertThat(refresh.status()).isEqualTo(401);
            assertThat(refresh.message()).contains("disabled");
            Response login = server.post("/api/v1/auth/login",
                    "{\"username\":\"wu.tao\",\"password\":\"" + TestServer.USER_PASSWORD + "\"}");
            assertThat(login.status()).isEqualTo(401);
        }

        @Test
        void newPasswordEndsTheUsersSessions() {
            String id = server.createUser("lin.na", "INSPECTOR", TUANLI);
            Tokens tokens = server.login("lin.na", TestServer.USER_PASSWORD);
            assertThat(server.patch("/api/v1/admin/users/" + id, "{\"password\":\"a-brand-new-password\"}",
                    server.adminToken()).status()).isEqualTo(200);

            Response refresh = refresh(tokens.refreshToken());
            assertThat(refresh.status()).isEqualTo(401);
            assertThat(refresh.message()).contains("password was changed");
            assertThat(server.post("/api/v1/auth/login", "{\"username\":\"lin.na\",\"password\":\""
                    + TestServer.USER_PASSWORD + "\"}").status()).isEqualTo(401);
            assertThat(server.login("lin.na", "a-brand-new-password").accessToken()).isNotBlank();
        }

        private static String sha256Hex(String text) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(text.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new AssertionError(e);
            }
        }

        private Response refresh(String refreshToken) {
            return server.post("/api/v1/auth/refresh", "{\"refreshToken\":\"" + refreshToken + "\"}");
        }
    }
}

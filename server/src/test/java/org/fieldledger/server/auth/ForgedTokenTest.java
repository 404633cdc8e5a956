package org.fieldledger.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.fieldledger.server.testing.Backend;
import org.fieldledger.server.testing.ServerContract;
import org.fieldledger.server.testing.TestServer;
import org.fieldledger.server.testing.TestServer.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Tokens an attacker could make, each claiming to be the administrator and trying to create a user. Every one must
 * get a 401 that says what was wrong, and the user must not exist afterwards.
 */
class ForgedTokenTest {
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
        private String adminId;
        private ECKey serverKey;

        Contract(Backend backend) {
            super(backend);
        }

        @BeforeAll
        void prepare() {
            adminId = server.login("admin", TestServer.ADMIN_PASSWORD).userId();
            serverKey = server.bean(SigningKeys.class).current();
        }

        @Test
        void genuineTokenMadeTheSameWayIsAccepted() throws Exception {
            String token = sign(serverKey, JWSAlgorithm.ES256, claims(UnaryOperator.identity()));
            Response created = createUserWith(token, "genuine.check");
            assertThat(created.status()).as("the forging helper itself makes valid tokens").isEqualTo(201);
        }

        @Test
        void unsignedTokenIsRefused() {
            String token = new PlainJWT(claims(UnaryOperator.identity())).serialize();
            assertRefused(token, "forged.none", "UNSUPPORTED_ALGORITHM", "not signed");
        }

        @Test
        void tokenSignedWithAnotherEcKeyIsRefused() throws Exception {
            ECKey attackerKey = new ECKeyGenerator(Curve.P_256).keyID(serverKey.getKeyID()).generate();
            String token = sign(attackerKey, JWSAlgorithm.ES256, claims(UnaryOperator.identity()));
            assertRefused(token, "forged.other.key", "BAD_SIGNATURE", "signature");
        }

        @Test
        void tokenNamingAnUnknownKeyIsRefused() throws Exception {
            ECKey attackerKey = new ECKeyGenerator(Curve.P_256).keyID("attacker-key").generate();
            String token = sign(attackerKey, JWSAlgorithm.ES256, claims(UnaryOperator.identity()));
            assertRefused(token, "forged.unknown.key", "UNKNOWN_KEY", "key");
        }

        @Test
        void hs256TokenKeyedWithOurPublicKeyIsRefused() throws Exception {
            byte[] publicKeyBytes = serverKey.toECPublicKey().getEncoded();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(AccessTokens.TYPE)
                    .keyID(serverKey.getKeyID()).build(), claims(UnaryOperator.identity()));
            jwt.sign(new MACSigner(publicKeyBytes));
            assertRefused(jwt.serialize(), "forged.hs256", "UNSUPPORTED_ALGORITHM", "HS256");
        }

        @Test
        void expiredTokenIsRefused() throws Exception {
            Instant issued = Instant.now().minus(Duration.ofHours(2));
            String token = sign(serverKey, JWSAlgorithm.ES256, claims(builder -> builder
                    .issueTime(Date.from(issued)).expirationTime(Date.from(issued.plus(Duration.ofMinutes(15))))));
            assertRefused(token, "forged.expired", "EXPIRED", "expired");
        }

        /** The server remembers signatures it verified; that must never stretch a token's life. */
        @Test
        void aTokenAcceptedBeforeIsRefusedOnceItExpires() throws Exception {
            Instant expires = Instant.now().minus(AccessTokens.CLOCK_SKEW).plusSeconds(3)
                    .truncatedTo(ChronoUnit.SECONDS);
            String token = sign(serverKey, JWSAlgorithm.ES256, claims(builder -> builder
                    .issueTime(Date.from(expires.minus(Duration.ofMinutes(15)))).expirationTime(Date.from(expires))));
            assertThat(createUserWith(token, "expiring.before").status()).isEqualTo(201);

            Thread.sleep(Math.max(0, Duration.between(Instant.now(), expires.plus(AccessTokens.CLOCK_SKEW))
                    .toMillis()) + 500);

            assertRefused(token, "expiring.after", "EXPIRED", "expired");
        }

        @Test
        void tokenForAnotherAudienceIsRefused() throws Exception {
            String token = sign(serverKey, JWSAlgorithm.ES256, claims(builder -> builder.audience("billing-api")));
            assertRefused(token, "forged.audience", "WRONG_AUDIENCE", "billing-api");
        }

        @Test
        void tokenFromAnotherIssuerIsRefused() throws Exception {
            String token = sign(serverKey, JWSAlgorithm.ES256,
                    claims(builder -> builder.issuer("https://evil.example")));
            assertRefused(token, "forged.issuer", "WRONG_ISSUER", "issuer");
        }

        @Test
        void tokenWithEditedClaimsIsRefused() throws Exception {
            String inspector = server.tokenOf("qian.bo", "INSPECTOR", "疃里镇");
            String[] parts = inspector.split("\\.");
            String payload = Base64URL.from(parts[1]).decodeToString().replace("\"INSPECTOR\"", "\"ADMIN\"");
            String edited = parts[0] + "." + Base64URL.encode(payload) + "." + parts[2];
            assertRefused(edited, "forged.edited", "BAD_SIGNATURE", "signature");
        }

        @Test
        void garbageIsRefused() {
            assertRefused("garbage", "forged.garbage", "MALFORMED", "not a JWT");
            assertRefused("eyJhbGciOiJFUzI1NiJ9.e30.AAAA", "forged.garbage2", "MALFORMED", "");
        }

        @Test
        void authorizationWithoutBearerSchemeIsRefused() {
            Response basic = server.send(server.request("/api/v1/admin/users", null)
                    .header("Authorization", "Basic YWRtaW46YWRtaW4=").GET().build());
            assertThat(basic.status()).isEqualTo(401);
            assertThat(basic.message()).contains("Bearer");
            assertThat(basic.header("WWW-Authenticate")).startsWith("Bearer");
        }

        @Test
        void missingTokenSaysSo() {
            Response missing = server.get("/api/v1/admin/users");
            assertThat(missing.status()).isEqualTo(401);
            assertThat(missing.contentType()).startsWith("application/json");
            assertThat(missing.json().path("details").get(0).path("code").asText()).isEqualTo("MISSING");
            assertThat(missing.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"fieldledger\"");
        }

        private void assertRefused(String token, String username, String problem, String messagePart) {
            Response response = createUserWith(token, username);
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.contentType()).startsWith("application/json");
            assertThat(response.code()).isEqualTo("UNAUTHENTICATED");
            assertThat(response.message()).contains(messagePart);
            assertThat(response.json().path("details").get(0).path("code").asText()).isEqualTo(problem);
            assertThat(response.header("WWW-Authenticate")).startsWith("Bearer realm=\"fieldledger\"")
                    .contains("invalid_token");
            assertThat(server.get("/api/v1/admin/users", server.adminToken()).body())
                    .as("nothing changed").doesNotContain(username);
        }

        private Response createUserWith(String token, String username) {
            return server.post("/api/v1/admin/users", "{\"username\":\"" + username + "\",\"password\":\""
                    + TestServer.USER_PASSWORD + "\",\"role\":\"ADMIN\",\"areas\":[]}", token);
        }

        /** Claims as the server would issue them for the administrator, changed by {@code change}. */
        private JWTClaimsSet claims(UnaryOperator<JWTClaimsSet.Builder> change) {
            Instant now = Instant.now();
            return change.apply(new JWTClaimsSet.Builder().issuer("fieldledger").audience("fieldledger-api")
                    .subject(adminId).claim("name", "admin").claim("role", "ADMIN").claim("areas", List.of())
                    .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(15))))
                    .jwtID(UUID.randomUUID().toString())).build();
        }

        private static String sign(ECKey key, JWSAlgorithm algorithm, JWTClaimsSet claims) throws Exception {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).type(new JOSEObjectType("at+jwt"))
                    .keyID(key.getKeyID()).build(), claims);
            JWSSigner signer = new ECDSASigner(key);
            jwt.sign(signer);
            return jwt.serialize();
        }
    }
}

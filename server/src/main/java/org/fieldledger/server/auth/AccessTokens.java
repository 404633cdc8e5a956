package org.fieldledger.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issues and verifies access tokens: JWTs signed with ES256 (RFC 7518 §3.4) by a key from {@link SigningKeys}.
 * Verification is written out step by step rather than left to a generic JWT processor, so each refusal can say
 * exactly what was wrong, and so nothing but ES256 with one of our keys is ever tried: the header's {@code alg} is
 * compared, never trusted (the "alg: none" and HS256-with-the-public-key forgeries both die there).
 */
@Singleton
public class AccessTokens {
    public static final String ISSUER = "fieldledger";
    public static final String AUDIENCE = "fieldledger-api";
    /** RFC 9068 §2.1: marks the JWT as an access token, so no other JWT we may sign later passes for one. */
    static final JOSEObjectType TYPE = new JOSEObjectType("at+jwt");
    /** Server instances' clocks differ a little; a token is not refused for a few seconds of that. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    /** Past this many tokens the cache of verified signatures is emptied and fills again as tokens come back. */
    private static final int VERIFIED_TOKENS_KEPT = 10_000;

    private final SigningKeys keys;
    private final Duration ttl;
    private final Clock clock = Clock.systemUTC();
    /**
     * Tokens whose signature verified, with their claims. A device sends the same token with every request for as
     * long as it is valid, and checking an ES256 signature was the largest cost of a push request after its JSON. A
     * token found here still has its key and its claims (expiry first of all) checked on every use.
     */
    private final Map<String, SignedClaims> verifiedTokens = new ConcurrentHashMap<>();

    private record SignedClaims(String keyId, JWTClaimsSet claims) {
    }

    AccessTokens(SigningKeys keys, @Value("${fieldledger.auth.access-token-ttl:15m}") Duration ttl) {
        this.keys = keys;
        this.ttl = ttl;
    }

    /** A signed token and how long it is valid for. */
    public record Issued(String token, long expiresInSeconds) {
    }

    /** What a verified token says; the user's role and areas are read fresh from the database, not from here. */
    public record Verified(String userId, String deviceId, String tokenId, Instant expiresAt) {
    }

    public Issued issue(User user, String deviceId) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(user.id())
                .claim("name", user.username())
                .claim("role", user.role().name())
                .claim("areas", user.areas())
                .claim("did", deviceId)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        ECKey key = keys.current();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(SigningKeys.ALGORITHM).type(TYPE).keyID(key.getKeyID())
                .build(), claims);
        try {
            jwt.sign(new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign an access token", e);
        }
        return new Issued(jwt.serialize(), ttl.toSeconds());
    }

    /**
     * Checks a token's form, algorithm, key, signature, issuer, audience and validity period, in that order.
     *
     * @throws AuthenticationFailure naming the first thing wrong
     */
    public Verified verify(String token) {
        SignedClaims signed = verifiedTokens.get(token);
        if (signed == null || keys.find(signed.keyId()).isEmpty()) {
            signed = verifySignature(token);
            if (verifiedTokens.size() >= VERIFIED_TOKENS_KEPT) {
                verifiedTokens.clear();
            }
            verifiedTokens.put(token, signed);
        }
        JWTClaimsSet claims = signed.claims();
        checkClaims(claims);
        Object device = claims.getClaim("did");
        return new Verified(claims.getSubject(), device instanceof String ? (String) device : null, claims.getJWTID(),
                claims.getExpirationTime().toInstant());
    }

    private SignedClaims verifySignature(String token) {
        SignedJWT jwt = parse(token);
        checkSignature(jwt);
        try {
            return new SignedClaims(jwt.getHeader().getKeyID(), jwt.getJWTClaimsSet());
        } catch (ParseException e) {
            throw refused(TokenProblem.MALFORMED, "The access token's claims are not a JSON object");
        }
    }

    private static SignedJWT parse(String token) {
        JWT jwt;
        try {
            jwt = JWTParser.parse(token);
        } catch (ParseException e) {
            throw refused(TokenProblem.MALFORMED, "The access token is not a JWT (three base64url parts separated by"
                    + " dots with a JSON header)");
        }
        if (!(jwt instanceof SignedJWT signed)) {
            throw refused(TokenProblem.UNSUPPORTED_ALGORITHM, "The access token is not signed (alg "
                    + jwt.getHeader().getAlgorithm() + "); only ES256 is accepted");
        }
        JWSHeader header = signed.getHeader();
        if (!SigningKeys.ALGORITHM.equals(header.getAlgorithm())) {
            throw refused(TokenProblem.UNSUPPORTED_ALGORITHM, "The access token is signed with "
                    + header.getAlgorithm() + "; only ES256 is accepted");
        }
        if (!TYPE.equals(header.getType())) {
            throw refused(TokenProblem.MALFORMED, "The token's type (typ) is " + header.getType()
                    + ", not at+jwt: it is not an access token");
        }
        return signed;
    }

    private void checkSignature(SignedJWT jwt) {
        String kid = jwt.getHeader().getKeyID();
        if (kid == null) {
            throw refused(TokenProblem.UNKNOWN_KEY, "The access token names no signing key (kid)");
        }
        ECKey key = keys.find(kid).orElseThrow(() -> refused(TokenProblem.UNKNOWN_KEY,
                "The access token was signed by a key this server does not have"));
        boolean valid;
        try {
            valid = jwt.verify(new ECDSAVerifier(key.toECPublicKey()));
        } catch (JOSEException e) {
            valid = false;
        }
        if (!valid) {
            throw refused(TokenProblem.BAD_SIGNATURE, "The access token's signature does not verify: it was altered or"
                    + " not signed by this server");
        }
    }

    private void checkClaims(JWTClaimsSet claims) {
        if (!ISSUER.equals(claims.getIssuer())) {
            throw refused(TokenProblem.WRONG_ISSUER, "The access token's issuer is " + quoted(claims.getIssuer())
                    + ", not \"" + ISSUER + "\"");
        }
        List<String> audience = claims.getAudience();
        if (!audience.contains(AUDIENCE)) {
            throw refused(TokenProblem.WRONG_AUDIENCE, "The access token is meant for " + audience
                    + ", not for \"" + AUDIENCE + "\"");
        }
        Instant now = clock.instant();
        Date expires = claims.getExpirationTime();
        if (expires == null) {
            throw refused(TokenProblem.MALFORMED, "The access token has no expiry (exp)");
        }
        if (expires.toInstant().plus(CLOCK_SKEW).isBefore(now)) {
            throw refused(TokenProblem.EXPIRED, "The access token expired at " + expires.toInstant()
                    + "; get a new one from /api/v1/auth/refresh");
        }
        Date issued = claims.getIssueTime();
        if (issued != null && issued.toInstant().minus(CLOCK_SKEW).isAfter(now)) {
            throw refused(TokenProblem.NOT_YET_VALID, "The access token is issued in the future ("
                    + issued.toInstant() + ")");
        }
        if (claims.getSubject() == null || claims.getJWTID() == null) {
            throw refused(TokenProblem.MALFORMED, "The access token names no user (sub) or has no id (jti)");
        }
    }

    private static String quoted(String text) {
        return text == null ? "missing" : "\"" + text + "\"";
    }

    private static AuthenticationFailure refused(TokenProblem problem, String message) {
        return AuthenticationFailure.accessToken(problem, message);
    }
}

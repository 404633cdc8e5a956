package org.fieldledger.server.auth;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.fieldledger.server.storage.Hashes;
import org.fieldledger.server.storage.Sql;

/**
 * Refresh tokens, rotated on every use (OAuth 2.0 Security BCP, RFC 9700 §4.14.2). Each login starts a family; each
 * refresh marks the token used and issues the next one of the family. A used token presented again means two parties
 * hold the family's tokens, one of them not the user: the whole family is revoked, so the thief's copy and the
 * user's both stop working and the user must log in again.
 *
 * <p>A token is 256 random bits; only its SHA-256 is stored, so the table is useless to someone who reads it.
 */
@Singleton
public class RefreshTokens {
    /** Why a session was ended; stored with it and named when its token is presented again. */
    public enum Revocation {
        REFRESH_TOKEN_REUSED("a refresh token was reused"),
        USER_DISABLED("the account was disabled"),
        PASSWORD_CHANGED("the password was changed");

        private final String text;

        Revocation(String text) {
            this.text = text;
        }

        String text() {
            return text;
        }
    }

    private final SecureRandom random = new SecureRandom();
    private final Duration ttl;

    RefreshTokens(@Value("${fieldledger.auth.refresh-token-ttl:30d}") Duration ttl) {
        this.ttl = ttl;
    }

    /** What presenting a refresh token led to. */
    sealed interface Outcome {
    }

    /** The token was valid: it is now used, and {@code next} replaces it. */
    record Rotated(String next, String userId, String deviceId) implements Outcome {
    }

    /** The token was not exchanged; {@code revokedReason} is set when its family is (now or earlier) revoked. */
    record Refused(TokenProblem problem, Revocation revokedReason) implements Outcome {
    }

    /** Starts the family of one login and returns its first token. */
    String start(Connection connection, String userId, String deviceId, long now) throws SQLException {
        String family = UUID.randomUUID().toString();
        Sql.update(connection, "INSERT INTO session_family (id, user_id, device_id, created_at) VALUES (?, ?, ?, ?)",
                family, userId, deviceId, now);
        return issue(connection, family, now);
    }

    /**
     * Exchanges a token for the next of its family. The conditional update makes the exchange happen at most once
     * even when two requests race with the same token: the loser sees it used and revokes the family.
     */
    Outcome rotate(Connection connection, String token, long now) throws SQLException {
        String hash = Hashes.sha256(token);
        Optional<Presented> found = Sql.queryOne(connection, "SELECT t.family_id, t.expires_at, t.used_at,"
                + " f.user_id, f.device_id, f.revoked_reason FROM refresh_token t"
                + " JOIN session_family f ON f.id = t.family_id WHERE t.token_sha256 = ?", row -> new Presented(
                row.getString(1), row.getLong(2), row.getObject(3) != null, row.getString(4), row.getString(5),
                row.getString(6) == null ? null : Revocation.valueOf(row.getString(6))), hash);
        if (found.isEmpty()) {
            return new Refused(TokenProblem.UNKNOWN_TOKEN, null);
        }
        Presented presented = found.get();
        if (presented.revokedReason() != null) {
            return new Refused(TokenProblem.REVOKED, presented.revokedReason());
        }
        if (presented.used()) {
            return reused(connection, presented.familyId(), now);
        }
        if (presented.expiresAt() <= now) {
            return new Refused(TokenProblem.EXPIRED, null);
        }
        if (Sql.update(connection, "UPDATE refresh_token SET used_at = ? WHERE token_sha256 = ? AND used_at IS NULL",
                now, hash) == 0) {
            // A concurrent request exchanged the same token between our read and this update.
            return reused(connection, presented.familyId(), now);
        }
        return new Rotated(issue(connection, presented.familyId(), now), presented.userId(), presented.deviceId());
    }

    /** Ends every session of a user: their refresh tokens stop working at once. */
    public void revokeUser(Connection connection, String userId, Revocation reason, long now) throws SQLException {
        Sql.update(connection, "UPDATE session_family SET revoked_at = ?, revoked_reason = ? WHERE user_id = ?"
                + " AND revoked_at IS NULL", now, reason.name(), userId);
    }

    private static Refused reused(Connection connection, String familyId, long now) throws SQLException {
        revokeFamily(connection, familyId, Revocation.REFRESH_TOKEN_REUSED, now);
        return new Refused(TokenProblem.REUSED, Revocation.REFRESH_TOKEN_REUSED);
    }

    private static void revokeFamily(Connection connection, String familyId, Revocation reason, long now)
            throws SQLException {
        Sql.update(connection, "UPDATE session_family SET revoked_at = ?, revoked_reason = ? WHERE id = ?"
                + " AND revoked_at IS NULL", now, reason.name(), familyId);
    }

    private String issue(Connection connection, String familyId, long now) throws SQLException {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Sql.update(connection, "INSERT INTO refresh_token (token_sha256, family_id, issued_at, expires_at)"
                + " VALUES (?, ?, ?, ?)", Hashes.sha256(token), familyId, now, now + ttl.toMillis());
        return token;
    }

    private record Presented(String familyId, long expiresAt, boolean used, String userId, String deviceId,
                             Revocation revokedReason) {
    }

}

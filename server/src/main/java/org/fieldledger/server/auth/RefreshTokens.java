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
 * <p>One exception keeps devices on poor networks logged in: a used token presented again within a short retry window
 * of its exchange, while the token it was exchanged for has not been used, is a client retrying a refresh whose
 * response it never received. It gets a fresh successor, and the unused one it never saw is retired, so the family
 * still has exactly one live token. Once that successor has been used, presenting the old token is reuse as before.
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
    private final Duration retryWindow;

    RefreshTokens(@Value("${fieldledger.auth.refresh-token-ttl:30d}") Duration ttl,
                  @Value("${fieldledger.auth.refresh-retry-window:2m}") Duration retryWindow) {
        this.ttl = ttl;
        this.retryWindow = retryWindow;
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
     * Exchanges a token for the next of its family. The conditional updates make each exchange happen at most once
     * even when two requests race with the same token: the loser sees the token (or its successor) used, and unless
     * that is a retry within the window, revokes the family.
     */
    Outcome rotate(Connection connection, String token, long now) throws SQLException {
        String hash = Hashes.sha256(token);
        Optional<Presented> found = Sql.queryOne(connection, "SELECT t.family_id, t.expires_at, t.used_at,"
                + " t.replaced_by, f.user_id, f.device_id, f.revoked_reason FROM refresh_token t"
                + " JOIN session_family f ON f.id = t.family_id WHERE t.token_sha256 = ?", row -> new Presented(
                row.getString(1), row.getLong(2), row.getObject(3) == null ? null : row.getLong(3), row.getString(4),
                row.getString(5), row.getString(6),
                row.getString(7) == null ? null : Revocation.valueOf(row.getString(7))), hash);
        if (found.isEmpty()) {
            return new Refused(TokenProblem.UNKNOWN_TOKEN, null);
        }
        Presented presented = found.get();
        if (presented.revokedReason() != null) {
            return new Refused(TokenProblem.REVOKED, presented.revokedReason());
        }
        if (presented.usedAt() != null) {
            return isRetry(connection, presented, now)
                    ? exchange(connection, hash, presented, now)
                    : reused(connection, presented.familyId(), now);
        }
        if (presented.expiresAt() <= now) {
            return new Refused(TokenProblem.EXPIRED, null);
        }
        if (Sql.update(connection, "UPDATE refresh_token SET used_at = ? WHERE token_sha256 = ? AND used_at IS NULL",
                now, hash) == 0) {
            // A concurrent request exchanged the same token between our read and this update.
            return reused(connection, presented.familyId(), now);
        }
        return exchange(connection, hash, presented, now);
    }

    /**
     * Within the window, and only while the successor is unused: retiring it here (a conditional update, so of two
     * racing retries one wins) is what keeps the family at one live token.
     */
    private boolean isRetry(Connection connection, Presented presented, long now) throws SQLException {
        return presented.replacedBy() != null
                && now - presented.usedAt() <= retryWindow.toMillis()
                && Sql.update(connection, "UPDATE refresh_token SET used_at = ? WHERE token_sha256 = ?"
                + " AND used_at IS NULL", now, presented.replacedBy()) == 1;
    }

    private Rotated exchange(Connection connection, String hash, Presented presented, long now) throws SQLException {
        String next = issue(connection, presented.familyId(), now);
        Sql.update(connection, "UPDATE refresh_token SET replaced_by = ? WHERE token_sha256 = ?",
                Hashes.sha256(next), hash);
        return new Rotated(next, presented.userId(), presented.deviceId());
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

    private record Presented(String familyId, long expiresAt, Long usedAt, String replacedBy, String userId,
                             String deviceId, Revocation revokedReason) {
    }

}

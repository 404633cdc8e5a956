package org.fieldledger.client.internal.store;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.fieldledger.client.User;
import org.fieldledger.client.store.SqlDatabase;
import org.fieldledger.model.Role;
import org.fieldledger.model.catalog.Area;
import org.fieldledger.model.sync.Hlc;
import org.fieldledger.model.sync.PushRequest;

/**
 * The single {@code device_state} row: identity, sequence, clock, cursor, session and back-off. Callers hold the
 * device's lock and, where several writes belong together, a transaction.
 */
public final class DeviceStateStore {
    private final SqlDatabase db;

    public DeviceStateStore(SqlDatabase db) {
        this.db = db;
    }

    /**
     * The device id, created on first open: the requested one, or a fresh {@code fl-<uuid>}. A database keeps the id it
     * was created with, because its outbox sequence belongs to that id; asking for another one is refused.
     */
    public String initialize(String requestedDeviceId) {
        if (requestedDeviceId != null) {
            PushRequest.checkDeviceId(requestedDeviceId);
        }
        List<String> existing = db.query("SELECT device_id FROM device_state WHERE id = 1",
                row -> row.getString("device_id"));
        if (!existing.isEmpty()) {
            String deviceId = existing.get(0);
            if (requestedDeviceId != null && !requestedDeviceId.equals(deviceId)) {
                throw new IllegalStateException("this database belongs to device " + deviceId + ", not "
                        + requestedDeviceId);
            }
            return deviceId;
        }
        String deviceId = requestedDeviceId != null ? requestedDeviceId : "fl-" + UUID.randomUUID();
        db.update("INSERT INTO device_state (id, device_id, next_seq) VALUES (1, ?, 1)", deviceId);
        return deviceId;
    }

    /** Allocates the next sequence number; call in the transaction that stores the mutation, so none is skipped. */
    public long takeNextSeq() {
        long seq = value("next_seq", row -> row.getRequiredLong("next_seq"));
        db.update("UPDATE device_state SET next_seq = ? WHERE id = 1", seq + 1);
        return seq;
    }

    public Hlc hlc() {
        String text = value("hlc", row -> row.getString("hlc"));
        return text == null ? null : Hlc.parse(text);
    }

    public void saveHlc(Hlc hlc) {
        db.update("UPDATE device_state SET hlc = ? WHERE id = 1", hlc.toString());
    }

    public String cursor() {
        return value("pull_cursor", row -> row.getString("pull_cursor"));
    }

    public void saveCursor(String cursor) {
        db.update("UPDATE device_state SET pull_cursor = ? WHERE id = 1", cursor);
    }

    public Session session() {
        return value("*", row -> {
            String userId = row.getString("user_id");
            User user = userId == null ? null : new User(userId, row.getString("username"),
                    Role.valueOf(row.getString("role")), areas(row.getString("areas")));
            return new Session(user, row.getString("access_token"), row.getString("refresh_token"),
                    row.getLong("access_expires_at"), row.getRequiredLong("session_expired") != 0);
        });
    }

    public void saveLogin(User user, Tokens tokens) {
        JsonArray areas = new JsonArray();
        for (Area area : user.areas()) {
            areas.add(area.name());
        }
        db.update("UPDATE device_state SET user_id = ?, username = ?, role = ?, areas = ? WHERE id = 1", user.id(),
                user.username(), user.role().name(), areas.toString());
        saveTokens(tokens);
    }

    /** Stores a token pair, and with it clears an expired session: a refresh token is only good once. */
    public void saveTokens(Tokens tokens) {
        db.update("UPDATE device_state SET access_token = ?, refresh_token = ?, access_expires_at = ?, "
                + "session_expired = 0 WHERE id = 1", tokens.accessToken(), tokens.refreshToken(),
                tokens.accessExpiresAt());
    }

    public void markSessionExpired() {
        db.update("UPDATE device_state SET session_expired = 1 WHERE id = 1");
    }

    public Backoff backoff() {
        return value("*", row -> new Backoff(row.getRequiredLong("sync_failures"), row.getLong("retry_at"),
                row.getString("last_error"), row.getLong("last_synced_at")));
    }

    public void recordFailure(long failures, long retryAt, String error) {
        db.update("UPDATE device_state SET sync_failures = ?, retry_at = ?, last_error = ? WHERE id = 1", failures,
                retryAt, error);
    }

    public void recordSuccess(long now) {
        db.update("UPDATE device_state SET sync_failures = 0, retry_at = NULL, last_error = NULL, last_synced_at = ? "
                + "WHERE id = 1", now);
    }

    private <T> T value(String column, SqlDatabase.RowMapper<T> mapper) {
        List<T> values = db.query("SELECT " + column + " FROM device_state WHERE id = 1", mapper);
        if (values.isEmpty()) {
            throw new IllegalStateException("the device state has not been initialised");
        }
        return values.get(0);
    }

    private static List<Area> areas(String json) {
        List<Area> areas = new ArrayList<>();
        if (json != null) {
            for (JsonElement area : JsonParser.parseString(json).getAsJsonArray()) {
                areas.add(new Area(area.getAsString()));
            }
        }
        return areas;
    }

    /** A login's tokens. {@code accessExpiresAt} is by the device clock, so only a hint; the server decides. */
    public record Tokens(String accessToken, String refreshToken, Long accessExpiresAt) {
    }

    /** Who is logged in and with which tokens; {@code expired} once a refresh has been refused. */
    public record Session(User user, String accessToken, String refreshToken, Long accessExpiresAt, boolean expired) {
        public boolean isLoggedIn() {
            return user != null && accessToken != null;
        }
    }

    /** How many syncs in a row have failed, and when to try again. */
    public record Backoff(long failures, Long retryAt, String lastError, Long lastSyncedAt) {
    }
}

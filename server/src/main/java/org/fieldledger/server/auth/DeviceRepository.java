package org.fieldledger.server.auth;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.fieldledger.model.ErrorCode;
import org.fieldledger.server.error.ApiException;
import org.fieldledger.server.storage.Database;
import org.fieldledger.server.storage.Sql;

/** The devices users log in from. A device belongs to the first user who logged in on it, for good. */
@Singleton
public class DeviceRepository {
    /** A client mints its own id (a UUID, say) once, at install, and keeps it. */
    public static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9._-]{8,64}");

    private final Database database;

    DeviceRepository(Database database) {
        this.database = database;
    }

    /** A registered device. */
    public record Device(String id, String userId, String username, Instant registeredAt, Instant lastLoginAt) {
    }

    public List<Device> all() {
        return database.read(connection -> Sql.query(connection, "SELECT d.id, d.user_id, u.username,"
                + " d.registered_at, d.last_login_at FROM device d JOIN app_user u ON u.id = d.user_id"
                + " ORDER BY u.username, d.id", row -> new Device(row.getString(1), row.getString(2),
                row.getString(3), Instant.ofEpochMilli(row.getLong(4)), Instant.ofEpochMilli(row.getLong(5)))));
    }

    /** The user a device is registered to, if it is registered. */
    public Optional<String> owner(Connection connection, String deviceId) throws SQLException {
        return Sql.queryOne(connection, "SELECT user_id FROM device WHERE id = ?", row -> row.getString(1), deviceId);
    }

    /**
     * Registers the device to the user on its first login, or notes the login of a device already theirs. Insert
     * first, then read the owner: two first logins racing on one device id cannot both win.
     *
     * @throws ApiException 409 when the device is registered to someone else
     */
    void logIn(Connection connection, String deviceId, String userId, long now) throws SQLException {
        Sql.update(connection, "INSERT INTO device (id, user_id, registered_at, last_login_at) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (id) DO NOTHING", deviceId, userId, now, now);
        String owner = owner(connection, deviceId).orElseThrow();
        if (!owner.equals(userId)) {
            throw new ApiException(ErrorCode.CONFLICT, "Device " + deviceId + " is registered to another user;"
                    + " records made on it stay theirs. Log in from another device, or reinstall to get a new id");
        }
        Sql.update(connection, "UPDATE device SET last_login_at = ? WHERE id = ?", now, deviceId);
    }
}

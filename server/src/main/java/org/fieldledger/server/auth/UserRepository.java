package org.fieldledger.server.auth;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fieldledger.model.Role;
import org.fieldledger.server.storage.Database;
import org.fieldledger.server.storage.Sql;

/** User accounts and their areas. */
@Singleton
public class UserRepository {
    private static final String COLUMNS = "id, username, role, enabled, created_at, updated_at";

    private final Database database;

    UserRepository(Database database) {
        this.database = database;
    }

    /** A user with the bcrypt hash to check a password against. */
    record Credentials(User user, String passwordHash) {
    }

    public Optional<User> find(String id) {
        return database.read(connection -> find(connection, id));
    }

    public Optional<User> find(Connection connection, String id) throws SQLException {
        return load(connection, "WHERE id = ?", id).stream().findFirst();
    }

    public Optional<User> findByUsername(Connection connection, String username) throws SQLException {
        return load(connection, "WHERE username = ?", username).stream().findFirst();
    }

    public List<User> all() {
        return database.read(connection -> load(connection, ""));
    }

    Optional<Credentials> credentials(Connection connection, String username) throws SQLException {
        Optional<String> hash = Sql.queryOne(connection, "SELECT password_hash FROM app_user WHERE username = ?",
                row -> row.getString(1), username);
        if (hash.isEmpty()) {
            return Optional.empty();
        }
        return findByUsername(connection, username).map(user -> new Credentials(user, hash.get()));
    }

    public boolean adminExists(Connection connection) throws SQLException {
        return Sql.queryOne(connection, "SELECT 1 FROM app_user WHERE role = ? AND enabled = ? LIMIT 1",
                row -> true, Role.ADMIN.name(), true).isPresent();
    }

    /**
     * Stores a new user.
     *
     * @return false, storing nothing, when the username is taken
     */
    public boolean insert(Connection connection, User user, String passwordHash) throws SQLException {
        int inserted = Sql.update(connection, "INSERT INTO app_user (" + COLUMNS + ", password_hash)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (username) DO NOTHING",
                user.id(), user.username(), user.role().name(), user.enabled(), user.createdAt().toEpochMilli(),
                user.updatedAt().toEpochMilli(), passwordHash);
        if (inserted == 1) {
            setAreas(connection, user.id(), user.areas());
        }
        return inserted == 1;
    }

    /** Writes the user's role, areas, enabled flag and update time as given. */
    public void update(Connection connection, User user) throws SQLException {
        Sql.update(connection, "UPDATE app_user SET role = ?, enabled = ?, updated_at = ? WHERE id = ?",
                user.role().name(), user.enabled(), user.updatedAt().toEpochMilli(), user.id());
        setAreas(connection, user.id(), user.areas());
    }

    public void setPasswordHash(Connection connection, String userId, String passwordHash) throws SQLException {
        Sql.update(connection, "UPDATE app_user SET password_hash = ? WHERE id = ?", passwordHash, userId);
    }

    private static void setAreas(Connection connection, String userId, Collection<String> areas) throws SQLException {
        Sql.update(connection, "DELETE FROM user_area WHERE user_id = ?", userId);
        for (String area : areas) {
            Sql.update(connection, "INSERT INTO user_area (user_id, area_name) VALUES (?, ?)", userId, area);
        }
    }

    private static List<User> load(Connection connection, String where, Object... parameters) throws SQLException {
        Map<String, List<String>> areas = new LinkedHashMap<>();
        Sql.query(connection, "SELECT user_id, area_name FROM user_area WHERE user_id IN (SELECT id FROM app_user "
                + where + ")", row -> areas.computeIfAbsent(row.getString(1), id -> new ArrayList<>())
                .add(row.getString(2)), parameters);
        return Sql.query(connection, "SELECT " + COLUMNS + " FROM app_user " + where + " ORDER BY username",
                row -> user(row, areas.getOrDefault(row.getString(1), List.of())), parameters);
    }

    private static User user(ResultSet row, List<String> areas) throws SQLException {
        return new User(row.getString(1), row.getString(2), Role.valueOf(row.getString(3)), areas,
                row.getBoolean(4), Instant.ofEpochMilli(row.getLong(5)), Instant.ofEpochMilli(row.getLong(6)));
    }
}

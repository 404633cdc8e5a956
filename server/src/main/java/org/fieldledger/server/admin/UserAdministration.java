package org.fieldledger.server.admin;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.fieldledger.model.ErrorCode;
import org.fieldledger.model.Role;
import org.fieldledger.server.auth.Passwords;
import org.fieldledger.server.auth.RefreshTokens;
import org.fieldledger.server.auth.User;
import org.fieldledger.server.auth.UserRepository;
import org.fieldledger.server.error.ApiException;
import org.fieldledger.server.storage.Database;

/** The rules for creating and changing accounts. Callers have been checked to be administrators. */
@Singleton
class UserAdministration {
    static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{2,63}");

    private final Database database;
    private final UserRepository users;
    private final AreaRepository areas;
    private final Passwords passwords;
    private final RefreshTokens refreshTokens;
    private final Clock clock = Clock.systemUTC();

    UserAdministration(Database database, UserRepository users, AreaRepository areas, Passwords passwords,
                       RefreshTokens refreshTokens) {
        this.database = database;
        this.users = users;
        this.areas = areas;
        this.passwords = passwords;
        this.refreshTokens = refreshTokens;
    }

    /** A new account. */
    record NewUser(String username, String password, Role role, List<String> areas) {
    }

    /** Changes to an account; null fields stay as they are. */
    record UserChange(Role role, List<String> areas, Boolean enabled, String password) {
    }

    User create(NewUser request) {
        if (!USERNAME.matcher(request.username()).matches()) {
            throw ApiException.invalidField("username", "'" + request.username() + "' must be 3 to 64 characters of"
                    + " a-z, 0-9, '.', '_' and '-', starting with a letter or digit");
        }
        String hash = passwords.hash(request.password(), "password");
        Instant now = clock.instant();
        User user = new User(UUID.randomUUID().toString(), request.username(), request.role(), request.areas(), true,
                now, now);
        return database.write(connection -> {
            checkAreas(connection, user);
            if (!users.insert(connection, user, hash)) {
                throw new ApiException(ErrorCode.CONFLICT, "Username " + user.username() + " is taken");
            }
            return user;
        });
    }

    /**
     * Applies a change. Disabling an account or setting its password ends its sessions: its refresh tokens stop
     * working at once (and a disabled user's access tokens too, see AuthenticationFilter).
     */
    User change(String id, UserChange change) {
        String hash = change.password() == null ? null : passwords.hash(change.password(), "password");
        return database.write(connection -> {
            User current = users.find(connection, id).orElseThrow(() -> ApiException.notFound("User " + id));
            Instant now = clock.instant();
            User changed = new User(id, current.username(), change.role() == null ? current.role() : change.role(),
                    change.areas() == null ? current.areas() : change.areas(),
                    change.enabled() == null ? current.enabled() : change.enabled(), current.createdAt(), now);
            checkAreas(connection, changed);
            users.update(connection, changed);
            keepAnAdministrator(connection);
            if (current.enabled() && !changed.enabled()) {
                refreshTokens.revokeUser(connection, id, RefreshTokens.Revocation.USER_DISABLED, now.toEpochMilli());
            }
            if (hash != null) {
                users.setPasswordHash(connection, id, hash);
                refreshTokens.revokeUser(connection, id, RefreshTokens.Revocation.PASSWORD_CHANGED,
                        now.toEpochMilli());
            }
            return changed;
        });
    }

    private void checkAreas(Connection connection, User user) throws SQLException {
        if (!user.role().seesAllAreas() && user.areas().isEmpty()) {
            throw ApiException.invalidField("areas", "a user with role " + user.role() + " needs at least one area");
        }
        List<String> unknown = areas.unknown(connection, user.areas());
        if (!unknown.isEmpty()) {
            throw ApiException.invalidField("areas", "no such area: " + String.join(", ", unknown)
                    + " (see GET /api/v1/admin/areas)");
        }
    }

    /** Refuses a change that leaves nobody able to manage accounts; the transaction is then rolled back. */
    private void keepAnAdministrator(Connection connection) throws SQLException {
        if (!users.adminExists(connection)) {
            throw new ApiException(ErrorCode.CONFLICT, "This change would leave no enabled ADMIN user");
        }
    }
}

package org.fieldledger.server.auth;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.fieldledger.model.Role;

/**
 * A user account as the API shows it. The password hash never leaves {@link UserRepository}.
 *
 * @param areas the towns and streets the user works in, sorted; empty for roles that see all areas
 */
public record User(String id, String username, Role role, List<String> areas, boolean enabled, Instant createdAt,
                   Instant updatedAt) {
    public User {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(role, "role");
        areas = List.copyOf(new TreeSet<>(areas));
        // Stored as epoch milliseconds: the same instant reads back the same as it was first returned.
        createdAt = createdAt.truncatedTo(ChronoUnit.MILLIS);
        updatedAt = updatedAt.truncatedTo(ChronoUnit.MILLIS);
    }

    /** The user as a request's caller, logged in from {@code deviceId} (or null). */
    public Caller asCaller(String deviceId) {
        return new Caller(id, username, role, Set.copyOf(areas), deviceId);
    }
}

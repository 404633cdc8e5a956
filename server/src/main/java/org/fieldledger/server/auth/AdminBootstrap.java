package org.fieldledger.server.auth;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.fieldledger.model.Role;
import org.fieldledger.server.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the first administrator, {@code admin}, from a password set in the environment, when no administrator
 * exists. There is deliberately no default password: a server that anyone could log into with a documented password
 * is worse than one nobody can log into until its operator sets one.
 */
@Singleton
final class AdminBootstrap implements ApplicationEventListener<StartupEvent> {
    static final String USERNAME = "admin";
    private static final Logger LOG = LoggerFactory.getLogger(AdminBootstrap.class);

    private final Database database;
    private final UserRepository users;
    private final Passwords passwords;
    private final SigningKeys keys;
    private final String initialPassword;

    AdminBootstrap(Database database, UserRepository users, Passwords passwords, SigningKeys keys,
                   @Value("${fieldledger.admin.initial-password:}") String initialPassword) {
        this.database = database;
        this.users = users;
        this.passwords = passwords;
        this.keys = keys;
        this.initialPassword = initialPassword;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        // Made now rather than at the first login, so a database that cannot store it stops the start.
        keys.current();
        if (database.read(users::adminExists)) {
            return;
        }
        if (initialPassword.isEmpty()) {
            LOG.warn("No administrator exists, so nobody can log in: set FIELDLEDGER_ADMIN_PASSWORD (at least {}"
                    + " characters) and restart to create user '{}'", Passwords.MIN_CHARACTERS, USERNAME);
            return;
        }
        String problem = Passwords.problem(initialPassword);
        if (problem != null) {
            throw new IllegalStateException("FIELDLEDGER_ADMIN_PASSWORD (fieldledger.admin.initial-password) "
                    + problem);
        }
        String hash = passwords.hash(initialPassword, "fieldledger.admin.initial-password");
        Instant now = Instant.now();
        User admin = new User(UUID.randomUUID().toString(), USERNAME, Role.ADMIN, List.of(), true, now, now);
        boolean created = database.write(connection -> !users.adminExists(connection)
                && users.insert(connection, admin, hash));
        if (created) {
            LOG.info("Created administrator '{}' from FIELDLEDGER_ADMIN_PASSWORD", USERNAME);
        } else if (!database.read(users::adminExists)) {
            LOG.warn("No administrator exists, and user '{}' exists with another role: FIELDLEDGER_ADMIN_PASSWORD was"
                    + " not used", USERNAME);
        }
    }
}

package org.fieldledger.client.internal.store;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.fieldledger.client.store.SqlDatabase;

/**
 * The device's local schema and its migrations. Each migration is one SQL file under {@code migrations/}, named for
 * what it does, applied once, in order, in its own transaction, and recorded in {@code schema_version}. Migrations are
 * append-only: a released one is never edited, a change is a new file added to the end of {@link #MIGRATIONS}.
 *
 * <p>The list is spelled out because Android cannot list a directory of Java resources.
 */
public final class LocalSchema {
    static final List<String> MIGRATIONS = Collections.unmodifiableList(Arrays.asList(
            "V001__create_device_state",
            "V002__create_templates",
            "V003__create_sites",
            "V004__create_visits",
            "V005__create_outbox",
            "V006__create_rejected_mutations",
            "V007__create_review_records",
            "V008__create_assignments",
            "V009__create_photos"));

    private LocalSchema() {
    }

    /** The version a database has after {@link #migrate}. */
    public static int latestVersion() {
        return MIGRATIONS.size();
    }

    /**
     * Brings the database to the latest version. A database written by a newer version of the library is refused
     * rather than guessed at: an app downgrade must not corrupt what the inspector recorded.
     */
    public static void migrate(SqlDatabase db) {
        db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                + "applied_at INTEGER NOT NULL)");
        int current = currentVersion(db);
        if (current > MIGRATIONS.size()) {
            throw new IllegalStateException("the local database has schema version " + current
                    + ", newer than this library's " + MIGRATIONS.size() + "; update the app");
        }
        for (int version = current + 1; version <= MIGRATIONS.size(); version++) {
            apply(db, version, MIGRATIONS.get(version - 1));
        }
    }

    public static int currentVersion(SqlDatabase db) {
        List<Long> versions = db.query("SELECT MAX(version) AS version FROM schema_version",
                row -> row.getLong("version"));
        Long version = versions.get(0);
        return version == null ? 0 : version.intValue();
    }

    private static void apply(SqlDatabase db, int version, String name) {
        List<String> statements = statements(read(name));
        db.runInTransaction(() -> {
            for (String statement : statements) {
                db.execute(statement);
            }
            db.update("INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)", version, name,
                    System.currentTimeMillis());
            return null;
        });
    }

    /** Splits a migration file into statements: each ends with a semicolon at the end of a line; comments dropped. */
    static List<String> statements(String sql) {
        List<String> statements = new ArrayList<>();
        StringBuilder statement = new StringBuilder();
        for (String line : sql.split("\n")) {
            String trimmed = line.trim();
            if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                continue;
            }
            statement.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String text = statement.toString().trim();
                statements.add(text.substring(0, text.length() - 1));
                statement.setLength(0);
            }
        }
        if (statement.toString().trim().length() > 0) {
            throw new IllegalStateException("migration ends without a semicolon: " + statement);
        }
        return statements;
    }

    private static String read(String name) {
        String resource = "migrations/" + name + ".sql";
        try (InputStream in = LocalSchema.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("migration " + resource + " is missing from the library");
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            for (int read; (read = in.read(buffer)) != -1; ) {
                out.write(buffer, 0, read);
            }
            return new String(out.toByteArray(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read migration " + resource, e);
        }
    }
}

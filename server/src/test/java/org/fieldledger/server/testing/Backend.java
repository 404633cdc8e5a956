package org.fieldledger.server.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The two databases every server test runs on. SQLite gets a fresh file in a fresh data directory; PostgreSQL is one
 * real server per test JVM (embedded binaries from Maven Central), with a fresh database per test server.
 */
public enum Backend {
    SQLITE {
        @Override
        Map<String, Object> properties(Path dataDir) {
            Map<String, Object> properties = new HashMap<>();
            properties.put("fieldledger.data-dir", dataDir.toString());
            return properties;
        }
    },
    POSTGRES {
        @Override
        Map<String, Object> properties(Path dataDir) {
            String database = "fl_" + UUID.randomUUID().toString().replace("-", "");
            try (Connection connection = postgres().getPostgresDatabase().getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE " + database);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot create test database", e);
            }
            Map<String, Object> properties = new HashMap<>();
            properties.put("fieldledger.data-dir", dataDir.toString());
            properties.put("datasources.default.url", postgres().getJdbcUrl("postgres", database));
            properties.put("datasources.default.username", "postgres");
            properties.put("datasources.default.password", "postgres");
            return properties;
        }
    };

    private static EmbeddedPostgres postgres;

    /** Server properties pointing at a new, empty database of this kind. */
    abstract Map<String, Object> properties(Path dataDir);

    static synchronized EmbeddedPostgres postgres() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is exiting; the temporary cluster is removed with it
                }
            }));
        }
        return postgres;
    }
}

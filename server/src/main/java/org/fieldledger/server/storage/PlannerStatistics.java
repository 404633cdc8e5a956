package org.fieldledger.server.storage;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL only: runs {@code ANALYZE} on a table of ours once it has changed by as many rows as it held when last
 * analyzed (and by at least {@link #MIN_CHANGED_ROWS}), checking every five seconds.
 *
 * <p>Pushes look rows up by lists of keys (the mutation ids of a push, the hashes of its photos). Without statistics
 * PostgreSQL's planner assumes each key matches half a per cent of a table, so for a list of a few hundred keys it
 * reads the whole table instead of the index, and pgjdbc's prepared statements keep such a plan. Autovacuum would
 * gather statistics, but it looks at each database once a minute: a new server's first evening of pushes ran that
 * minute on plans made for empty tables, at a fraction of the speed (docs/benchmarks.md, "Fifth round"). By
 * doubling, a table is analyzed a few dozen times over its whole life; autovacuum goes on as before.
 */
@Singleton
@Requires(property = "datasources.default.url", pattern = "jdbc:postgresql:.*")
class PlannerStatistics {
    private static final Logger LOG = LoggerFactory.getLogger(PlannerStatistics.class);
    private static final long MIN_CHANGED_ROWS = 1_000;
    /**
     * A tenth of PostgreSQL's default: these analyses only need to show the planner that a table is no longer empty
     * and that its keys are distinct, and a sample of 3,000 rows does. With the default's 30,000, analyzing the ledger
     * (wide rows: each entry's payload) took 0.3 s at 70,000 entries, on the same cores as the push it was for.
     * Autovacuum's own analyses, later, use the default.
     */
    private static final int STATISTICS_TARGET = 10;

    private final Database database;
    /** Tables ANALYZE failed on (the user does not own them, say): warned about once, then left to autovacuum. */
    private final Set<String> refused = ConcurrentHashMap.newKeySet();

    PlannerStatistics(Database database) {
        this.database = database;
    }

    @Scheduled(fixedDelay = "5s", initialDelay = "5s")
    void analyzeGrownTables() {
        try {
            // n_mod_since_analyze counts rows inserted, updated and deleted since the last ANALYZE, by anyone (also
            // autovacuum, also other server instances); n_live_tup - n_mod_since_analyze is roughly what it held then.
            List<String> grown = database.read(connection -> Sql.query(connection, "SELECT relname"
                    + " FROM pg_stat_user_tables WHERE schemaname = current_schema() AND n_mod_since_analyze >= ?"
                    + " AND 2 * n_mod_since_analyze >= n_live_tup ORDER BY relname", row -> row.getString(1),
                    MIN_CHANGED_ROWS));
            for (String table : grown) {
                if (!refused.contains(table)) {
                    analyze(table);
                }
            }
        } catch (RuntimeException e) {
            // The next round tries again; a failure must not end the schedule.
            LOG.warn("Could not look for tables to analyze: {}", e.getMessage());
        }
    }

    private void analyze(String table) {
        try {
            long started = System.nanoTime();
            database.read(connection -> {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SET default_statistics_target = " + STATISTICS_TARGET);
                    try {
                        statement.execute("ANALYZE \"" + table.replace("\"", "\"\"") + "\"");
                    } finally {
                        statement.execute("RESET default_statistics_target");
                    }
                }
                return null;
            });
            LOG.debug("Analyzed {} in {} ms", table, (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException e) {
            refused.add(table);
            LOG.warn("ANALYZE {} failed, leaving its statistics to autovacuum: {}", table, e.getMessage());
        }
    }
}

package org.fieldledger.bench;

import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * How the cost of a pull grows with the ledger. The ledger is grown by a seeding fast path: ledger entries (visits of
 * the bench area, real visit payloads) inserted by JDBC straight into the running server's ledger_entry table, and
 * ledger_head moved to the last one. Seeded entries carry placeholder hashes (the chain is not what is measured and
 * is not verified here). Only the HTTP pull of the newest 1,000 changes is timed, by a logged-in inspector's device:
 * one warm-up, then the median of five.
 */
final class Growth {
    private static final int SEED_BATCH = 5_000;
    private static final int TIMED_PULLS = 5;

    private Growth() {
    }

    record Point(long entries, double medianMillis, double seedSeconds) {
    }

    static List<Point> run(Backend backend, String url, Workload work, long[] sizes) throws Exception {
        Http http = new Http(url);
        String admin = OurSync.login(http, "admin", ServerProcess.ADMIN_PASSWORD, null);
        OurSync.createInspector(http, admin, Workload.username(0));
        String token = OurSync.login(http, Workload.username(0), OurSync.PASSWORD, "bench-growth-device");
        List<String> payloads = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            payloads.add(work.payload(0, i));
        }
        List<Point> points = new ArrayList<>();
        for (long size : sizes) {
            long seedStart = System.nanoTime();
            long head = seed(backend, size, payloads);
            double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
            String cursor = Base64.getUrlEncoder().withoutPadding().encodeToString(("v1:" + (head - 1000))
                    .getBytes(StandardCharsets.UTF_8));
            long[] nanos = new long[TIMED_PULLS];
            for (int run = -1; run < TIMED_PULLS; run++) {
                long start = System.nanoTime();
                JsonObject page = http.get("/api/v1/sync/pull?limit=1000&cursor=" + cursor, token)
                        .expect(200, "pull").json();
                long elapsed = System.nanoTime() - start;
                int changes = page.getAsJsonArray("changes").size();
                if (changes != 1000) {
                    throw new IllegalStateException("expected the newest 1000 changes, got " + changes);
                }
                if (run >= 0) {
                    nanos[run] = elapsed;
                }
            }
            points.add(new Point(head, Stats.median(nanos), seedSeconds));
            System.out.printf("  growth %s: %,d entries, newest 1,000 in %.1f ms (seeded in %.0f s)%n",
                    backend.name(), head, Stats.median(nanos), seedSeconds);
        }
        return points;
    }

    /** Appends seeded entries until the ledger holds {@code size}; returns the head position. */
    private static long seed(Backend backend, long size, List<String> payloads) throws SQLException {
        try (Connection connection = backend.connect()) {
            connection.setAutoCommit(false);
            long head;
            try (Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("SELECT position FROM ledger_head WHERE id = 1")) {
                row.next();
                head = row.getLong(1);
            }
            String now = Instant.now().toString();
            String placeholder = "0".repeat(64);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO ledger_entry (position,"
                    + " entity_type, entity_id, action, area, actor, device_id, mutation_id, recorded_at, payload,"
                    + " previous_hash, entry_hash) VALUES (?, 'VISIT', ?, 'SUBMITTED', ?, 'seed', 'seed-device',"
                    + " NULL, ?, ?, ?, ?)");
                 PreparedStatement moveHead = connection.prepareStatement("UPDATE ledger_head SET position = ?"
                         + " WHERE id = 1")) {
                int pending = 0;
                while (head < size) {
                    head++;
                    insert.setLong(1, head);
                    insert.setString(2, "seed-" + head);
                    insert.setString(3, Workload.AREA);
                    insert.setString(4, now);
                    insert.setString(5, payloads.get((int) (head % payloads.size())));
                    insert.setString(6, placeholder);
                    insert.setString(7, placeholder);
                    insert.addBatch();
                    if (++pending == SEED_BATCH || head == size) {
                        insert.executeBatch();
                        moveHead.setLong(1, head);
                        moveHead.executeUpdate();
                        connection.commit();
                        pending = 0;
                    }
                }
            }
            if (backend instanceof Backend.Postgres) {
                try (Statement statement = connection.createStatement()) {
                    connection.setAutoCommit(true);
                    statement.execute("ANALYZE ledger_entry");
                }
            }
            return head;
        }
    }
}

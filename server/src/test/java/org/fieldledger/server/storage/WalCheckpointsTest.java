package org.fieldledger.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.fieldledger.server.ledger.Ledger;
import org.fieldledger.server.ledger.LedgerRecord;
import org.fieldledger.server.testing.Backend;
import org.fieldledger.server.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * SQLite's log is copied back into the database file by the server's own checkpoint thread: the pool's connections
 * never do it in a commit (wal_autocheckpoint 0), so without that thread the file would not grow while the server runs.
 */
class WalCheckpointsTest {
    private static final int ENTRIES = 2_000;
    private static final String PAYLOAD = "{\"note\":\"" + "检".repeat(700) + "\"}";

    @Test
    void writesReachTheDatabaseFileWhileTheServerRuns() throws Exception {
        try (TestServer server = TestServer.start(Backend.SQLITE)) {
            Path file = server.dataDir().resolve("fieldledger.db");
            long before = Files.size(file);
            Database database = server.bean(Database.class);
            Ledger ledger = server.bean(Ledger.class);
            for (int from = 0; from < ENTRIES; from += 100) {
                int first = from;
                database.write(connection -> {
                    for (int i = first; i < first + 100; i++) {
                        ledger.append(connection, new LedgerRecord("VISIT", "visit-" + i, "SUBMITTED", "王因街道",
                                "inspector-1", "tablet-1", null, PAYLOAD));
                    }
                    return null;
                });
            }
            // 2,000 entries of about 2 KB each: at least 3 MB more in the file once the log has been copied back.
            long expected = before + 3L * 1024 * 1024;
            Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
            while (Files.size(file) < expected && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }
            assertThat(Files.size(file)).as("size of %s", file).isGreaterThanOrEqualTo(expected);
            assertThat(server.bean(org.fieldledger.server.ledger.LedgerVerifier.class).verify().valid()).isTrue();
        }
    }
}

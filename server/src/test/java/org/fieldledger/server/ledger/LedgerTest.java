package org.fieldledger.server.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.fieldledger.server.storage.Database;
import org.fieldledger.server.storage.Sql;
import org.fieldledger.server.testing.Backend;
import org.fieldledger.server.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The hash chain: built in one order under concurrent writers, and any edit of a stored row is found and named. */
class LedgerTest {
    @Nested
    class OnSqlite extends Contract {
        OnSqlite() {
            super(Backend.SQLITE);
        }
    }

    @Nested
    class OnPostgres extends Contract {
        OnPostgres() {
            super(Backend.POSTGRES);
        }
    }

    /** A fresh server per test: some tests break the chain on purpose. */
    abstract static class Contract {
        private final Backend backend;
        private TestServer server;
        private Database database;
        private Ledger ledger;

        Contract(Backend backend) {
            this.backend = backend;
        }

        @BeforeEach
        void start() {
            server = TestServer.start(backend);
            database = server.bean(Database.class);
            ledger = server.bean(Ledger.class);
        }

        @AfterEach
        void stop() {
            server.close();
        }

        @Test
        void concurrentAppendsFormOneGaplessValidChain() throws Exception {
            long before = head();
            ExecutorService writers = Executors.newFixedThreadPool(6);
            List<Future<Long>> positions = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                String id = "visit-" + i;
                positions.add(writers.submit(() -> database.write(connection -> ledger.append(connection,
                        new LedgerRecord("VISIT", id, "SUBMITTED", "王因街道", "inspector-1", "tablet-1", null,
                                "{\"id\":\"" + id + "\"}")))));
            }
            List<Long> assigned = new ArrayList<>();
            for (Future<Long> position : positions) {
                assigned.add(position.get());
            }
            writers.shutdown();

            assertThat(assigned).doesNotHaveDuplicates().hasSize(60);
            assertThat(head()).isEqualTo(before + 60);
            assertThat(server.bean(LedgerVerifier.class).verify().valid()).isTrue();
        }

        @Test
        void anEditedRowIsNamedByVerification() {
            long position = database.write(connection -> ledger.append(connection, new LedgerRecord("COMPLETION",
                    "completion-37", "VERIFIED", "王因街道", "supervisor-1", null, null,
                    "{\"status\":\"VERIFIED\",\"quantity\":1}")));
            database.write(connection -> ledger.append(connection, new LedgerRecord("VISIT", "visit-after",
                    "SUBMITTED", "王因街道", "inspector-1", "tablet-1", null, "{}")));
            assertThat(server.bean(LedgerVerifier.class).verify().valid()).isTrue();

            database.write(connection -> Sql.update(connection, "UPDATE ledger_entry SET payload = ? WHERE position = ?",
                    "{\"status\":\"VERIFIED\",\"quantity\":5}", position));

            LedgerVerifier.Verification verification = server.bean(LedgerVerifier.class).verify();
            assertThat(verification.valid()).isFalse();
            assertThat(verification.firstBroken()).isEqualTo(position);
            assertThat(verification.problem()).contains("changed after it was written");

            database.write(connection -> Sql.update(connection, "UPDATE ledger_entry SET payload = ? WHERE position = ?",
                    "{\"status\":\"VERIFIED\",\"quantity\":1}", position));
            assertThat(server.bean(LedgerVerifier.class).verify().valid()).isTrue();
        }

        @Test
        void aDeletedEntryIsFoundAsAGap() {
            long position = database.write(connection -> ledger.append(connection, new LedgerRecord("SITE",
                    "household-37", "CREATED", "王因街道", "inspector-1", "tablet-1", null, "{}")));
            database.write(connection -> ledger.append(connection, new LedgerRecord("SITE", "household-38",
                    "CREATED", "王因街道", "inspector-1", "tablet-1", null, "{}")));
            String saved = database.read(connection -> Sql.queryOne(connection,
                    "SELECT entry_hash FROM ledger_entry WHERE position = ?", row -> row.getString(1), position))
                    .orElseThrow();
            database.write(connection -> Sql.update(connection, "DELETE FROM ledger_entry WHERE position = ?",
                    position));

            LedgerVerifier.Verification verification = server.bean(LedgerVerifier.class).verify();

            assertThat(verification.valid()).isFalse();
            assertThat(verification.firstBroken()).isEqualTo(position + 1);
            assertThat(verification.problem()).contains("expected position " + position);
            assertThat(saved).hasSize(64);
        }

        private long head() {
            return database.read(connection -> Sql.queryOne(connection, "SELECT position FROM ledger_head",
                    row -> row.getLong(1))).orElseThrow();
        }
    }
}

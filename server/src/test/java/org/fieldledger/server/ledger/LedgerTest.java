package org.fieldledger.server.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.fieldledger.server.storage.Database;
import org.fieldledger.server.storage.Sql;
import org.fieldledger.server.storage.WriteTransaction;
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
        void entriesUndoneByASavepointLeaveNoGapAndTheHeadFollowsTheLastKeptEntry() {
            long before = head();
            List<Long> kept = database.write(connection -> {
                long first = ledger.append(connection, visitRecord("visit-kept-1"));
                WriteTransaction.Savepoint savepoint = WriteTransaction.savepoint(connection);
                ledger.append(connection, visitRecord("visit-undone-1"));
                // A read inside the transaction sees the entries it appended, though they are inserted in batches.
                assertThat(Ledger.firstPosition(connection, "VISIT", "visit-undone-1")).isEqualTo(first + 1);
                ledger.append(connection, visitRecord("visit-undone-2"));
                savepoint.rollback();
                long second = ledger.append(connection, visitRecord("visit-kept-2"));
                WriteTransaction.Savepoint released = WriteTransaction.savepoint(connection);
                long third = ledger.append(connection, visitRecord("visit-kept-3"));
                released.release();
                return List.of(first, second, third);
            });

            assertThat(kept).containsExactly(before + 1, before + 2, before + 3);
            assertThat(head()).isEqualTo(before + 3);
            List<String> entries = database.read(connection -> Sql.query(connection, "SELECT entity_id"
                    + " FROM ledger_entry WHERE position > ? ORDER BY position", row -> row.getString(1), before));
            assertThat(entries).containsExactly("visit-kept-1", "visit-kept-2", "visit-kept-3");
            assertThat(server.bean(LedgerVerifier.class).verify().valid()).isTrue();

            // A savepoint taken before the transaction's first append rolls back to a head read anew.
            long next = database.write(connection -> {
                WriteTransaction.Savepoint savepoint = WriteTransaction.savepoint(connection);
                ledger.append(connection, visitRecord("visit-undone-3"));
                savepoint.rollback();
                return ledger.append(connection, visitRecord("visit-kept-4"));
            });
            assertThat(next).isEqualTo(before + 4);
            assertThat(head()).isEqualTo(before + 4);
            assertThat(server.bean(LedgerVerifier.class).verify().valid()).isTrue();
        }

        @Test
        void aTransactionThatFailsAfterAppendingLeavesTheHeadWhereItWas() {
            long before = head();
            assertThatThrownBy(() -> database.write(connection -> {
                ledger.append(connection, visitRecord("visit-lost-1"));
                ledger.append(connection, visitRecord("visit-lost-2"));
                throw new IllegalStateException("the server fails mid-transaction");
            })).hasMessageContaining("mid-transaction");

            assertThat(head()).isEqualTo(before);
            long after = database.write(connection -> ledger.append(connection, visitRecord("visit-after")));
            assertThat(after).isEqualTo(before + 1);
            assertThat(server.bean(LedgerVerifier.class).verify().valid()).isTrue();
        }

        private LedgerRecord visitRecord(String id) {
            return new LedgerRecord("VISIT", id, "SUBMITTED", "王因街道", "inspector-1", "tablet-1", null,
                    "{\"id\":\"" + id + "\"}");
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

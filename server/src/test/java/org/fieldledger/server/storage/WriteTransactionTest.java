package org.fieldledger.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.fieldledger.server.testing.Backend;
import org.fieldledger.server.testing.ServerContract;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What a write transaction keeps in memory must never differ from what the database would answer inside it: a kept
 * answer is read again after any write to a table it was read from, and held rows are there for the transaction's
 * own queries.
 */
class WriteTransactionTest {
    /** The user of each device, as a write transaction knows it; each read's keys are added to {@code asked}. */
    static KnownRows<String, String> deviceUsers(List<List<String>> asked) {
        return new KnownRows<>("(none)", (connection, ids) -> {
            asked.add(List.copyOf(ids));
            java.util.Map<String, String> found = new java.util.HashMap<>();
            Sql.queryIn(connection, "SELECT device_id, user_id FROM sync_device WHERE device_id IN (%s)",
                    row -> found.put(row.getString(1), row.getString(2)), ids);
            return found;
        });
    }

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

    abstract static class Contract extends ServerContract {
        private Database database;

        Contract(Backend backend) {
            super(backend);
        }

        @BeforeAll
        void lookUpDatabase() {
            database = server.bean(Database.class);
        }

        @Test
        void aKeptAnswerIsReadAgainAfterAWriteToItsTableAndOnlyThen() {
            AtomicInteger reads = new AtomicInteger();
            List<Long> seen = database.write(connection -> {
                Database.Work<Long> head = c -> {
                    reads.incrementAndGet();
                    return Sql.queryOne(c, "SELECT position FROM ledger_head WHERE id = 1", row -> row.getLong(1))
                            .orElseThrow();
                };
                long first = WriteTransaction.kept(connection, Set.of("ledger_head"), List.of("head"), head);
                Sql.update(connection, "UPDATE sync_device SET acknowledged_through = 0 WHERE device_id = 'none'");
                long unchanged = WriteTransaction.kept(connection, Set.of("ledger_head"), List.of("head"), head);
                Sql.update(connection, "UPDATE ledger_head SET position = position + 5 WHERE id = 1");
                long moved = WriteTransaction.kept(connection, Set.of("ledger_head"), List.of("head"), head);
                WriteTransaction.Savepoint savepoint = WriteTransaction.savepoint(connection);
                Sql.update(connection, "  update LEDGER_HEAD set position = position + 1 where id = 1");
                long movedAgain = WriteTransaction.kept(connection, Set.of("ledger_head"), List.of("head"), head);
                savepoint.rollback();
                long afterRollback = WriteTransaction.kept(connection, Set.of("ledger_head"), List.of("head"), head);
                Sql.update(connection, "UPDATE ledger_head SET position = position - 5 WHERE id = 1");
                return List.of(first, unchanged, moved, movedAgain, afterRollback);
            });

            long first = seen.get(0);
            assertThat(seen).containsExactly(first, first, first + 5, first + 6, first + 5);
            assertThat(reads).as("read again after each write to ledger_head and the rollback, not after the other")
                    .hasValue(4);
        }

        @Test
        void rowsHeldForLaterAreSeenByTheTransactionAndUndoneWithItsSavepoint() {
            List<Integer> counts = database.write(connection -> {
                Sql.insertLater(connection, "sync_device", "(device_id, user_id, acknowledged_through)",
                        "held-device-1", "user-1", 0);
                int afterOne = count(connection);
                WriteTransaction.Savepoint savepoint = WriteTransaction.savepoint(connection);
                Sql.insertLater(connection, "sync_device", "(device_id, user_id, acknowledged_through)",
                        "held-device-2", "user-1", 0);
                int afterTwo = count(connection);
                savepoint.rollback();
                Sql.insertLater(connection, "sync_device", "(device_id, user_id, acknowledged_through)",
                        "held-device-3", "user-1", 0);
                return List.of(afterOne, afterTwo);
            });

            assertThat(counts).containsExactly(1, 2);
            List<String> stored = database.read(connection -> Sql.query(connection, "SELECT device_id FROM sync_device"
                    + " WHERE device_id LIKE 'held-device-%' ORDER BY device_id", row -> row.getString(1)));
            assertThat(stored).containsExactly("held-device-1", "held-device-3");
        }

        @Test
        void heldRowsGoInAfterTheRowsTheyReferToWhicheverTableWasHeldFirst() {
            database.write(connection -> {
                holdVisit(connection, "held-visit-1");
                Sql.update(connection, "UPDATE sync_device SET acknowledged_through = 0 WHERE device_id = 'none'");
                // Claims are now held before visits: inserted in that order, the second claim would have no visit.
                holdClaim(connection, "held-visit-1");
                holdVisit(connection, "held-visit-2");
                holdClaim(connection, "held-visit-2");
                return null;
            });

            List<String> claimed = database.read(connection -> Sql.query(connection, "SELECT visit_id FROM visit_photo"
                    + " WHERE visit_id LIKE 'held-visit-%' ORDER BY visit_id", row -> row.getString(1)));
            assertThat(claimed).containsExactly("held-visit-1", "held-visit-2");
        }

        @Test
        void heldRowsOfSeveralTablesBeyondOneStatementEachAllGoInWithTheirValues() {
            // Twenty statements' worth for each of three tables: more than PostgreSQL is sent in one exchange.
            int many = 1_000;
            database.write(connection -> {
                for (int i = 0; i < many; i++) {
                    holdDevice(connection, String.format("bulk-device-%04d", i));
                    holdVisit(connection, String.format("bulk-visit-%04d", i));
                    holdClaim(connection, String.format("bulk-visit-%04d", i));
                }
                return null;
            });

            assertThat(devices("bulk-device-%")).hasSize(many).startsWith("bulk-device-0000")
                    .endsWith("bulk-device-0999").doesNotHaveDuplicates();
            List<String> claims = database.read(connection -> Sql.query(connection, "SELECT p.visit_id FROM"
                    + " visit_photo p JOIN visit v ON v.id = p.visit_id WHERE p.visit_id LIKE 'bulk-visit-%'"
                    + " ORDER BY p.visit_id", row -> row.getString(1)));
            assertThat(claims).hasSize(many).startsWith("bulk-visit-0000").endsWith("bulk-visit-0999")
                    .doesNotHaveDuplicates();
        }

        @Test
        void updateEachTellsTheRowsEachRunChanged() {
            storeDevices("each-device-1", "each-device-2");

            int[] changed = database.write(connection -> Sql.updateEach(connection, "UPDATE sync_device"
                    + " SET acknowledged_through = ? WHERE device_id = ?", List.of(new Object[] {7L, "each-device-1"},
                    new Object[] {8L, "no-such-device"}, new Object[] {9L, "each-device-2"})));

            assertThat(changed).containsExactly(1, 0, 1);
            List<Long> seqs = database.read(connection -> Sql.query(connection, "SELECT acknowledged_through FROM"
                    + " sync_device WHERE device_id LIKE 'each-device-%' ORDER BY device_id", row -> row.getLong(1)));
            assertThat(seqs).containsExactly(7L, 9L);
        }

        @Test
        void rowsInsertedMeanwhileAreSeenByTheTransactionsNextStatementAndCommittedWithIt() {
            List<Integer> counts = database.write(connection -> {
                holdDevice(connection, "meanwhile-device-1");
                holdVisit(connection, "meanwhile-visit-1");
                WriteTransaction.insertHeldRowsMeanwhile(connection);
                // Held after the hand-over, and referring to a visit that another thread may still be inserting.
                holdClaim(connection, "meanwhile-visit-1");
                holdDevice(connection, "meanwhile-device-2");
                WriteTransaction.insertHeldRowsMeanwhile(connection);
                int seen = Sql.queryOne(connection, "SELECT COUNT(*) FROM sync_device WHERE device_id LIKE"
                        + " 'meanwhile-device-%'", row -> row.getInt(1)).orElseThrow();
                holdDevice(connection, "meanwhile-device-3");
                WriteTransaction.insertHeldRowsMeanwhile(connection);
                return List.of(seen);
            });

            assertThat(counts).as("the two devices handed over before the query").containsExactly(2);
            assertThat(devices("meanwhile-device-%")).containsExactly("meanwhile-device-1", "meanwhile-device-2",
                    "meanwhile-device-3");
            List<String> claimed = database.read(connection -> Sql.query(connection, "SELECT visit_id FROM visit_photo"
                    + " WHERE visit_id LIKE 'meanwhile-visit-%'", row -> row.getString(1)));
            assertThat(claimed).containsExactly("meanwhile-visit-1");
        }

        @Test
        void aRowThatCannotBeInsertedMeanwhileFailsTheTransactionAndNothingOfItStays() {
            storeDevices("taken-device");

            org.assertj.core.api.Assertions.assertThatThrownBy(() -> database.write(connection -> {
                holdDevice(connection, "failed-device-1");
                WriteTransaction.insertHeldRowsMeanwhile(connection);
                holdDevice(connection, "taken-device");
                WriteTransaction.insertHeldRowsMeanwhile(connection);
                holdDevice(connection, "failed-device-2");
                return null;
            })).isInstanceOf(Database.UncheckedSqlException.class);

            assertThat(devices("failed-device-%")).isEmpty();
            assertThat(devices("taken-device")).containsExactly("taken-device");
        }

        @Test
        void aRowThatCannotBeInsertedAfterAnotherTablesRowsFailsTheTransactionAndNothingOfItStays() {
            storeDevices("held-twice-device");

            // A visit's rows, then a device's that is already stored: on PostgreSQL one exchange of two statements,
            // the second of which fails.
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> database.write(connection -> {
                holdVisit(connection, "visit-before-a-failed-row");
                holdDevice(connection, "held-twice-device");
                WriteTransaction.insertHeldRowsMeanwhile(connection);
                return null;
            })).isInstanceOf(Database.UncheckedSqlException.class);

            List<String> visits = database.read(connection -> Sql.query(connection, "SELECT id FROM visit WHERE id = ?",
                    row -> row.getString(1), "visit-before-a-failed-row"));
            assertThat(visits).isEmpty();
            assertThat(devices("held-twice-device")).containsExactly("held-twice-device");
        }

        @Test
        void whatAWriteReadBeforeItsTurnIsReadAgainWhereAWriteThatCommittedMeanwhileChangedIt() throws Exception {
            List<List<String>> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
            KnownRows<String, String> users = deviceUsers(asked);
            AtomicInteger headReads = new AtomicInteger();
            AtomicInteger areaReads = new AtomicInteger();
            Database.Work<Long> head = c -> {
                headReads.incrementAndGet();
                return Sql.queryOne(c, "SELECT position FROM ledger_head WHERE id = 1", row -> row.getLong(1))
                        .orElseThrow();
            };
            Database.Work<Integer> areas = c -> {
                areaReads.incrementAndGet();
                return Sql.queryOne(c, "SELECT COUNT(*) FROM area", row -> row.getInt(1)).orElseThrow();
            };
            // On PostgreSQL the second write reads ahead while the first holds the turn, and takes its turn only once
            // the first has committed (had it taken it before, it would have gone on beside the first: see
            // WritesBesideTest); on SQLite both run in turn, one after the other.
            boolean overlaps = backend() == Backend.POSTGRES;
            java.util.concurrent.CountDownLatch firstHasTurn = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch secondHasRead = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.ExecutorService other = java.util.concurrent.Executors.newSingleThreadExecutor();
            try {
                java.util.concurrent.Future<?> first = other.submit(() -> database.write(connection -> {
                    firstHasTurn.countDown();
                    if (overlaps) {
                        await(secondHasRead);
                    }
                    holdDevice(connection, "caught-up-1");
                    users.put(connection, "caught-up-1", "user-1");
                    Sql.update(connection, "UPDATE ledger_head SET position = position WHERE id = 1");
                    return null;
                }));
                await(firstHasTurn);

                List<Object> seen = database.write(connection -> {
                    users.get(connection, List.of("caught-up-1", "caught-up-2"));
                    WriteTransaction.kept(connection, Set.of("ledger_head"), List.of("head"), head);
                    WriteTransaction.kept(connection, Set.of("area"), List.of("areas"), areas);
                    secondHasRead.countDown();
                    if (overlaps) {
                        awaitCommitted(first);
                    }
                }, connection -> List.of(users.get(connection, "caught-up-1"), users.get(connection, "caught-up-2"),
                        WriteTransaction.knowsAllItReadAhead(connection),
                        WriteTransaction.kept(connection, Set.of("ledger_head"), List.of("head"), head),
                        WriteTransaction.kept(connection, Set.of("area"), List.of("areas"), areas)));
                first.get(30, java.util.concurrent.TimeUnit.SECONDS);

                assertThat(seen.subList(0, 2)).as("the device the first write stored, the one nobody did")
                        .containsExactly("user-1", "(none)");
                if (overlaps) {
                    assertThat(asked).as("read ahead before the first committed, then only what it wrote")
                            .containsExactly(List.of("caught-up-1", "caught-up-2"), List.of("caught-up-1"));
                    assertThat(seen.get(2)).isEqualTo(false);
                    assertThat(headReads).as("from a table the first wrote").hasValue(2);
                } else {
                    assertThat(asked).containsExactly(List.of("caught-up-1", "caught-up-2"));
                    assertThat(seen.get(2)).isEqualTo(true);
                    assertThat(headReads).hasValue(1);
                }
                assertThat(areaReads).as("from a table nobody wrote").hasValue(1);
            } finally {
                other.shutdownNow();
            }
        }

        @Test
        void aWriteWhoseReadsAheadWriteIsRefusedAndNothingOfItStays() {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> database.write(
                    connection -> Sql.update(connection, "INSERT INTO area (name) VALUES (?)", "written-ahead"),
                    connection -> Sql.update(connection, "INSERT INTO area (name) VALUES (?)", "written-in-turn")))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("must not write");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> database.write(
                    connection -> Sql.insertLater(connection, "area", "(name)", "held-ahead"), connection -> null))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("must not write");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> database.write(
                    connection -> Sql.query(connection, "SELECT name FROM area WHERE name = ? FOR UPDATE",
                            row -> row.getString(1), "locked-ahead"), connection -> null))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("nor lock rows");

            List<String> areas = database.read(connection -> Sql.query(connection,
                    "SELECT name FROM area WHERE name IN ('written-ahead', 'written-in-turn', 'held-ahead')",
                    row -> row.getString(1)));
            assertThat(areas).isEmpty();
        }

        private static void awaitCommitted(java.util.concurrent.Future<?> write) {
            try {
                write.get(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("the other write did not commit", e);
            }
        }

        private static void await(java.util.concurrent.CountDownLatch latch) {
            try {
                assertThat(latch.await(30, java.util.concurrent.TimeUnit.SECONDS)).as("waited for the other write")
                        .isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /** Devices stored by a write of their own, before the one a test looks at. */
        private void storeDevices(String... ids) {
            database.write(connection -> {
                for (String id : ids) {
                    holdDevice(connection, id);
                }
                return null;
            });
        }

        private List<String> devices(String like) {
            return database.read(connection -> Sql.query(connection, "SELECT device_id FROM sync_device"
                    + " WHERE device_id LIKE ? ORDER BY device_id", row -> row.getString(1), like));
        }

        private static void holdDevice(java.sql.Connection connection, String id) throws java.sql.SQLException {
            Sql.insertLater(connection, "sync_device", "(device_id, user_id, acknowledged_through)", id, "user-1", 0);
        }

        private static void holdVisit(java.sql.Connection connection, String id) throws java.sql.SQLException {
            Sql.insertLater(connection, "visit", "(id, revision_of, site_id, area, template_id, template_version,"
                            + " inspector_id, device_id, submitted_at, received_at, passed, superseded_by,"
                            + " content_sha256, state_position)", id, null, "site-1", "area-1", "template-1", 1,
                    "user-1", "device-1", "2026-12-05T06:00:00Z", "2026-12-05T06:00:00Z", true, null, "0".repeat(64),
                    1L);
        }

        private static void holdClaim(java.sql.Connection connection, String visit) throws java.sql.SQLException {
            Sql.insertLater(connection, "visit_photo", "(visit_id, question_id, sha256, site_id, area, kind)", visit,
                    "photos", "1".repeat(64), "site-1", "area-1", "PHOTO");
        }

        private static int count(java.sql.Connection connection) throws java.sql.SQLException {
            return Sql.queryOne(connection, "SELECT COUNT(*) FROM sync_device WHERE device_id LIKE 'held-device-%'",
                    row -> row.getInt(1)).orElseThrow();
        }
    }
}

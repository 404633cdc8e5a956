package org.fieldledger.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.fieldledger.server.ledger.Ledger;
import org.fieldledger.server.ledger.LedgerRecord;
import org.fieldledger.server.ledger.LedgerVerifier;
import org.fieldledger.server.testing.Backend;
import org.fieldledger.server.testing.ServerContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * On PostgreSQL a write's work runs while the write before it still inserts and commits (Database, "Turn"): it goes on
 * from the ledger head that one left, commits after it, and is done again from the start if that one did not commit or
 * changed what it had read. Each test holds the first write uncommitted, in a deferred value that waits, until the
 * second has done its work beside it. SQLite has one writer at a time and nothing of this.
 */
class WritesBesideTest extends ServerContract {
    private Database database;
    private Ledger ledger;
    private ExecutorService other;
    /** Counted down when the second write's work is done; the first write's commit waits for it. */
    private CountDownLatch secondWorked;

    WritesBesideTest() {
        super(Backend.POSTGRES);
    }

    @BeforeAll
    void lookUpBeans() {
        database = server.bean(Database.class);
        ledger = server.bean(Ledger.class);
    }

    @BeforeEach
    void startOtherThread() {
        other = Executors.newSingleThreadExecutor();
        secondWorked = new CountDownLatch(1);
    }

    @AfterEach
    void stopOtherThread() {
        other.shutdownNow();
    }

    /** Runs {@code work} as the first write, on the other thread; returns once its work has begun, in its turn. */
    private <T> Future<T> first(Database.Work<T> work) throws InterruptedException {
        CountDownLatch working = new CountDownLatch(1);
        Future<T> first = other.submit(() -> database.write(connection -> {
            working.countDown();
            return work.run(connection);
        }));
        assertThat(working.await(10, TimeUnit.SECONDS)).as("the first write began").isTrue();
        return first;
    }

    /** Makes the write it is set in wait, after its work and before it commits, until the second write has worked. */
    private final WriteTransaction.Deferred<String> untilSecondWorked = (connection, reason) ->
            assertThat(await(secondWorked, 10)).as("the second write worked while the first (%s) had not committed",
                    reason).isTrue();

    /** @return whether the latch opened within {@code seconds} */
    private static boolean await(CountDownLatch latch, long seconds) {
        try {
            return latch.await(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aWriteGoesOnBesideTheOneBeforeFromTheHeadItLeftAndCommitsAfterIt() throws Exception {
        Future<List<Long>> first = first(connection -> {
            List<Long> positions = List.of(append(connection, "beside-first-1"), append(connection, "beside-first-2"));
            WriteTransaction.set(connection, untilSecondWorked, "holding two entries");
            return positions;
        });
        List<Long> second = database.write(connection -> {
            List<Long> positions = List.of(append(connection, "beside-second-1"),
                    append(connection, "beside-second-2"));
            secondWorked.countDown();
            return positions;
        });

        List<Long> firstPositions = first.get(30, TimeUnit.SECONDS);
        assertThat(second).as("chained from the first's head, not yet committed when they were appended")
                .containsExactly(firstPositions.get(1) + 1, firstPositions.get(1) + 2);
        assertChainValid();
    }

    @Test
    void aWriteThatReadAheadWhatTheOneBeforeChangedWaitsForItToCommitAndReadsItAgain() throws Exception {
        List<List<String>> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        KnownRows<String, String> users = WriteTransactionTest.deviceUsers(asked);
        CountDownLatch secondRead = new CountDownLatch(1);
        Future<?> first = first(connection -> {
            assertThat(await(secondRead, 10)).as("the second write read ahead").isTrue();
            Sql.insertLater(connection, "sync_device", "(device_id, user_id, acknowledged_through)", "beside-device",
                    "user-first", 0);
            users.put(connection, "beside-device", "user-first");
            append(connection, "beside-device-stored");
            return null;
        });
        AtomicInteger attempts = new AtomicInteger();
        String user = database.write(connection -> {
            users.get(connection, List.of("beside-device"));
            secondRead.countDown();
        }, connection -> {
            attempts.incrementAndGet();
            append(connection, "beside-device-read");
            return users.get(connection, "beside-device");
        });
        first.get(30, TimeUnit.SECONDS);

        assertThat(user).isEqualTo("user-first");
        assertThat(attempts).as("its work waited for the first to commit, rather than go on and be undone")
                .hasValue(1);
        assertThat(asked).as("read ahead before the first committed, and again after")
                .containsExactly(List.of("beside-device"), List.of("beside-device"));
        assertChainValid();
    }

    @Test
    void aWriteBesideThatReadWhatTheOneBeforeChangedAfterItsWorkIsDoneAgainAfterIt() throws Exception {
        AtomicInteger areasRead = new AtomicInteger();
        Database.Work<Integer> areas = connection -> {
            areasRead.incrementAndGet();
            return Sql.queryOne(connection, "SELECT COUNT(*) FROM area", row -> row.getInt(1)).orElseThrow();
        };
        int before = database.read(areas);
        Future<?> first = first(connection -> {
            append(connection, "beside-area-stored");
            WriteTransaction.set(connection, untilSecondWorked, "about to store an area");
            WriteTransaction.set(connection, (WriteTransaction.Deferred<String>) (c, name) -> Sql.update(c,
                    "INSERT INTO area (name) VALUES (?)", name), "beside-area");
            return null;
        });
        List<Integer> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        int counted = database.write(connection -> {
            WriteTransaction.kept(connection, java.util.Set.of("area"), List.of("areas"), areas);
        }, connection -> {
            int count = WriteTransaction.kept(connection, java.util.Set.of("area"), List.of("areas"), areas);
            seen.add(count);
            append(connection, "beside-area-counted");
            secondWorked.countDown();
            return count;
        });
        first.get(30, TimeUnit.SECONDS);

        assertThat(seen).as("beside the first, before it committed; then again after it")
                .containsExactly(before, before + 1);
        assertThat(counted).isEqualTo(before + 1);
        assertThat(entries("beside-area-counted")).as("the first attempt's entry undone").isEqualTo(1);
        assertChainValid();
    }

    @Test
    void aWriteBesideOneThatDoesNotCommitIsDoneAgainFromTheLedgerAsItIs() throws Exception {
        Future<?> first = first(connection -> {
            append(connection, "beside-failed-first");
            WriteTransaction.set(connection, untilSecondWorked, "about to fail");
            WriteTransaction.set(connection, (WriteTransaction.Deferred<String>) (c, reason) -> {
                throw new SQLException(reason);
            }, "the first write fails before it commits");
            return null;
        });
        AtomicInteger attempts = new AtomicInteger();
        long position = database.write(connection -> {
            attempts.incrementAndGet();
            long appended = append(connection, "beside-failed-second");
            secondWorked.countDown();
            return appended;
        });

        assertThatThrownBy(() -> first.get(30, TimeUnit.SECONDS)).hasMessageContaining("the first write fails");
        assertThat(attempts).as("beside the first, then again after it failed").hasValue(2);
        assertThat(entries("beside-failed-first")).isZero();
        assertThat(entries("beside-failed-second")).isEqualTo(1);
        assertLedgerEndsAt(position);
    }

    /**
     * The write beside inserts a key first, and the first write, inserting the same key, waits for it to end, while it
     * waits for the first to commit: neither database nor server sees both waits. The write beside gives way after
     * {@link Database}'s limit, and is done again after the first, which then has the key.
     */
    @Test
    void aWriteBesideThatTheOneBeforeWaitsForGivesWayAndIsDoneAgainAfterIt() throws Exception {
        CountDownLatch secondTriedAgain = new CountDownLatch(1);
        Future<?> first = first(connection -> {
            WriteTransaction.set(connection, untilSecondWorked, "about to insert the key");
            WriteTransaction.set(connection, (WriteTransaction.Deferred<String>) (c, name) -> {
                Sql.update(c, "INSERT INTO area (name) VALUES (?)", name);
                // Still not committed when a second try that did not wait for it would read.
                await(secondTriedAgain, 1);
            }, "beside-both");
            return null;
        });
        AtomicInteger attempts = new AtomicInteger();
        long started = System.nanoTime();
        String second = database.write(connection -> {
            if (attempts.incrementAndGet() == 1) {
                // Inserted at once, as the inserter thread inserts a write's held rows while its work goes on.
                WriteTransaction.onLockedRows(connection, c -> Sql.update(c, "INSERT INTO area (name) VALUES (?)",
                        "beside-both"));
                secondWorked.countDown();
                return "inserted";
            }
            int found = areas(connection, "beside-both");
            secondTriedAgain.countDown();
            return found == 1 ? "found the first's" : "(none)";
        });
        long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        first.get(30, TimeUnit.SECONDS);
        assertThat(second).as("done again once the first had committed").isEqualTo("found the first's");
        assertThat(attempts).hasValue(2);
        assertThat(waitedMillis).as("gave way after the limit").isBetween(5_000L, 20_000L);
        int stored = database.read(connection -> areas(connection, "beside-both"));
        assertThat(stored).isEqualTo(1);
    }

    private static int areas(Connection connection, String name) throws SQLException {
        return Sql.queryOne(connection, "SELECT COUNT(*) FROM area WHERE name = ?", row -> row.getInt(1), name)
                .orElseThrow();
    }

    /**
     * Three writes in a row, each beside the one before: the first fails, and the other two are done again, in their
     * order.
     */
    @Test
    void writesBesideAWriteBesideOneThatFailsAreAllDoneAgainInTheirOrder() throws Exception {
        CountDownLatch thirdWorked = new CountDownLatch(1);
        Future<?> first = first(connection -> {
            append(connection, "beside-chain-first");
            WriteTransaction.set(connection, (WriteTransaction.Deferred<String>) (c, reason) -> {
                assertThat(await(thirdWorked, 10)).as("the third write worked beside the second").isTrue();
                throw new SQLException(reason);
            }, "the first write fails once the third has worked");
            return null;
        });
        AtomicInteger secondAttempts = new AtomicInteger();
        CountDownLatch secondWorking = new CountDownLatch(1);
        ExecutorService secondThread = Executors.newSingleThreadExecutor();
        try {
            Future<Long> second = secondThread.submit(() -> database.write(connection -> {
                secondAttempts.incrementAndGet();
                secondWorking.countDown();
                return append(connection, "beside-chain-second");
            }));
            assertThat(await(secondWorking, 10)).as("the second write began").isTrue();
            AtomicInteger thirdAttempts = new AtomicInteger();
            long third = database.write(connection -> {
                thirdAttempts.incrementAndGet();
                long appended = append(connection, "beside-chain-third");
                thirdWorked.countDown();
                return appended;
            });

            assertThatThrownBy(() -> first.get(30, TimeUnit.SECONDS)).hasMessageContaining("the first write fails");
            assertThat(second.get(30, TimeUnit.SECONDS)).as("the second committed before the third").isLessThan(third);
            assertThat(secondAttempts).hasValue(2);
            assertThat(thirdAttempts).hasValue(2);
            assertThat(entries("beside-chain-first")).isZero();
            assertThat(entries("beside-chain-second")).isEqualTo(1);
            assertThat(entries("beside-chain-third")).isEqualTo(1);
            assertChainValid();
        } finally {
            secondThread.shutdownNow();
        }
    }

    @Test
    void aWriteBesideThatTheDatabaseRefusesIsDoneAgainAfterTheOneBefore() throws Exception {
        database.write(connection -> Sql.update(connection, "INSERT INTO area (name) VALUES (?)", "beside-refused"));
        Future<?> first = first(connection -> {
            append(connection, "beside-refused-first");
            WriteTransaction.set(connection, untilSecondWorked, "holding an entry");
            return null;
        });
        AtomicInteger attempts = new AtomicInteger();
        long position = database.write(connection -> {
            if (attempts.incrementAndGet() == 1) {
                // What the write before could have caused: a key it took, a lock it held.
                Sql.insertLater(connection, "area", "(name)", "beside-refused");
            }
            long appended = append(connection, "beside-refused-second");
            secondWorked.countDown();
            return appended;
        });
        first.get(30, TimeUnit.SECONDS);

        assertThat(attempts).as("beside the first, then after it").hasValue(2);
        assertThat(entries("beside-refused-second")).isEqualTo(1);
        assertLedgerEndsAt(position);
    }

    /**
     * Another server locks the ledger head after the first write committed, to append at the positions the write
     * beside already took: the write beside gives way at once rather than wait for it (which waits for the write
     * beside's entries), and is done again after it.
     */
    @Test
    void aWriteBesideGivesWayToAnotherServerAppendingToTheLedger() throws Exception {
        javax.sql.DataSource pool = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(
                server.bean(javax.sql.DataSource.class));
        Connection anotherServer = pool.getConnection();
        anotherServer.setAutoCommit(false);
        Future<?> first = first(connection -> {
            append(connection, "beside-other-server-first");
            WriteTransaction.set(connection, untilSecondWorked, "holding an entry");
            return null;
        });
        AtomicInteger attempts = new AtomicInteger();
        ExecutorService secondThread = Executors.newSingleThreadExecutor();
        try {
            Future<Long> second = secondThread.submit(() -> database.write(connection -> {
                if (attempts.incrementAndGet() == 1) {
                    // Just before this write locks the head, once the first has committed.
                    WriteTransaction.set(connection, (WriteTransaction.Deferred<String>) (c, sql) -> {
                        try (var statement = anotherServer.createStatement()) {
                            statement.execute(sql);
                        }
                    }, "UPDATE ledger_head SET position = position WHERE id = 1");
                } else {
                    anotherServer.commit();
                }
                long appended = append(connection, "beside-other-server-second");
                secondWorked.countDown();
                return appended;
            }));
            long position = second.get(15, TimeUnit.SECONDS);
            first.get(30, TimeUnit.SECONDS);

            assertThat(attempts).as("beside the first, then after the other server").hasValue(2);
            assertThat(entries("beside-other-server-second")).isEqualTo(1);
            assertLedgerEndsAt(position);
        } finally {
            anotherServer.rollback();
            anotherServer.close();
            secondThread.shutdownNow();
        }
    }

    /** The ledger's chain is whole and its head is at {@code position}: the last write to commit appended last. */
    private void assertLedgerEndsAt(long position) {
        long head = database.read(connection -> Sql.queryOne(connection,
                "SELECT position FROM ledger_head WHERE id = 1", row -> row.getLong(1))).orElseThrow();
        assertThat(head).isEqualTo(position);
        assertChainValid();
    }

    private void assertChainValid() {
        assertThat(server.bean(LedgerVerifier.class).verify().valid()).isTrue();
    }

    private long append(Connection connection, String entityId) throws SQLException {
        return ledger.append(connection, new LedgerRecord("VISIT", entityId, "SUBMITTED", null, "inspector-1",
                "tablet-1", null, "{}"));
    }

    private long entries(String entityId) {
        return database.read(connection -> Sql.queryOne(connection, "SELECT COUNT(*) FROM ledger_entry"
                + " WHERE entity_id = ?", row -> row.getLong(1), entityId)).orElseThrow();
    }
}

package org.fieldledger.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.fieldledger.server.testing.Backend;
import org.fieldledger.server.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When a SQLite write may say it is done: only after a flush of the log that began after its commit. The flushes here
 * are held until the test lets them finish, so every ordering is forced, not hoped for.
 */
class WalFlushTest {
    /** One flush the test holds: it started, and finishes (or fails) when the test says. */
    private static final class HeldFlush {
        final CountDownLatch started = new CountDownLatch(1);
        final CompletableFuture<IOException> finish = new CompletableFuture<>();
    }

    /** The flushes, in the order they start. */
    private final BlockingQueue<HeldFlush> flushes = new LinkedBlockingQueue<>();
    private final AtomicInteger flushCount = new AtomicInteger();
    private final WalFlush walFlush = new WalFlush(() -> {
        HeldFlush flush = new HeldFlush();
        flushCount.incrementAndGet();
        flushes.add(flush);
        flush.started.countDown();
        IOException failure = flush.finish.join();
        if (failure != null) {
            throw failure;
        }
    });
    private final List<CompletableFuture<?>> waiting = new java.util.ArrayList<>();

    @AfterEach
    void nobodyIsLeftWaiting() {
        flushes.forEach(flush -> flush.finish.complete(null));
        waiting.forEach(future -> future.orTimeout(10, TimeUnit.SECONDS).exceptionally(failure -> null).join());
    }

    private CompletableFuture<Void> inBackground(Runnable await) {
        CompletableFuture<Void> future = CompletableFuture.runAsync(await);
        waiting.add(future);
        return future;
    }

    private HeldFlush nextFlush() throws InterruptedException {
        HeldFlush flush = flushes.poll(10, TimeUnit.SECONDS);
        assertThat(flush).as("a flush started").isNotNull();
        return flush;
    }

    @Test
    void aCommitIsNotDurableThroughAFlushThatBeganBeforeIt() throws Exception {
        long first = walFlush.committed();
        CompletableFuture<Void> firstWrite = inBackground(() -> walFlush.await(first));
        HeldFlush beganBeforeSecond = nextFlush();
        long second = walFlush.committed();
        CompletableFuture<Void> secondWrite = inBackground(() -> walFlush.await(second));

        beganBeforeSecond.finish.complete(null);
        firstWrite.get(10, TimeUnit.SECONDS);
        HeldFlush beganAfterSecond = nextFlush();
        assertThat(secondWrite).as("the second commit waits for a flush of its own").isNotDone();

        beganAfterSecond.finish.complete(null);
        secondWrite.get(10, TimeUnit.SECONDS);
        assertThat(flushCount).hasValue(2);
    }

    @Test
    void writesWaitingAtTheSameTimeShareOneFlush() throws Exception {
        long first = walFlush.committed();
        long second = walFlush.committed();
        long third = walFlush.committed();
        CompletableFuture<Void> writes = CompletableFuture.allOf(inBackground(() -> walFlush.await(third)),
                inBackground(() -> walFlush.await(first)), inBackground(() -> walFlush.await(second)));

        nextFlush().finish.complete(null);
        writes.get(10, TimeUnit.SECONDS);
        assertThat(flushCount).as("one flush covers every commit before it").hasValue(1);
        walFlush.await(second);
        assertThat(flushCount).as("a commit already flushed does not flush again").hasValue(1);
    }

    @Test
    void aReadWaitsForTheCommitUnderWayAndAFlushAfterIt() throws Exception {
        walFlush.committing();
        CompletableFuture<Void> read = inBackground(walFlush::awaitAll);
        assertThat(flushes.poll(200, TimeUnit.MILLISECONDS)).as("no flush before the commit is done").isNull();
        assertThat(read).isNotDone();

        walFlush.committed();
        nextFlush().finish.complete(null);
        read.get(10, TimeUnit.SECONDS);
        assertThat(flushCount).hasValue(1);
    }

    @Test
    void aReadWithNothingToFlushDoesNotWait() {
        walFlush.awaitAll();
        assertThat(flushCount).hasValue(0);
    }

    @Test
    void aFailedFlushFailsItsWritesAndTheNextWriteFlushesAgain() throws Exception {
        long commit = walFlush.committed();
        CompletableFuture<Void> failing = inBackground(() -> walFlush.await(commit));
        nextFlush().finish.complete(new IOException("disk gone"));
        assertThatThrownBy(() -> failing.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("cannot flush SQLite's log").hasRootCauseMessage("disk gone");

        CompletableFuture<Void> retried = inBackground(() -> walFlush.await(commit));
        nextFlush().finish.complete(null);
        retried.get(10, TimeUnit.SECONDS);
        assertThat(flushCount).hasValue(2);
    }

    @Test
    void theServerFlushesTheLogOfTheFileSqliteWritesAndNothingOnPostgresql() throws Exception {
        try (TestServer server = TestServer.start(Backend.SQLITE)) {
            server.createUser("flush.inspector", "INSPECTOR", "王因街道");
            Path log = server.bean(Database.class).flushedLog().orElseThrow();
            assertThat(Files.isSameFile(log, server.dataDir().resolve("fieldledger.db-wal"))).as(log.toString())
                    .isTrue();
        }
        try (TestServer server = TestServer.start(Backend.POSTGRES)) {
            server.createUser("flush.inspector", "INSPECTOR", "王因街道");
            assertThat(server.bean(Database.class).flushedLog()).isEmpty();
        }
    }

    @Test
    void flushesTheLogOfARealDatabaseAndToleratesItsAbsence(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("fieldledger.db");
        WalFlush real = WalFlush.of(file);
        real.await(real.committed());
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA journal_mode = WAL");
            statement.execute("PRAGMA synchronous = NORMAL");
            statement.execute("CREATE TABLE visit (id TEXT PRIMARY KEY)");
            statement.execute("INSERT INTO visit VALUES ('v-1')");
            assertThat(Files.size(Path.of(file + "-wal"))).as("the commit is in the log").isPositive();
            real.await(real.committed());
        }
    }
}

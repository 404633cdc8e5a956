package org.fieldledger.server.storage;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies SQLite's write-ahead log back into the database file on a thread of its own. By default SQLite does that
 * inside the commit that takes the log past 1,000 pages: every twentieth push group then copied megabytes while it
 * held the write lock that all other pushes wait for. The pool's connections are told never to (wal_autocheckpoint 0,
 * set by {@link DataDirectory}) and this does it every quarter second beside them, in PASSIVE mode, which
 * neither waits for nor blocks a reader or a writer. Once everything in the log is copied, the next writer starts the
 * log from its beginning again, so it stays as large as a few moments of writes. At shutdown the log is emptied.
 */
@Singleton
@Requires(property = "datasources.default.url", pattern = "jdbc:sqlite:.*")
final class WalCheckpoints implements ApplicationEventListener<StartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(WalCheckpoints.class);
    private static final long INTERVAL_MILLIS = 250;

    private final Database database;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread checkpoints = new Thread(task, "sqlite-wal-checkpoints");
        checkpoints.setDaemon(true);
        return checkpoints;
    });

    WalCheckpoints(Database database) {
        this.database = database;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        thread.scheduleWithFixedDelay(() -> checkpoint("PASSIVE"), INTERVAL_MILLIS, INTERVAL_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void close() throws InterruptedException {
        thread.shutdown();
        if (thread.awaitTermination(10, TimeUnit.SECONDS)) {
            checkpoint("TRUNCATE");
        }
    }

    private void checkpoint(String mode) {
        try {
            database.read(connection -> {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("PRAGMA wal_checkpoint(" + mode + ")");
                }
                return null;
            });
        } catch (RuntimeException e) {
            // The next round tries again; a failure must not end the schedule, which would let the log grow.
            LOG.warn("WAL checkpoint ({}) failed: {}", mode, e.getMessage());
        }
    }
}

package org.fieldledger.server.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Makes SQLite's commits durable in groups, outside the write lock. The writer connection commits without waiting for
 * the disk ({@code synchronous = NORMAL}: its commits reach the log file, not yet the disk); each write then waits,
 * after giving up its turn, for a flush of the log that began after its commit. One flush covers every commit before
 * it, so the writes waiting at the same time share it, and the next transaction runs while the disk works. Before,
 * every commit waited for its own flush while holding the turn: about 18 ms of the 110 that a push transaction of 500
 * mutations held it, with every push behind it waiting (docs/benchmarks.md, twelfth round).
 *
 * <p>Nothing is answered before it is durable: a write returns, and a read hands over what it read, only once every
 * commit before is flushed ({@link Database}). A power cut can then only take commits nobody was told about, and the
 * log keeps them in order, so it takes a tail of them, never one from the middle. A process that dies keeps them all:
 * they are in the operating system's hands once committed.
 */
final class WalFlush {
    /** Flushes the log to the disk. */
    @FunctionalInterface
    interface Flush {
        void flush() throws IOException;
    }

    private final Flush flush;
    /** The log file flushed, or null when the flush is given. */
    private final Path log;
    /** Commits counted so far, and the last of them known durable; guarded by {@code this}. */
    private long committed;
    private long durable;
    private boolean flushing;
    /** Whether a commit is under way: readers may already see it, so it is waited for with those before it. */
    private boolean committing;

    WalFlush(Flush flush) {
        this(flush, null);
    }

    private WalFlush(Flush flush, Path log) {
        this.flush = flush;
        this.log = log;
    }

    /** Flushes the log file of {@code database}, the SQLite file as SQLite itself names it. */
    static WalFlush of(Path database) {
        Path log = Path.of(database + "-wal");
        return new WalFlush(() -> {
            // Opened for each flush: SQLite deletes the log when its last connection closes and starts a new file.
            try (FileChannel channel = FileChannel.open(log, StandardOpenOption.WRITE)) {
                channel.force(false);
            } catch (NoSuchFileException deleted) {
                // SQLite deletes the log only after copying all of it into the database file and flushing that.
            }
        }, log);
    }

    /** The log file this flushes; null when it was given a flush of its own. */
    Path log() {
        return log;
    }

    /** Called right before the writer commits. */
    synchronized void committing() {
        committing = true;
    }

    /** Called right after the writer committed, or failed to: counts the commit and returns its number. */
    synchronized long committed() {
        committing = false;
        notifyAll();
        return ++committed;
    }

    /** Waits until every commit so far is durable, the one under way included. */
    void awaitAll() {
        long last;
        synchronized (this) {
            last = committed + (committing ? 1 : 0);
        }
        await(last);
    }

    /**
     * Waits until {@code commit} is durable: once it is counted, flushes the log if no flush is under way, or waits for
     * the one under way and then, if that one began before the commit, for the next.
     *
     * @throws UncheckedIOException when the flush fails: the commit may not be durable, and whoever waited must not
     *                              say it is
     */
    void await(long commit) {
        boolean interrupted = false;
        try {
            while (true) {
                long through;
                synchronized (this) {
                    while (committed < commit || flushing && durable < commit) {
                        try {
                            wait();
                        } catch (InterruptedException e) {
                            // Answering before the flush would break the promise; the interrupt is kept for later.
                            interrupted = true;
                        }
                    }
                    if (durable >= commit) {
                        return;
                    }
                    flushing = true;
                    through = committed;
                }
                boolean flushed = false;
                try {
                    flush.flush();
                    flushed = true;
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot flush SQLite's log to the disk", e);
                } finally {
                    synchronized (this) {
                        flushing = false;
                        if (flushed) {
                            durable = Math.max(durable, through);
                        }
                        notifyAll();
                    }
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

package org.fieldledger.client.internal.store;

import java.util.concurrent.locks.ReentrantLock;
import org.fieldledger.client.store.SqlDatabase;

/**
 * The device's database behind one lock. Every read and write of the library goes through {@link #transaction}, so
 * calls from the UI thread, a background sync and a worker never interleave inside a read-modify-write, and the
 * {@link SqlDatabase} implementation is only ever used by one thread at a time. Network I/O never happens while the
 * lock is held: recording stays responsive during a slow sync.
 */
public final class LocalDatabase {
    private final SqlDatabase db;
    private final ReentrantLock lock = new ReentrantLock();

    public LocalDatabase(SqlDatabase db) {
        this.db = db;
    }

    public <T> T transaction(SqlDatabase.Work<T> work) {
        lock.lock();
        try {
            return db.runInTransaction(work);
        } finally {
            lock.unlock();
        }
    }

    public void run(Runnable work) {
        transaction(() -> {
            work.run();
            return null;
        });
    }
}

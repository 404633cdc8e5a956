package org.fieldledger.client.store;

import java.util.List;

/**
 * The SQL port of the device library: the few operations its local store needs, so an Android app can plug in its
 * {@code SupportSQLiteDatabase} (or {@code SQLiteDatabase}) and a desktop or test uses {@link JdbcSqlDatabase}.
 * docs/client-core.md shows an Android implementation.
 *
 * <p>Arguments are bound in order to {@code ?} placeholders; they are {@code String}, {@code Long}, {@code Integer},
 * {@code Double} or null. The SQL is plain SQLite as of 3.18 (Android 8.0): no UPSERT, no window functions.
 *
 * <p>Implementations need not be thread-safe: the library calls them from one thread at a time. Failures are
 * unchecked exceptions; any exception thrown inside {@link #runInTransaction} rolls the whole transaction back.
 */
public interface SqlDatabase {
    /** Runs a statement without arguments or result rows: DDL, {@code PRAGMA}. */
    void execute(String sql);

    /** Runs an INSERT, UPDATE or DELETE and returns the number of rows it changed. */
    int update(String sql, Object... args);

    /** Runs a query and maps each row, in order. */
    <T> List<T> query(String sql, RowMapper<T> mapper, Object... args);

    /**
     * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. A call inside
     * another transaction joins it, so the outermost call decides.
     */
    <T> T runInTransaction(Work<T> work);

    /** Maps the current row of a result. */
    interface RowMapper<T> {
        T map(SqlRow row);
    }

    /** Work done in a transaction. */
    interface Work<T> {
        T run();
    }
}

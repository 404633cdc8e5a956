package org.fieldledger.server.storage;

import io.micronaut.context.annotation.Value;
import io.micronaut.data.connection.ConnectionDefinition;
import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two ways code touches the database. Writes run in one transaction each: all of it lands or none of it does.
 * Reads run on an auto-commit connection, never a read-only transaction: sqlite-jdbc cannot switch an open connection
 * to read-only, and with {@code transaction_mode=IMMEDIATE} a read transaction would queue behind every writer.
 */
@Singleton
public final class Database {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    private final TransactionOperations<Connection> transactions;
    private final ConnectionOperations<Connection> connections;
    /**
     * Writers queue here, first come first served, before they take a connection. Every write appends to the ledger,
     * whose head lock serialises writers anyway (see Ledger); queued here they wait without holding a pooled
     * connection. Otherwise, under load, writers waiting on the head lock held every connection while the rest timed
     * out in the pool; and on SQLite, whose busy handler lets waiting writers poll with growing sleeps, a writer
     * could wait seconds while later ones got in. Other server instances on the same PostgreSQL still queue on the
     * ledger's row lock.
     */
    private final ReentrantLock writer = new ReentrantLock(true);

    private final boolean sqlite;
    private final DataSource pool;
    /**
     * SQLite: the one connection all writes use, taken from the pool at the first write and kept. SQLite drops a
     * connection's whole page cache whenever another connection has written since its last transaction, so writes
     * spread over the pool each started cold and read every index page they touched back from the file; kept on one
     * connection, the pages of the indexes that writes walk stay in its cache. Guarded by {@link #writer}.
     */
    private Connection sqliteWriter;
    /**
     * SQLite in a file: flushes the writer's commits to the disk outside the write lock; set when the writer's
     * connection first opens, from the file SQLite itself names. Otherwise null.
     */
    private volatile WalFlush walFlush;
    /** The number {@link #walFlush} gave the writer's last commit. Guarded by {@link #writer}. */
    private long lastSqliteCommit;

    Database(TransactionOperations<Connection> transactions, ConnectionOperations<Connection> connections,
             DataSource dataSource, @Value("${datasources.default.url}") String url) {
        this.transactions = transactions;
        this.connections = connections;
        this.pool = DelegatingDataSource.unwrapDataSource(dataSource);
        this.sqlite = url.startsWith(DataDirectory.SQLITE_PREFIX);
    }

    @FunctionalInterface
    public interface Work<R> {
        R run(Connection connection) throws SQLException;
    }

    /** What a write reads before its turn among writers: see {@link #write(Reads, Work)}. */
    @FunctionalInterface
    public interface Reads {
        void read(Connection connection) throws SQLException;
    }

    /** One transaction, with the statements and deferred values of a {@link WriteTransaction}. */
    public <R> R write(Work<R> work) {
        return write(null, work);
    }

    /**
     * One transaction whose first reads may overlap the write before it: on PostgreSQL, {@code readAhead} runs in the
     * transaction before it takes its turn among writers, while the one before still inserts and commits; then
     * {@code work} runs in turn. A push's reads ahead were a quarter of its transaction, all of it waited for by the
     * writers behind. What {@code readAhead} learns through {@link KnownRows} and {@link WriteTransaction#kept} is
     * only kept where the writes that committed meanwhile changed nothing ({@link WriteTransaction#catchUp}); it must
     * not write nor lock rows (both are refused), since the writer it may run beside could be waiting for them. On
     * SQLite, whose writers hold the database's one write lock from their first statement, both run in turn: reads
     * ahead on a connection of their own, outside the turn, cost more than they saved (docs/benchmarks.md).
     */
    public <R> R write(Reads readAhead, Work<R> work) {
        Work<R> inTurn = readAhead == null ? work : connection -> {
            WriteTransaction.readAheadIn(connection, readAhead);
            return work.run(connection);
        };
        if (sqlite) {
            R result;
            long commit;
            writer.lock();
            try {
                Connection connection = sqliteWriter();
                if (WriteTransaction.on(connection) != null) {
                    return run(inTurn, connection);
                }
                result = run(c -> inSqliteTransaction(c, inTurn), connection);
                commit = lastSqliteCommit;
            } finally {
                writer.unlock();
            }
            WalFlush flush = walFlush;
            if (flush != null) {
                flush.await(commit);
            }
            return result;
        }
        if (writer.isHeldByCurrentThread()) {
            // Inside another write of this thread: joins its transaction.
            return transactions.executeWrite(status -> run(c -> WriteTransaction.run(c, inTurn, changes -> { }),
                    status.getConnection()));
        }
        return writeOnPostgresql(readAhead, work);
    }

    private <R> R writeOnPostgresql(Reads readAhead, Work<R> work) {
        try {
            return writeOnPostgresql(readAhead, work, true);
        } catch (RuntimeException failure) {
            if (!speculationFailed(failure)) {
                throw failure;
            }
            // Two writes close together touched the same rows: done again, after the one before has ended.
            LOG.debug("A write that went on beside the one before it is done again: {}", failure.getMessage());
            return writeOnPostgresql(readAhead, work, false);
        }
    }

    /** @param beside whether it may go on beside the write before it while that one still commits */
    private <R> R writeOnPostgresql(Reads readAhead, Work<R> work, boolean beside) {
        Turn turn = new Turn(beside);
        if (readAhead == null) {
            // Nothing to do before its turn: it waits for it without holding a pooled connection.
            turn.take(null, 0);
        }
        boolean committedIt = false;
        Throwable failed = null;
        try {
            R result = transactions.executeWrite(status -> run(c -> {
                planForAnyKeys(c);
                long seen = committed.last();
                return WriteTransaction.run(c, connection -> {
                    if (readAhead != null) {
                        WriteTransaction.readAheadIn(connection, readAhead);
                        turn.take(connection, seen);
                    } else {
                        turn.begin(connection);
                    }
                    R done = work.run(connection);
                    turn.handOver(connection);
                    return done;
                }, turn::ended);
            }, status.getConnection()));
            committedIt = true;
            return result;
        } catch (RuntimeException failure) {
            failed = turn.wentBeside && !turn.workEnded && databaseRefused(failure)
                    ? new SpeculationFailed("the database refused a write that went on beside the one before it: "
                    + failure.getMessage(), failure) : failure;
            throw (RuntimeException) failed;
        } catch (Error failure) {
            failed = failure;
            throw failure;
        } finally {
            turn.end(committedIt, failed);
        }
    }

    private static boolean databaseRefused(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException) {
                return true;
            }
        }
        return false;
    }

    private static boolean speculationFailed(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SpeculationFailed) {
                return true;
            }
        }
        return false;
    }

    /**
     * The last PostgreSQL write to take its turn among writers; its transaction may still be inserting and committing.
     * Guarded by {@link #writer}.
     */
    private Turn lastTurn;

    /**
     * How long a write that went on beside the one before it waits for that one to end. Only a write that the one
     * before waits for in turn (both inserting the same new key: the later insert waits for the earlier to commit, and
     * the earlier write waits here for the later) waits that long; it then fails and is done again after it.
     */
    private static final java.time.Duration BESIDE_LIMIT = java.time.Duration.ofSeconds(5);

    /**
     * A PostgreSQL write's turn among writers. A write's turn ends when its work is done: the next one's work then runs
     * while this one inserts its last rows and commits, each on its own connection; on two cores, one transaction's
     * inserts were the pace of a push, the rest of the machine a quarter idle. The next one goes on from what this one
     * left ({@link WriteTransaction.Speculation}), and commits after it.
     */
    private final class Turn implements WriteTransaction.Speculation {
        private final boolean mayGoBeside;
        /** Whether it went on beside the write before it; see {@link WriteTransaction.Speculation}. */
        private boolean wentBeside;
        /** Whether its work and deferred values are done: a failure after it may come from a commit that happened. */
        private boolean workEnded;
        private boolean taken;
        private boolean holding;
        /**
         * The turn before, if its transaction had not ended when this one took its turn. A turn ends only after the
         * one before it, so a turn ended means every write before it has ended. Let go of once it ended (a chain of
         * turns would keep every write's values), before its own end is told.
         */
        private volatile Turn before;
        /** The number of the last committed changes the transaction caught up with. */
        private long seen;
        /** The deferred values its work left, for the next to go on from; set before the next can take its turn. */
        private Map<WriteTransaction.Deferred<?>, Object> valuesLeft = Map.of();
        /** What its work changed; set with {@link #valuesLeft}. */
        private WriteTransaction.Changes changedInWork = WriteTransaction.Changes.EVERYTHING;
        /** Completes once its transaction ended: true once it committed and its changes are in {@link #committed}. */
        private final CompletableFuture<Boolean> ended = new CompletableFuture<>();
        private WriteTransaction.Changes changes = WriteTransaction.Changes.EVERYTHING;

        Turn(boolean mayGoBeside) {
            this.mayGoBeside = mayGoBeside;
        }

        /** @param seenBefore the last of the {@link #committed} changes when the transaction began reading */
        void take(Connection connection, long seenBefore) {
            writer.lock();
            taken = true;
            holding = true;
            before = lastTurn;
            lastTurn = this;
            if (before != null && (!mayGoBeside || connection != null && readWhatIsNotCommitted(connection))) {
                before.ended.join();
            }
            if (before != null && before.ended.isDone()) {
                before = null;
            }
            if (connection == null) {
                seen = committed.last();
                return;
            }
            CommittedChanges.Since since = committed.since(seenBefore);
            WriteTransaction.catchUp(connection, since.changes());
            seen = since.last();
            begin(connection);
        }

        /** Once the transaction has its connection and its turn. */
        void begin(Connection connection) {
            if (before != null) {
                wentBeside = true;
                WriteTransaction.speculate(connection, this);
            }
        }

        /** Once its work is done: the next write may take its turn. */
        void handOver(Connection connection) {
            valuesLeft = WriteTransaction.deferredValues(connection);
            changedInWork = WriteTransaction.changesSoFar(connection);
            release();
        }

        /**
         * Whether this write read ahead any row that a write before it, not ended yet, changed in its work: it would
         * then have to be done again, after that one, so it waits for it before it begins instead. Pushes of one
         * device's visits of one site in two transactions in a row do that.
         */
        private boolean readWhatIsNotCommitted(Connection connection) {
            for (Turn earlier = before; earlier != null && !earlier.ended.isDone(); earlier = earlier.before) {
                if (WriteTransaction.wouldForget(connection, earlier.changedInWork)) {
                    return true;
                }
            }
            return false;
        }

        void ended(WriteTransaction.Changes changes) {
            this.changes = changes;
            workEnded = true;
        }

        /** @param failure null if it committed; otherwise why not */
        void end(boolean committedIt, Throwable failure) {
            try {
                Turn earlier = before;
                if (earlier != null) {
                    // A write that failed beside the one before (rolled back, so that one no longer waits for it)
                    // ends after it, as it would have committed after it: what takes its turn after this one, this
                    // one's own second try among them, then finds every write before it ended.
                    earlier.ended.join();
                    before = null;
                }
                if (committedIt) {
                    committed.add(changes);
                } else if (taken && !speculationFailed(failure)) {
                    // It may have committed after all (a failure reported by the commit itself): whoever read ahead
                    // meanwhile forgets everything rather than trust what it read.
                    committed.add(WriteTransaction.Changes.EVERYTHING);
                }
            } finally {
                ended.complete(committedIt);
                release();
            }
        }

        private void release() {
            if (holding) {
                holding = false;
                writer.unlock();
            }
        }

        @Override
        public Object valueBefore(WriteTransaction.Deferred<?> key) {
            return before.valuesLeft.get(key);
        }

        @Override
        public List<WriteTransaction.Changes> awaitBefore() {
            boolean beforeCommitted;
            try {
                beforeCommitted = before.ended.get(BESIDE_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw new SpeculationFailed("the write before it did not end within " + BESIDE_LIMIT.toSeconds()
                        + " s");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SpeculationFailed("interrupted while waiting for the write before it");
            } catch (ExecutionException e) {
                throw new IllegalStateException("a write's end is never exceptional", e);
            }
            if (!beforeCommitted) {
                throw new SpeculationFailed("the write before it did not commit");
            }
            return committed.since(seen).changes();
        }
    }

    /**
     * What the last PostgreSQL writes of this server changed, for writes that read ahead before their turn. Another
     * server on the same database is not in it: its commits may land between any transaction's read and its use, as
     * they always could under READ COMMITTED; the database's keys and locks guard what must not be done twice.
     */
    private final CommittedChanges committed = new CommittedChanges();

    /**
     * A write's lookups take hundreds of keys at once ({@link Sql#queryIn}). PostgreSQL plans a statement's first runs
     * on a connection for the values at hand, and costs each of those keys as a random page read: with tens of
     * thousands of visits it read the whole table (2.6 ms where the index took 0.5, and growing with the table). A
     * plan is kept only after five such runs on the same connection, and writes take any of the pool's, so most of a
     * push's transactions ran those plans. The generic plan reads the index whatever the number of keys; the write
     * statements are all lookups by key, for which it is the plan anyway. For this transaction only.
     */
    private static void planForAnyKeys(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET LOCAL plan_cache_mode = force_generic_plan");
        }
    }

    private Connection sqliteWriter() {
        try {
            if (sqliteWriter == null || sqliteWriter.isClosed()) {
                Connection connection = pool.getConnection();
                try (Statement statement = connection.createStatement()) {
                    // The writer walks every index a write touches; the default 2 MiB would not hold them.
                    statement.execute("PRAGMA cache_size = -" + SQLITE_WRITER_CACHE_KIB);
                    String file = mainFile(statement);
                    if (!file.isEmpty()) {
                        // Its commits are flushed to the disk after it lets the next writer in (WalFlush).
                        statement.execute("PRAGMA synchronous = NORMAL");
                        if (walFlush == null) {
                            walFlush = WalFlush.of(java.nio.file.Path.of(file));
                        }
                    }
                }
                sqliteWriter = connection;
            }
            return sqliteWriter;
        } catch (SQLException e) {
            throw new UncheckedSqlException(e);
        }
    }

    private static final int SQLITE_WRITER_CACHE_KIB = 64 * 1024;

    /** The main database's file as SQLite resolved it; empty for a database in memory. */
    private static String mainFile(Statement statement) throws SQLException {
        try (java.sql.ResultSet databases = statement.executeQuery("PRAGMA database_list")) {
            while (databases.next()) {
                if ("main".equals(databases.getString("name"))) {
                    String file = databases.getString("file");
                    return file == null ? "" : file;
                }
            }
        }
        return "";
    }

    /** The SQLite log file this server flushes after its writes, once it has written; for tests. */
    java.util.Optional<java.nio.file.Path> flushedLog() {
        WalFlush flush = walFlush;
        return java.util.Optional.ofNullable(flush == null ? null : flush.log());
    }

    private <R> R inSqliteTransaction(Connection connection, Work<R> work) throws SQLException {
        connection.setAutoCommit(false);
        boolean done = false;
        try {
            R result = WriteTransaction.run(connection, work, changes -> { });
            commitSqlite(connection);
            done = true;
            return result;
        } finally {
            try {
                if (!done) {
                    connection.rollback();
                }
                connection.setAutoCommit(true);
            } catch (SQLException | RuntimeException e) {
                // A connection that cannot even roll back is given up; the next write takes a fresh one. A write
                // already committed stays committed and is answered as such.
                dropSqliteWriter(connection);
            }
        }
    }

    private void commitSqlite(Connection connection) throws SQLException {
        WalFlush flush = walFlush;
        if (flush == null) {
            connection.commit();
            return;
        }
        flush.committing();
        try {
            connection.commit();
        } finally {
            lastSqliteCommit = flush.committed();
        }
    }

    private void dropSqliteWriter(Connection connection) {
        sqliteWriter = null;
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Already broken: nothing more to release.
        }
    }

    /** Gives the SQLite writer's connection back to the pool, so that the pool closes it with the others. */
    @PreDestroy
    void close() throws SQLException {
        writer.lock();
        try {
            if (sqliteWriter != null) {
                sqliteWriter.close();
                sqliteWriter = null;
            }
        } finally {
            writer.unlock();
        }
    }

    /**
     * Reads on a pooled connection. On SQLite, returns only once every commit it may have seen is durable: what it read
     * is about to be answered, and an answer must not show what a power cut could still take ({@link WalFlush}).
     */
    public <R> R read(Work<R> work) {
        R result = connections.execute(ConnectionDefinition.DEFAULT, status -> run(work, status.getConnection()));
        WalFlush flush = walFlush;
        if (flush != null) {
            flush.awaitAll();
        }
        return result;
    }

    private static <R> R run(Work<R> work, Connection connection) {
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw new UncheckedSqlException(e);
        }
    }

    /** A database failure; reaches the client as a 500 with an incident id, never with the SQL. */
    public static final class UncheckedSqlException extends RuntimeException {
        UncheckedSqlException(SQLException cause) {
            super(cause.getMessage(), cause);
        }

        public SQLException sqlException() {
            return (SQLException) getCause();
        }
    }
}

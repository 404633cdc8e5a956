package org.fieldledger.server.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * What one {@link Database#write} keeps beside its connection until it ends: its prepared statements, values held in
 * memory that are written once, just before it commits ({@link Deferred}), rows to insert many at a time
 * ({@link Sql#insertLater}), answers of repeated reads ({@link #kept}), and rows known by key ({@link KnownRows}).
 * Bound to the thread that runs the write.
 *
 * <p>A push applies up to hundreds of mutations in one transaction, each running the same dozen statements: SQLite
 * compiles a statement anew on every prepare, and each statement is a round trip to PostgreSQL.
 */
public final class WriteTransaction {
    private static final ThreadLocal<WriteTransaction> CURRENT = new ThreadLocal<>();

    /**
     * A value that changes many times in a transaction but needs writing only as it is at the end: the ledger head,
     * which every append moves. Values must be immutable, since a savepoint keeps the one it started with and a
     * rollback to it brings that back.
     */
    @FunctionalInterface
    public interface Deferred<V> {
        /** Writes the transaction's last value; runs once, just before it commits. */
        void write(Connection connection, V value) throws SQLException;
    }

    private final Connection connection;
    final Map<String, PreparedStatement> statements = new HashMap<>();
    /**
     * Held rows being inserted by {@link #INSERTER} while this transaction's thread goes on
     * ({@link #insertHeldRowsMeanwhile}); done before the connection is used again. Null when none were handed over.
     */
    private CompletableFuture<Void> inserting;
    /** The context the inserter runs in: its own statements, so that neither thread touches the other's. */
    private WriteTransaction inserter;
    private Map<Deferred<?>, Object> deferred = new LinkedHashMap<>();
    /** Rows of {@link Sql#insertLater} not yet inserted, by table. */
    private Map<String, HeldRows> held = new LinkedHashMap<>();
    private long writes;
    /** Answers of {@link #kept}, by question, with the tables each was read from. */
    private final Map<List<Object>, KeptAnswer> kept = new HashMap<>();
    /** Every table an answer in {@link #kept} was read from, and perhaps some whose answers are forgotten since. */
    private final Set<String> keptFrom = new java.util.HashSet<>();
    /** The maps of {@link #local}, by their owner's key. */
    private final Map<Object, Map<?, ?>> locals = new HashMap<>();
    /** The keys each owner of a {@link #local} map said it wrote, and the tables the transaction wrote: its changes. */
    private final Map<Object, Set<Object>> writtenKeys = new HashMap<>();
    private final Set<String> writtenTables = new java.util.HashSet<>();
    /** Whether it ran a write statement whose table {@link #writtenTable} did not recognise. */
    private boolean wroteUnknownTable;
    /** Whether {@link #catchUp} forgot anything the transaction had read. */
    private boolean forgotOnCatchUp;
    /** Whether it reads ahead, before its turn among writers ({@link #readAheadIn}): writing is refused. */
    private boolean readingAhead;
    /**
     * Set while the transaction runs beside the one before it, which has not committed yet ({@link Speculation});
     * null once it has settled, or if it never ran beside one.
     */
    private Speculation speculation;
    /** Whether its own thread inserts held rows, or reads rows it locked: statements that need not settle. */
    private boolean needsNoSettling;

    private record KeptAnswer(Set<String> tables, Object answer) {
    }

    /**
     * What a transaction that took its turn among writers before the one ahead of it committed relies on: that one's
     * deferred values, to go on from (the ledger head its entries chain from), and its outcome. Until then it reads
     * nothing new: its reads ahead are all it knows, and its first statement other than an insert of held rows or a
     * read of rows it locked ({@link #onLockedRows}) first settles it ({@link #settle}): waits for the one before to
     * commit, then checks that nothing it read ahead was changed by what committed since its turn. It settles anyway
     * before its deferred values are written and it commits, so transactions commit in the order they took their
     * turns.
     */
    interface Speculation {
        /** The value the transaction before left for {@code key}, or null if it set none. */
        Object valueBefore(Deferred<?> key);

        /**
         * Waits for the transaction before to end.
         *
         * @return the changes committed since this one's turn began, oldest first; null if no longer all known
         * @throws SpeculationFailed if it did not commit, or did not end in time
         */
        List<Changes> awaitBefore();
    }

    private record HeldRows(String table, String insertInto, List<Object[]> rows) {
        HeldRows copy() {
            return new HeldRows(table, insertInto, new ArrayList<>(rows));
        }
    }

    private WriteTransaction(Connection connection) {
        this.connection = connection;
    }

    /**
     * Runs {@code work} as a write transaction on {@code connection}, already begun; a write inside another on the
     * same connection joins it.
     *
     * @param ended told what the transaction changed once its work is done and before it commits; not told when it
     *              fails, nor when it joins another
     */
    static <R> R run(Connection connection, Database.Work<R> work, java.util.function.Consumer<Changes> ended)
            throws SQLException {
        WriteTransaction outer = CURRENT.get();
        if (outer != null && outer.connection == connection) {
            return work.run(connection);
        }
        WriteTransaction transaction = new WriteTransaction(connection);
        CURRENT.set(transaction);
        Throwable failure = null;
        try {
            R result = work.run(connection);
            transaction.insertHeldRows();
            transaction.settle();
            for (Map.Entry<Deferred<?>, Object> value : transaction.deferred.entrySet()) {
                writeDeferred(connection, value.getKey(), value.getValue());
            }
            ended.accept(transaction.changes());
            return result;
        } catch (Throwable e) {
            failure = e;
            throw e;
        } finally {
            CURRENT.set(outer);
            try {
                transaction.end();
            } catch (SQLException e) {
                if (failure == null) {
                    throw e;
                }
                failure.addSuppressed(e);
            }
        }
    }

    /**
     * Waits for the inserter, if the transaction failed before it did (the connection is not given back, to roll
     * back, while another thread still uses it), and closes the statements of both.
     */
    private void end() throws SQLException {
        SQLException failure = null;
        try {
            awaitInserter();
        } catch (SQLException e) {
            failure = e;
        }
        List<PreparedStatement> open = new ArrayList<>(statements.values());
        if (inserter != null) {
            open.addAll(inserter.statements.values());
        }
        for (PreparedStatement statement : open) {
            try {
                statement.close();
            } catch (SQLException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Runs {@code reads} in the write transaction on {@code connection}, as its reads ahead: refuses any write, which
     * on PostgreSQL would come before the transaction's turn among writers ({@link Database#write(Database.Reads,
     * Database.Work)}).
     */
    static void readAheadIn(Connection connection, Database.Reads reads) throws SQLException {
        WriteTransaction transaction = required(connection);
        transaction.readingAhead = true;
        try {
            reads.read(connection);
        } finally {
            transaction.readingAhead = false;
        }
    }

    @SuppressWarnings("unchecked")
    private static <V> void writeDeferred(Connection connection, Deferred<V> key, Object value) throws SQLException {
        key.write(connection, (V) value);
    }

    /** The write transaction running on this connection in this thread, or null (a read, or no transaction). */
    static WriteTransaction on(Connection connection) {
        WriteTransaction current = CURRENT.get();
        return current != null && current.connection == connection ? current : null;
    }

    /**
     * How many statements that change rows ({@link Sql#update}) the transaction on this connection has run: a caller
     * compares two counts to learn whether the work between them wrote anything.
     */
    public static long writes(Connection connection) {
        return required(connection).writes;
    }

    /** After a statement that changed rows: forgets the kept answers read from the table it wrote. */
    void wrote(String sql) {
        writes++;
        String table = writtenTable(sql);
        if (table == null) {
            wroteUnknownTable = true;
        } else {
            writtenTables.add(table);
        }
        forgetAnswersFrom(table);
    }

    /** @return whether it forgot any */
    private boolean forgetAnswersFrom(String table) {
        // Asked at every row held, while the answers kept are all from other tables: a push holds its rows for tables
        // it keeps no answers from.
        if (kept.isEmpty() || table != null && !keptFrom.contains(table)) {
            return false;
        }
        boolean forgot = kept.values().removeIf(answer -> table == null || answer.tables().contains(table));
        if (kept.isEmpty()) {
            keptFrom.clear();
        }
        return forgot;
    }

    /**
     * The table an INSERT, UPDATE or DELETE statement writes, as the server's statements name it; null when not
     * recognised, which forgets every kept answer.
     */
    static String writtenTable(String sql) {
        String statement = sql.stripLeading();
        String verb = writeVerb(statement);
        if (verb == null) {
            return null;
        }
        int end = verb.length();
        while (end < statement.length() && (Character.isLetterOrDigit(statement.charAt(end))
                || statement.charAt(end) == '_')) {
            end++;
        }
        return end == verb.length() ? null : statement.substring(verb.length(), end).toLowerCase(java.util.Locale.ROOT);
    }

    /** The verb {@code statement} (without leading blanks) begins with, if it writes rows; otherwise null. */
    private static String writeVerb(String statement) {
        for (String verb : WRITE_VERBS) {
            if (statement.regionMatches(true, 0, verb, 0, verb.length())) {
                return verb;
            }
        }
        return null;
    }

    private static final List<String> WRITE_VERBS = List.of("INSERT INTO ", "UPDATE ", "DELETE FROM ");

    /**
     * The answer of {@code read}, kept by the write transaction on this connection until one of its statements writes
     * to one of {@code tables} (every table {@code read} reads): a push reads the same site and the same open
     * corrective actions for visit after visit, each read a round trip to PostgreSQL and rows to decode. The answer
     * must be immutable, as later callers get the same one. Outside a write transaction, {@code read} runs every time.
     *
     * @param question what is read, with its parameters: equal questions get the kept answer
     */
    @SuppressWarnings("unchecked")
    public static <T> T kept(Connection connection, Set<String> tables, List<Object> question, Database.Work<T> read)
            throws SQLException {
        WriteTransaction transaction = on(connection);
        if (transaction == null) {
            return read.run(connection);
        }
        KeptAnswer answer = transaction.kept.get(question);
        if (answer == null) {
            answer = new KeptAnswer(tables, read.run(connection));
            transaction.kept.put(question, answer);
            transaction.keptFrom.addAll(tables);
        }
        return (T) answer.answer();
    }

    void holdRow(String table, String insertInto, Object[] values) {
        refuseIfReadingAhead();
        held.computeIfAbsent(table, name -> new HeldRows(name, insertInto, new ArrayList<>())).rows().add(values);
        writes++;
        writtenTables.add(table);
        forgetAnswersFrom(table);
    }

    /**
     * Before {@code sql} runs: waits for the rows handed to the inserter, then inserts every held row if it names a
     * table rows are held for (so the transaction reads its own writes) or if it writes (a row it writes may refer to a
     * held one, and foreign keys are checked at once).
     */
    void insertPendingRowsFor(String sql) throws SQLException {
        if (readingAhead && (isWrite(sql) || ROW_LOCK.matcher(sql).find())) {
            refuseIfReadingAhead();
        }
        if (!needsNoSettling) {
            settle();
        }
        awaitInserter();
        if (!held.isEmpty() && (isWrite(sql) || namesHeldTable(sql))) {
            insertHeldRows();
        }
    }

    /**
     * Makes the transaction as if it had taken its turn after the one before it committed: waits for that one, then
     * forgets what the transactions committed since its turn changed. Having forgotten anything, it may already have
     * acted on it, so it fails, to be done again from the start ({@link SpeculationFailed}).
     */
    private void settle() {
        Speculation pending = speculation;
        if (pending == null) {
            return;
        }
        speculation = null;
        if (catchUpForgot(pending.awaitBefore())) {
            throw new SpeculationFailed("a write that committed just before changed what this one had read");
        }
    }

    /**
     * Lets the transaction on this connection go on beside the one before it, not yet committed: see
     * {@link Speculation}.
     */
    static void speculate(Connection connection, Speculation speculation) {
        required(connection).speculation = speculation;
    }

    /**
     * The value the transaction before this one left for {@code key}, while this one still runs beside it
     * ({@link Speculation}); otherwise null. A transaction may go on from it, as long as its deferred write checks
     * that the row still holds it: the one before may not commit after all, and another server may write meanwhile.
     */
    @SuppressWarnings("unchecked")
    public static <V> V valueBefore(Connection connection, Deferred<V> key) {
        Speculation pending = required(connection).speculation;
        return pending == null ? null : (V) pending.valueBefore(key);
    }

    /** The transaction's deferred values as its work left them, for the transaction after it to go on from. */
    static Map<Deferred<?>, Object> deferredValues(Connection connection) {
        return java.util.Collections.unmodifiableMap(new HashMap<>(required(connection).deferred));
    }

    /**
     * Runs {@code work}, which reads only rows it has locked, without settling the transaction first
     * ({@link Speculation}): a row locked has no other writer, so it reads as committed even while the transaction
     * before still runs.
     */
    public static <T> T onLockedRows(Connection connection, Database.Work<T> work) throws SQLException {
        WriteTransaction transaction = on(connection);
        return transaction == null ? work.run(connection) : transaction.withoutSettling(work);
    }

    private <T> T withoutSettling(Database.Work<T> work) throws SQLException {
        if (needsNoSettling) {
            return work.run(connection);
        }
        needsNoSettling = true;
        try {
            return work.run(connection);
        } finally {
            needsNoSettling = false;
        }
    }

    private void refuseIfReadingAhead() {
        if (readingAhead) {
            throw new IllegalStateException("a write's reads ahead must not write nor lock rows: they may run before"
                    + " its turn, beside the writer whose turn it is");
        }
    }

    /** A query that locks the rows it reads, as PostgreSQL writes it. */
    private static final java.util.regex.Pattern ROW_LOCK = java.util.regex.Pattern.compile(
            "\\bFOR\\s+(NO\\s+KEY\\s+UPDATE|UPDATE|KEY\\s+SHARE|SHARE)\\b", java.util.regex.Pattern.CASE_INSENSITIVE);

    private boolean namesHeldTable(String sql) {
        for (String table : held.keySet()) {
            if (sql.contains(table)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isWrite(String sql) {
        return writeVerb(sql.stripLeading()) != null;
    }

    /**
     * Table by table, a table's rows after those of the held tables it refers to: rows of several tables are held in
     * turn (a visit, then its photos, then the next visit), so no order of holding would keep every row after the row
     * it refers to. Inserts need not settle the transaction: they read nothing.
     */
    private void insertHeldRows() throws SQLException {
        awaitInserter();
        withoutSettling(c -> {
            insertRows(takeHeldRows());
            return null;
        });
    }

    /**
     * Hands the rows held so far to another thread, which inserts them while this transaction's thread goes on: a push
     * writer waited for PostgreSQL to insert each group's rows before it worked out the next group. The next statement
     * of the transaction first waits for them, so it reads its own writes, and a failure to insert them fails it; a
     * savepoint waits for them too, so they are never undone by rolling back to one set after; the transaction ends
     * only after them.
     */
    public static void insertHeldRowsMeanwhile(Connection connection) {
        WriteTransaction transaction = required(connection);
        if (transaction.held.isEmpty()) {
            return;
        }
        List<HeldRows> due = transaction.takeHeldRows();
        if (transaction.inserter == null) {
            transaction.inserter = new WriteTransaction(connection);
        }
        WriteTransaction inserter = transaction.inserter;
        // In order: rows handed over later may refer to these. After a failure, none; the failure is kept.
        CompletableFuture<Void> before = transaction.inserting == null ? CompletableFuture.completedFuture(null)
                : transaction.inserting;
        transaction.inserting = before.thenRunAsync(() -> inserter.insertOnThisThread(due), INSERTER);
    }

    private void insertOnThisThread(List<HeldRows> due) {
        CURRENT.set(this);
        try {
            insertRows(due);
        } catch (SQLException e) {
            throw new CompletionException(e);
        } finally {
            CURRENT.remove();
        }
    }

    /** Waits for the rows handed to the inserter; rethrows its failure, and again at every later call. */
    private void awaitInserter() throws SQLException {
        if (inserting == null) {
            return;
        }
        try {
            inserting.join();
            inserting = null;
        } catch (CompletionException e) {
            if (e.getCause() instanceof SQLException failure) {
                throw new SQLException(failure.getMessage(), failure.getSQLState(), failure.getErrorCode(), failure);
            }
            throw e.getCause() instanceof RuntimeException failure ? failure : e;
        }
    }

    /**
     * Threads that insert held rows for a transaction ({@link #insertHeldRowsMeanwhile}); one task at a time per
     * transaction. Not one thread for all: an insert waiting on a row lock of another transaction of this process
     * would then hold up that transaction's own inserts.
     */
    private static final java.util.concurrent.ExecutorService INSERTER = java.util.concurrent.Executors
            .newCachedThreadPool(task -> {
                Thread thread = new Thread(task, "held-row-inserter");
                thread.setDaemon(true);
                return thread;
            });

    /** The rows held so far, table by table; the transaction then holds none. */
    private List<HeldRows> takeHeldRows() {
        List<HeldRows> due = new ArrayList<>(held.values());
        held = new LinkedHashMap<>();
        return due;
    }

    private void insertRows(List<HeldRows> due) throws SQLException {
        // Taken before: the inserts below are statements that write, and would insert them again. They are not counted
        // as writes either: each row was counted when it was held.
        long counted = writes;
        List<Sql.TableRows> ordered = new ArrayList<>(due.size());
        while (!due.isEmpty()) {
            // A cycle of references, which no schema of ours has, would leave no table free: then the first held.
            HeldRows next = due.get(0);
            for (HeldRows rows : due) {
                if (referencesNoneOf(rows.table(), due)) {
                    next = rows;
                    break;
                }
            }
            due.remove(next);
            ordered.add(new Sql.TableRows(next.insertInto(), next.rows()));
        }
        Sql.insertRows(connection, ordered);
        writes = counted;
    }

    private boolean referencesNoneOf(String table, List<HeldRows> others) throws SQLException {
        Set<String> referenced = referencedTables(connection, table);
        for (HeldRows other : others) {
            if (!other.table().equals(table) && referenced.contains(other.table())) {
                return false;
            }
        }
        return true;
    }

    /**
     * The tables each table's foreign keys refer to, as the database reports them. Kept for the life of the server:
     * every database it opens has the schema of its migrations.
     */
    private static final Map<String, Set<String>> REFERENCED = new java.util.concurrent.ConcurrentHashMap<>();

    private static Set<String> referencedTables(Connection connection, String table) throws SQLException {
        Set<String> referenced = REFERENCED.get(table);
        if (referenced == null) {
            Set<String> read = new java.util.HashSet<>();
            try (java.sql.ResultSet keys = connection.getMetaData().getImportedKeys(null, null, table)) {
                while (keys.next()) {
                    read.add(keys.getString("PKTABLE_NAME").toLowerCase(java.util.Locale.ROOT));
                }
            }
            referenced = Set.copyOf(read);
            REFERENCED.put(table, referenced);
        }
        return referenced;
    }

    /**
     * A map kept for the rest of the write transaction on this connection, empty at first and emptied when a savepoint
     * rolls back; outside a write transaction, a new empty one every call. What it holds is the owner's to keep true:
     * see {@link KnownRows}.
     *
     * @param owner whose map it is: each owner gets its own
     */
    @SuppressWarnings("unchecked")
    static <K, V> Map<K, V> local(Connection connection, Object owner) {
        WriteTransaction transaction = on(connection);
        if (transaction == null) {
            return new HashMap<>();
        }
        return (Map<K, V>) transaction.locals.computeIfAbsent(owner, key -> new HashMap<>());
    }

    /**
     * The {@link #local} map of {@code owner}, after the owner wrote the row of {@code key}: what the transaction
     * committed is then known to have changed that key ({@link Changes}).
     */
    static <K, V> Map<K, V> localWritten(Connection connection, Object owner, K key) {
        WriteTransaction transaction = on(connection);
        if (transaction != null) {
            transaction.writtenKeys.computeIfAbsent(owner, o -> new java.util.HashSet<>()).add(key);
        }
        return local(connection, owner);
    }

    /**
     * What a write transaction changed: the keys the owners of {@link #local} maps said they wrote, and the tables it
     * wrote. Another transaction that read before this one committed forgets, by these, what it may have read stale
     * ({@link #catchUp}). Over-approximates at worst: keys and tables written and then rolled back to a savepoint stay.
     *
     * @param everything whether to forget everything instead: a write to a table not recognised, or an outcome unknown
     */
    record Changes(Map<Object, Set<Object>> keys, Set<String> tables, boolean everything) {
        static final Changes EVERYTHING = new Changes(Map.of(), Set.of(), true);
    }

    /** Taken once its work is done: the sets are not written again, so they are handed over rather than copied. */
    private Changes changes() {
        return new Changes(java.util.Collections.unmodifiableMap(writtenKeys),
                java.util.Collections.unmodifiableSet(writtenTables), wroteUnknownTable);
    }

    /**
     * What the transaction on this connection has changed so far, copied: its thread goes on writing to its own sets.
     * The keys are all there once its work is done; its deferred values may still write tables.
     */
    static Changes changesSoFar(Connection connection) {
        WriteTransaction transaction = required(connection);
        Map<Object, Set<Object>> keys = new HashMap<>();
        transaction.writtenKeys.forEach((owner, written) -> keys.put(owner, new java.util.HashSet<>(written)));
        return new Changes(keys, Set.copyOf(transaction.writtenTables), transaction.wroteUnknownTable);
    }

    /** Whether {@link #catchUp} with {@code changes} would forget anything the transaction on this connection knows. */
    static boolean wouldForget(Connection connection, Changes changes) {
        WriteTransaction transaction = required(connection);
        if (changes.everything()) {
            return transaction.knowsAnything();
        }
        for (Map.Entry<Object, Set<Object>> written : changes.keys().entrySet()) {
            Map<?, ?> known = transaction.locals.get(written.getKey());
            if (known != null && written.getValue().stream().anyMatch(known::containsKey)) {
                return true;
            }
        }
        return changes.tables().stream().anyMatch(transaction.keptFrom::contains);
    }

    /**
     * Forgets what this transaction knows that {@code committed} may have changed since it was read: the rows of the
     * keys they wrote, and the kept answers read from the tables they wrote. What it forgets is read again when next
     * asked for, now that they have committed.
     *
     * @param committed the changes of the transactions that committed since this one began reading, oldest first;
     *                  null when they are no longer all known, which forgets everything
     */
    static void catchUp(Connection connection, List<Changes> committed) {
        required(connection).catchUpForgot(committed);
    }

    /** {@link #catchUp}: @return whether it forgot anything */
    private boolean catchUpForgot(List<Changes> committed) {
        boolean forgot = false;
        if (committed == null || committed.stream().anyMatch(Changes::everything)) {
            forgot = knowsAnything();
            forgetAllRead();
        } else {
            for (Changes changes : committed) {
                for (Map.Entry<Object, Set<Object>> written : changes.keys().entrySet()) {
                    Map<?, ?> known = locals.get(written.getKey());
                    forgot |= known != null && known.keySet().removeAll(written.getValue());
                }
                for (String table : changes.tables()) {
                    forgot |= forgetAnswersFrom(table);
                }
            }
        }
        forgotOnCatchUp |= forgot;
        return forgot;
    }

    /**
     * Whether everything the transaction on this connection read before its turn is still known: nothing that
     * committed meanwhile changed it ({@link #catchUp}). Its reads ahead then need not be asked again.
     */
    public static boolean knowsAllItReadAhead(Connection connection) {
        return !required(connection).forgotOnCatchUp;
    }

    /** Whether it keeps any answer or knows any row, from its reads. */
    private boolean knowsAnything() {
        return !kept.isEmpty() || locals.values().stream().anyMatch(known -> !known.isEmpty());
    }

    private void forgetAllRead() {
        kept.clear();
        keptFrom.clear();
        locals.clear();
    }

    /** Whether an answer to {@code question} is kept ({@link #kept}): a read ahead asks only what is not. */
    public static boolean isKept(Connection connection, List<Object> question) {
        WriteTransaction transaction = on(connection);
        return transaction != null && transaction.kept.containsKey(question);
    }

    /** The transaction's value for {@code key}, or null when it has set none yet. */
    @SuppressWarnings("unchecked")
    public static <V> V get(Connection connection, Deferred<V> key) {
        return (V) required(connection).deferred.get(key);
    }

    /** Sets the value that {@code key} writes before commit. */
    public static <V> void set(Connection connection, Deferred<V> key, V value) {
        WriteTransaction transaction = required(connection);
        transaction.refuseIfReadingAhead();
        transaction.deferred.put(key, value);
    }

    private static WriteTransaction required(Connection connection) {
        WriteTransaction transaction = on(connection);
        if (transaction == null) {
            throw new IllegalStateException("not inside Database.write on this connection");
        }
        return transaction;
    }

    /**
     * A savepoint that also keeps the transaction's deferred values: rolling back to it undoes both the rows and the
     * values set since, so an in-memory value never runs ahead of the rows it stands for.
     */
    public static Savepoint savepoint(Connection connection) throws SQLException {
        WriteTransaction transaction = required(connection);
        // A statement, though not one of Sql's: it settles the transaction like any other.
        transaction.settle();
        transaction.awaitInserter();
        return transaction.new Savepoint(connection.setSavepoint(), new LinkedHashMap<>(transaction.deferred),
                copy(transaction.held));
    }

    private static Map<String, HeldRows> copy(Map<String, HeldRows> held) {
        Map<String, HeldRows> copy = new LinkedHashMap<>();
        held.forEach((table, rows) -> copy.put(table, rows.copy()));
        return copy;
    }

    /**
     * Rolling back to it also brings back the rows held at the time: any of them inserted since were undone by the
     * rollback, and rows held since are dropped with the rest of what came after it.
     */
    public final class Savepoint {
        private final java.sql.Savepoint savepoint;
        private final Map<Deferred<?>, Object> values;
        private final Map<String, HeldRows> heldRows;

        private Savepoint(java.sql.Savepoint savepoint, Map<Deferred<?>, Object> values,
                          Map<String, HeldRows> heldRows) {
            this.savepoint = savepoint;
            this.values = values;
            this.heldRows = heldRows;
        }

        public void rollback() throws SQLException {
            awaitInserter();
            connection.rollback(savepoint);
            deferred = new LinkedHashMap<>(values);
            held = copy(heldRows);
            // An answer kept since may show rows the rollback just undid.
            forgetAllRead();
        }

        public void release() throws SQLException {
            awaitInserter();
            connection.releaseSavepoint(savepoint);
        }
    }
}

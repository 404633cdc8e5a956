package org.fieldledger.server.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Plain JDBC in a few lines. Repositories write their SQL out in full: the same statements must run on SQLite and on
 * PostgreSQL, and a query generator targeting one dialect (ANSI paging, for one) breaks the other.
 */
public final class Sql {
    private Sql() {
    }

    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    public static int update(Connection connection, String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = prepare(connection, sql, parameters);
        try {
            int changed = statement.executeUpdate();
            WriteTransaction transaction = WriteTransaction.on(connection);
            if (transaction != null) {
                transaction.wrote(sql);
            }
            return changed;
        } finally {
            release(connection, statement);
        }
    }

    /**
     * Runs {@code sql} once for each row of parameters, as one JDBC batch: PostgreSQL gets them all in one exchange,
     * where a statement at a time cost a round trip each.
     *
     * @return how many rows each run changed
     */
    public static int[] updateEach(Connection connection, String sql, List<Object[]> parameterRows)
            throws SQLException {
        PreparedStatement statement = prepare(connection, sql);
        try {
            for (Object[] parameters : parameterRows) {
                bind(statement, parameters);
                statement.addBatch();
            }
            int[] changed = statement.executeBatch();
            WriteTransaction transaction = WriteTransaction.on(connection);
            if (transaction != null) {
                transaction.wrote(sql);
            }
            return changed;
        } catch (SQLException e) {
            // The transaction keeps its statements: the next batch must not carry this one's runs.
            try {
                statement.clearBatch();
            } catch (SQLException alsoFailed) {
                e.addSuppressed(alsoFailed);
            }
            throw e;
        } finally {
            release(connection, statement);
        }
    }

    public static <T> List<T> query(Connection connection, String sql, RowMapper<T> mapper, Object... parameters)
            throws SQLException {
        PreparedStatement statement = prepare(connection, sql, parameters);
        try (ResultSet rows = statement.executeQuery()) {
            List<T> results = new ArrayList<>();
            while (rows.next()) {
                results.add(mapper.map(rows));
            }
            return results;
        } finally {
            release(connection, statement);
        }
    }

    /** Closes a statement unless the current write transaction keeps it. */
    private static void release(Connection connection, PreparedStatement statement) throws SQLException {
        if (WriteTransaction.on(connection) == null) {
            statement.close();
        }
    }

    /**
     * A query whose {@code IN (%s)} is a list of {@code values}; the rows, in no particular order. On SQLite the list
     * is sent in slices of parameters, so that no statement exceeds SQLite's limit on them.
     *
     * <p>On PostgreSQL it is one array parameter, {@code = ANY (?)}, whatever the number of values: one round trip
     * where slices took one each. PostgreSQL plans a statement prepared with an array parameter for an array of ten,
     * so it reads the index; with the keys written out it costs each as a random page read, and for a list of
     * hundreds it read the whole table (16 ms for 1,500 photo hashes where the index took 5). The array is sent as an
     * untyped literal, so that PostgreSQL gives it the column's own type: a {@code varchar[]} compared with a
     * {@code CHAR(64)} column would make it convert the column, and lose the index.
     */
    public static <T> List<T> queryIn(Connection connection, String sqlWithIn, RowMapper<T> mapper,
                                      java.util.Collection<?> values) throws SQLException {
        if (isPostgresql(connection)) {
            return query(connection, sqlWithIn.replace("IN (%s)", "= ANY (?)"), mapper,
                    new Untyped(arrayLiteral(values)));
        }
        List<T> results = new ArrayList<>();
        List<?> all = new ArrayList<>(values);
        for (int from = 0; from < all.size(); from += IN_SLICE) {
            List<?> slice = all.subList(from, Math.min(all.size(), from + IN_SLICE));
            results.addAll(query(connection, String.format(sqlWithIn, String.join(", ",
                    java.util.Collections.nCopies(slice.size(), "?"))), mapper, slice.toArray()));
        }
        return results;
    }

    /**
     * Inserts a row into {@code table} ({@code columns} is its column list, as in {@code "(a, b)"}) when the current
     * write transaction ends, in one multi-row statement with the other rows it holds for the table: rows a
     * transaction appends by the hundred (ledger entries, mutation outcomes) then cost a round trip to PostgreSQL per
     * fifty instead of one each. Any statement of the transaction that names the table first inserts the rows held for
     * it, so the transaction still reads its own writes. Outside a write transaction the row is inserted at once.
     */
    public static void insertLater(Connection connection, String table, String columns, Object... values)
            throws SQLException {
        WriteTransaction transaction = WriteTransaction.on(connection);
        String insertInto = "INSERT INTO " + table + " " + columns;
        if (transaction == null) {
            insertRows(connection, List.of(new TableRows(insertInto, List.<Object[]>of(values))));
        } else {
            transaction.holdRow(table, insertInto, values);
        }
    }

    /**
     * Rows for one table: {@code insertInto} is the statement up to its column list, as in
     * {@code "INSERT INTO t (a, b)"}, and every row holds a value per column.
     */
    public record TableRows(String insertInto, List<Object[]> rows) {
    }

    /**
     * Inserts rows of several tables, table after table in the order given, with one multi-row statement per slice of
     * a table's rows: one statement instead of one per row, which is a round trip fewer per row on PostgreSQL and a
     * statement step fewer on SQLite. On PostgreSQL the statements go as one, which the driver sends in one exchange:
     * a push's single writer waited a round trip for each table's statement, and the next group's rows waited for it.
     */
    public static void insertRows(Connection connection, List<TableRows> tables) throws SQLException {
        List<String> statements = new ArrayList<>();
        List<Object[]> parameters = new ArrayList<>();
        for (TableRows table : tables) {
            List<Object[]> rows = table.rows();
            for (int from = 0; from < rows.size(); from += ROWS_PER_INSERT) {
                List<Object[]> slice = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_INSERT));
                String row = "(" + String.join(", ", java.util.Collections.nCopies(slice.get(0).length, "?")) + ")";
                List<Object> values = new ArrayList<>();
                slice.forEach(columns -> values.addAll(java.util.Arrays.asList(columns)));
                statements.add(table.insertInto() + " VALUES " + String.join(", ",
                        java.util.Collections.nCopies(slice.size(), row)));
                parameters.add(values.toArray());
            }
        }
        if (statements.size() > 1 && isPostgresql(connection)) {
            for (int from = 0; from < statements.size(); from += STATEMENTS_PER_EXCHANGE) {
                int to = Math.min(statements.size(), from + STATEMENTS_PER_EXCHANGE);
                List<Object> values = new ArrayList<>();
                parameters.subList(from, to).forEach(slice -> values.addAll(java.util.Arrays.asList(slice)));
                update(connection, String.join(";\n", statements.subList(from, to)), values.toArray());
            }
            return;
        }
        for (int i = 0; i < statements.size(); i++) {
            update(connection, statements.get(i), parameters.get(i));
        }
    }

    /**
     * Statements sent in one exchange at most: a push's group of 50 visits needs six. The driver writes them all before
     * it reads an answer, so a transaction holding thousands of rows sends them in several, never one that could fill
     * both sides' buffers.
     */
    private static final int STATEMENTS_PER_EXCHANGE = 16;

    /** Values per IN list on SQLite: far below its 32,766 parameters; few distinct lengths, few cached statements. */
    private static final int IN_SLICE = 500;
    /** Rows per multi-row insert: far below the parameter limits; few distinct lengths, few cached statements. */
    private static final int ROWS_PER_INSERT = 50;

    public static <T> Optional<T> queryOne(Connection connection, String sql, RowMapper<T> mapper, Object... parameters)
            throws SQLException {
        List<T> results = query(connection, sql, mapper, parameters);
        if (results.size() > 1) {
            throw new SQLException("expected at most one row, got " + results.size() + " from: " + sql);
        }
        return results.isEmpty() ? Optional.empty() : Optional.of(results.get(0));
    }

    /** Escapes a user's text for {@code LIKE ? ESCAPE '\'}, so % and _ in a search mean themselves. */
    public static String containsPattern(String text) {
        return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    private static final String POSTGRESQL = "PostgreSQL";

    private static boolean isPostgresql(Connection connection) throws SQLException {
        return POSTGRESQL.equals(connection.getMetaData().getDatabaseProductName());
    }

    /** A parameter sent without a type, for the database to give it the type its place in the statement asks for. */
    private record Untyped(String text) {
    }

    /** PostgreSQL's text form of an array: every element quoted, its quotes and backslashes escaped. */
    private static String arrayLiteral(java.util.Collection<?> values) {
        StringBuilder literal = new StringBuilder("{");
        for (Object value : values) {
            if (literal.length() > 1) {
                literal.append(',');
            }
            literal.append('"').append(value.toString().replace("\\", "\\\\").replace("\"", "\\\""))
                    .append('"');
        }
        return literal.append('}').toString();
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
            throws SQLException {
        PreparedStatement statement = prepare(connection, sql);
        try {
            bind(statement, parameters);
            return statement;
        } catch (SQLException e) {
            release(connection, statement);
            throw e;
        }
    }

    /** The statement for {@code sql}: the write transaction's own if it has prepared it before, else a new one. */
    private static PreparedStatement prepare(Connection connection, String sql) throws SQLException {
        WriteTransaction transaction = WriteTransaction.on(connection);
        if (transaction == null) {
            return connection.prepareStatement(sql);
        }
        transaction.insertPendingRowsFor(sql);
        PreparedStatement statement = transaction.statements.get(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            transaction.statements.put(sql, statement);
        } else {
            statement.clearParameters();
        }
        return statement;
    }

    private static void bind(PreparedStatement statement, Object[] parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            if (parameters[i] instanceof Untyped untyped) {
                statement.setObject(i + 1, untyped.text(), java.sql.Types.OTHER);
            } else {
                statement.setObject(i + 1, parameters[i]);
            }
        }
    }
}

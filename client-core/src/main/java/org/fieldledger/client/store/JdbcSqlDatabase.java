package org.fieldledger.client.store;

import java.io.File;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@link SqlDatabase} over a JDBC connection: the desktop stand-in and the tests, on the xerial SQLite driver
 * ({@code org.xerial:sqlite-jdbc}, which the application adds to its own classpath).
 */
public final class JdbcSqlDatabase implements SqlDatabase, AutoCloseable {
    private final Connection connection;
    private int transactionDepth;
    private boolean rollbackOnly;

    public JdbcSqlDatabase(Connection connection) {
        this.connection = Objects.requireNonNull(connection, "connection");
    }

    /**
     * Opens (creating if needed) an SQLite file with write-ahead logging and full fsync on commit: a phone that loses
     * power right after "saved" must still have the visit when it restarts.
     */
    public static JdbcSqlDatabase openSqlite(File file) {
        try {
            Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.getPath());
            JdbcSqlDatabase database = new JdbcSqlDatabase(connection);
            database.query("PRAGMA journal_mode=WAL", row -> row.getString("journal_mode"));
            database.execute("PRAGMA synchronous=FULL");
            database.execute("PRAGMA busy_timeout=5000");
            return database;
        } catch (SQLException e) {
            throw new StoreException("cannot open SQLite database " + file, e);
        }
    }

    @Override
    public void execute(String sql) {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new StoreException(sql, e);
        }
    }

    @Override
    public int update(String sql, Object... args) {
        try (PreparedStatement statement = prepare(sql, args)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException(sql, e);
        }
    }

    @Override
    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... args) {
        try (PreparedStatement statement = prepare(sql, args); ResultSet result = statement.executeQuery()) {
            List<T> rows = new ArrayList<>();
            SqlRow row = new ResultSetRow(result);
            while (result.next()) {
                rows.add(mapper.map(row));
            }
            return rows;
        } catch (SQLException e) {
            throw new StoreException(sql, e);
        }
    }

    @Override
    public <T> T runInTransaction(Work<T> work) {
        if (transactionDepth > 0) {
            return joined(work);
        }
        try {
            connection.setAutoCommit(false);
        } catch (SQLException e) {
            throw new StoreException("cannot begin a transaction", e);
        }
        transactionDepth = 1;
        rollbackOnly = false;
        boolean committed = false;
        try {
            T result = work.run();
            if (rollbackOnly) {
                throw new IllegalStateException("an inner transaction failed; the outer work must not swallow that");
            }
            connection.commit();
            committed = true;
            return result;
        } catch (SQLException e) {
            throw new StoreException("cannot commit", e);
        } finally {
            transactionDepth = 0;
            finish(committed);
        }
    }

    private <T> T joined(Work<T> work) {
        transactionDepth++;
        try {
            return work.run();
        } catch (RuntimeException | Error e) {
            rollbackOnly = true;
            throw e;
        } finally {
            transactionDepth--;
        }
    }

    private void finish(boolean committed) {
        try {
            if (!committed) {
                connection.rollback();
            }
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            throw new StoreException("cannot end a transaction", e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StoreException("cannot close the database", e);
        }
    }

    private PreparedStatement prepare(String sql, Object[] args) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    /** A failed SQL operation, unchecked like Android's {@code SQLException}. */
    public static final class StoreException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StoreException(String what, SQLException cause) {
            super(what + ": " + cause.getMessage(), cause);
        }
    }

    private static final class ResultSetRow implements SqlRow {
        private final ResultSet result;

        ResultSetRow(ResultSet result) {
            this.result = result;
        }

        @Override
        public String getString(String column) {
            try {
                return result.getString(column);
            } catch (SQLException e) {
                throw new StoreException("column " + column, e);
            }
        }

        @Override
        public Long getLong(String column) {
            try {
                long value = result.getLong(column);
                return result.wasNull() ? null : value;
            } catch (SQLException e) {
                throw new StoreException("column " + column, e);
            }
        }

        @Override
        public Double getDouble(String column) {
            try {
                double value = result.getDouble(column);
                return result.wasNull() ? null : value;
            } catch (SQLException e) {
                throw new StoreException("column " + column, e);
            }
        }
    }
}

package org.fieldledger.client.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcSqlDatabaseTest {
    @TempDir
    File directory;

    private JdbcSqlDatabase db;

    @BeforeEach
    void open() {
        db = JdbcSqlDatabase.openSqlite(new File(directory, "port.db"));
        db.execute("CREATE TABLE households (id TEXT PRIMARY KEY, resident TEXT, alarms INTEGER, latitude REAL)");
    }

    @AfterEach
    void close() {
        db.close();
    }

    private List<String> residents() {
        return db.query("SELECT resident FROM households ORDER BY id", row -> row.getString("resident"));
    }

    @Test
    void transactionThatThrowsLeavesNothingBehind() {
        assertThatThrownBy(() -> db.runInTransaction(() -> {
            db.update("INSERT INTO households (id, resident) VALUES (?, ?)", "037", "张桂兰");
            throw new IllegalStateException("battery died");
        })).hasMessage("battery died");

        assertThat(residents()).isEmpty();
    }

    @Test
    void innerTransactionJoinsTheOuterOneAndItsFailureCannotBeSwallowed() {
        assertThatThrownBy(() -> db.runInTransaction(() -> {
            db.update("INSERT INTO households (id, resident) VALUES (?, ?)", "037", "张桂兰");
            try {
                db.runInTransaction(() -> {
                    db.update("INSERT INTO households (id, resident) VALUES (?, ?)", "038", "李秀英");
                    throw new IllegalArgumentException("bad answer");
                });
            } catch (IllegalArgumentException swallowed) {
                // the outer work carries on as if nothing happened
            }
            return null;
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("inner transaction failed");

        assertThat(residents()).isEmpty();
        db.update("INSERT INTO households (id, resident) VALUES (?, ?)", "039", "王淑珍");
        assertThat(residents()).containsExactly("王淑珍");
    }

    @Test
    void committedWorkIsThereAfterReopening() {
        db.runInTransaction(() -> db.update("INSERT INTO households (id, resident, alarms, latitude) "
                + "VALUES (?, ?, ?, ?)", "037", "张桂兰", 1, 35.3921));
        db.close();

        db = JdbcSqlDatabase.openSqlite(new File(directory, "port.db"));

        assertThat(db.query("SELECT * FROM households", row -> row.getString("resident") + " "
                + row.getLong("alarms") + " " + row.getDouble("latitude"))).containsExactly("张桂兰 1 35.3921");
    }

    @Test
    void sqlNullReadsAsNull() {
        db.update("INSERT INTO households (id) VALUES (?)", "037");

        db.query("SELECT * FROM households", row -> {
            assertThat(row.getString("resident")).isNull();
            assertThat(row.getLong("alarms")).isNull();
            assertThat(row.getDouble("latitude")).isNull();
            assertThatThrownBy(() -> row.getRequiredLong("alarms")).isInstanceOf(IllegalStateException.class);
            return null;
        });
    }

    @Test
    void badSqlIsAnUncheckedErrorNamingTheStatement() {
        assertThatThrownBy(() -> db.update("INSERT INTO nowhere VALUES (?)", 1))
                .isInstanceOf(JdbcSqlDatabase.StoreException.class).hasMessageContaining("INSERT INTO nowhere");
    }
}

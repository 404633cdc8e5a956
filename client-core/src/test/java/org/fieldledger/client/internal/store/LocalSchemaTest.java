package org.fieldledger.client.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import org.fieldledger.client.store.JdbcSqlDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalSchemaTest {
    @TempDir
    File directory;

    @Test
    void migrationsApplyOnceInOrderAndAreRecorded() {
        File file = new File(directory, "device.db");
        try (JdbcSqlDatabase db = JdbcSqlDatabase.openSqlite(file)) {
            LocalSchema.migrate(db);
            LocalSchema.migrate(db);

            assertThat(db.query("SELECT version, name FROM schema_version ORDER BY version",
                    row -> row.getLong("version") + " " + row.getString("name"))).containsExactly(
                    "1 V001__create_device_state", "2 V002__create_templates", "3 V003__create_sites",
                    "4 V004__create_visits", "5 V005__create_outbox", "6 V006__create_rejected_mutations",
                    "7 V007__create_review_records", "8 V008__create_assignments", "9 V009__create_photos");
        }
        try (JdbcSqlDatabase db = JdbcSqlDatabase.openSqlite(file)) {
            LocalSchema.migrate(db);
            assertThat(LocalSchema.currentVersion(db)).isEqualTo(LocalSchema.latestVersion());
        }
    }

    @Test
    void databaseWrittenByANewerLibraryIsRefusedUntouched() {
        try (JdbcSqlDatabase db = JdbcSqlDatabase.openSqlite(new File(directory, "device.db"))) {
            LocalSchema.migrate(db);
            db.update("INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)", 99,
                    "V099__from_the_future", 0L);

            assertThatThrownBy(() -> LocalSchema.migrate(db)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("schema version 99, newer than this library's 9");
        }
    }

    @Test
    void migrationFilesSplitIntoStatementsAtSemicolonsEndingALine() {
        assertThat(LocalSchema.statements("-- why\nCREATE TABLE a (x TEXT);\n\nCREATE INDEX a_x\n  ON a (x);\n"))
                .containsExactly("CREATE TABLE a (x TEXT)", "CREATE INDEX a_x\n  ON a (x)");
        assertThatThrownBy(() -> LocalSchema.statements("CREATE TABLE a (x TEXT)"))
                .hasMessageStartingWith("migration ends without a semicolon");
    }
}

package org.fieldledger.server.ledger;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.fieldledger.server.storage.Sql;

/**
 * Appends to the hash-chained ledger, inside the caller's transaction: the entry lands exactly when the change it
 * records does.
 *
 * <p>Positions must be committed in the order they are assigned, or a device pulling "after position 41" could miss
 * 41 committing after 42 was read. So every append first increments the single head row: on PostgreSQL that row lock
 * is held until commit, so appends from any number of server instances queue one behind another; on SQLite the
 * transaction already holds the database's write lock. The next append reads the committed head and chains from it.
 */
@Singleton
public class Ledger {
    private final Clock clock;

    Ledger(Clock clock) {
        this.clock = clock;
    }

    /** Appends one entry and returns its position. */
    public long append(Connection connection, LedgerRecord record) throws SQLException {
        // One statement moves and reads the head (RETURNING: PostgreSQL, and SQLite since 3.35).
        Head head = Sql.queryOne(connection, "UPDATE ledger_head SET position = position + 1 WHERE id = 1"
                + " RETURNING position, entry_hash", row -> new Head(row.getLong(1), row.getString(2))).orElseThrow();
        String recordedAt = Instant.now(clock).toString();
        String hash = LedgerEntry.hash(head.hash(), head.position(), record.entityType(), record.entityId(),
                record.action(), record.area(), record.actor(), record.deviceId(), record.mutationId(), recordedAt,
                record.payload());
        Sql.update(connection, "INSERT INTO ledger_entry (position, entity_type, entity_id, action, area, actor,"
                        + " device_id, mutation_id, recorded_at, payload, previous_hash, entry_hash)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", head.position(), record.entityType(),
                record.entityId(), record.action(), record.area(), record.actor(), record.deviceId(),
                record.mutationId(), recordedAt, record.payload(), head.hash(), hash);
        Sql.update(connection, "UPDATE ledger_head SET entry_hash = ? WHERE id = 1", hash);
        return head.position();
    }

    /**
     * The position of the first entry of a record: what a record sent again under a new mutation is answered with,
     * since the record it would create is that one.
     */
    public static long firstPosition(Connection connection, String entityType, String entityId) throws SQLException {
        return Sql.queryOne(connection, "SELECT MIN(position) FROM ledger_entry WHERE entity_type = ?"
                + " AND entity_id = ?", row -> row.getLong(1), entityType, entityId).orElseThrow();
    }

    /** Entries after {@code position}, in order, at most {@code limit}. */
    public static List<LedgerEntry> page(Connection connection, long after, int limit) throws SQLException {
        return Sql.query(connection, "SELECT " + COLUMNS + " FROM ledger_entry WHERE position > ? ORDER BY position"
                + " LIMIT ?", Ledger::entry, after, limit);
    }

    static final String COLUMNS = "position, entity_type, entity_id, action, area, actor, device_id, mutation_id,"
            + " recorded_at, payload, previous_hash, entry_hash";

    static LedgerEntry entry(java.sql.ResultSet row) throws SQLException {
        return new LedgerEntry(row.getLong(1), row.getString(2), row.getString(3), row.getString(4), row.getString(5),
                row.getString(6), row.getString(7), row.getString(8), row.getString(9), row.getString(10),
                row.getString(11), row.getString(12));
    }

    private record Head(long position, String hash) {
    }
}

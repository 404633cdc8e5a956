package org.fieldledger.server.ledger;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.fieldledger.model.sync.UtcInstants;
import org.fieldledger.server.storage.SpeculationFailed;
import org.fieldledger.server.storage.Sql;
import org.fieldledger.server.storage.WriteTransaction;

/**
 * Appends to the hash-chained ledger, inside the caller's transaction: the entry lands exactly when the change it
 * records does.
 *
 * <p>Positions must be committed in the order they are assigned, or a device pulling "after position 41" could miss
 * 41 committing after 42 was read. So a transaction's first append locks the single head row by updating it: on
 * PostgreSQL that row lock is held until commit, so the appends of any number of server instances queue one
 * transaction behind another; on SQLite the transaction already holds the database's write lock. The transaction's
 * later appends chain from the head it keeps in memory, and the head row is written once, as the last entry left it,
 * just before commit ({@link WriteTransaction.Deferred}): two statements fewer per entry. Entries themselves are
 * inserted many to a statement ({@link Sql#insertLater}). On PostgreSQL a transaction may take its turn while the one
 * before it still commits: it then goes on from the head that one left in memory, and locks the row only to write it,
 * once that one has committed ({@link WriteTransaction#valueBefore}).
 */
@Singleton
public class Ledger {
    private final Clock clock;

    Ledger(Clock clock) {
        this.clock = clock;
    }

    /**
     * The last entry a transaction appended, written to the head row before it commits. A head gone on from the one
     * the transaction before left is written only where the row still holds that one: if not, that transaction did
     * not commit, or another server appended since, and this one's entries would break the chain.
     */
    private static final WriteTransaction.Deferred<Head> HEAD = (connection, head) -> {
        if (head.wentOnFrom() != null) {
            long position = lockHeadWithoutWaiting(connection);
            if (position != head.wentOnFrom()) {
                throw new SpeculationFailed("the ledger head moved from position " + head.wentOnFrom() + " to "
                        + position + " under this write's entries");
            }
        }
        Sql.update(connection, "UPDATE ledger_head SET position = ?, entry_hash = ? WHERE id = 1", head.position(),
                head.hash());
    };

    /**
     * Locks the head row, for a write that went on from the head the write before it left (PostgreSQL only), and
     * returns its position; gives way at once if another server holds it. That server, having locked the head after
     * the write before committed, inserts its entries at the positions this write's entries hold, and so waits for
     * this write to end: waiting for its lock in turn would leave both waiting until PostgreSQL broke the circle.
     */
    private static long lockHeadWithoutWaiting(Connection connection) throws SQLException {
        try {
            return Sql.queryOne(connection, "SELECT position FROM ledger_head WHERE id = 1 FOR UPDATE NOWAIT",
                    row -> row.getLong(1)).orElseThrow();
        } catch (SQLException e) {
            if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                throw new SpeculationFailed("another server is appending to the ledger");
            }
            throw e;
        }
    }

    private static final String LOCK_NOT_AVAILABLE = "55P03";

    /** Appends one entry and returns its position; only inside {@code Database.write}. */
    public long append(Connection connection, LedgerRecord record) throws SQLException {
        Head previous = WriteTransaction.get(connection, HEAD);
        if (previous == null) {
            Head left = WriteTransaction.valueBefore(connection, HEAD);
            previous = left == null ? null : new Head(left.position(), left.hash(), left.position());
        }
        if (previous == null) {
            // Locks the row until commit (RETURNING: PostgreSQL, and SQLite since 3.35).
            previous = Sql.queryOne(connection, "UPDATE ledger_head SET position = position WHERE id = 1"
                    + " RETURNING position, entry_hash", row -> new Head(row.getLong(1), row.getString(2), null))
                    .orElseThrow();
        }
        long position = previous.position() + 1;
        String recordedAt = UtcInstants.format(Instant.now(clock));
        String hash = LedgerEntry.hash(previous.hash(), position, record.entityType(), record.entityId(),
                record.action(), record.area(), record.actor(), record.deviceId(), record.mutationId(), recordedAt,
                record.payload());
        Sql.insertLater(connection, "ledger_entry", "(position, entity_type, entity_id, action, area, actor, device_id,"
                        + " mutation_id, recorded_at, payload, previous_hash, entry_hash)", position,
                record.entityType(), record.entityId(), record.action(), record.area(), record.actor(),
                record.deviceId(), record.mutationId(), recordedAt, record.payload(), previous.hash(), hash);
        WriteTransaction.set(connection, HEAD, new Head(position, hash, previous.wentOnFrom()));
        return position;
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

    /** @param wentOnFrom the position the transaction before left, if this one went on from it; else null */
    private record Head(long position, String hash, Long wentOnFrom) {
    }
}

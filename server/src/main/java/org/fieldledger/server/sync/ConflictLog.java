package org.fieldledger.server.sync;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import org.fieldledger.model.sync.Hlc;
import org.fieldledger.server.storage.Sql;

/** Where values that lost a merge go, with both clocks and who wrote the loser; and clocks the server had to clamp. */
@Singleton
public class ConflictLog {
    /** Why an entry was logged. */
    public enum Reason {
        /** A later write (by hybrid logical clock) won the field. */
        OLDER_WRITE,
        /** The device's clock was ahead of the server's by more than the protocol allows, and was clamped. */
        CLOCK_AHEAD
    }

    void record(Connection connection, MutationContext context, String entityType, String entityId,
                FieldMerge.Loss loss) throws SQLException {
        insert(connection, context, entityType, entityId, loss.field(), loss.kept().value(), loss.kept().clock(),
                loss.lost().value(), loss.lost().clock(), Reason.OLDER_WRITE);
    }

    void clockClamped(Connection connection, MutationContext context, Hlc sent, Hlc used) throws SQLException {
        insert(connection, context, "MUTATION", context.mutationId(), "hlc", used.toString(), used, sent.toString(), sent,
                Reason.CLOCK_AHEAD);
    }

    private static void insert(Connection connection, MutationContext context, String entityType, String entityId,
                               String field, String keptValue, Hlc keptClock, String lostValue, Hlc lostClock,
                               Reason reason) throws SQLException {
        Sql.update(connection, "INSERT INTO conflict_log (id, entity_type, entity_id, field, kept_value, kept_clock,"
                        + " lost_value, lost_clock, lost_device, lost_user, reason, logged_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", UUID.randomUUID().toString(), entityType,
                entityId, field, keptValue, keptClock.toString(), lostValue, lostClock.toString(),
                // A device stamps its clock with its own id, so the losing clock names the device that wrote it.
                lostClock.node(), lostClock.node().equals(context.deviceId()) ? context.caller().userId() : null,
                reason.name(), context.receivedAt().toString());
    }
}

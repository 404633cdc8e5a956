package org.fieldledger.server.sync;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import java.util.ArrayList;
import java.util.List;
import org.fieldledger.model.Role;
import org.fieldledger.server.auth.Caller;
import org.fieldledger.server.storage.Database;
import org.fieldledger.server.storage.Sql;
import org.fieldledger.server.web.ItemList;

/** The conflict log, for supervisors: every value that lost a merge, and every device clock that was clamped. */
@Controller("/api/v1/conflicts")
class ConflictController {
    private final Database database;

    ConflictController(Database database) {
        this.database = database;
    }

    /** One logged conflict. */
    record Conflict(String entityType, String entityId, String field, String keptValue, String keptClock,
                    String lostValue, String lostClock, String lostDevice, String lostUser, String reason,
                    String loggedAt) {
    }

    @Get("{?entityType,entityId}")
    ItemList<Conflict> list(Caller caller, @Nullable @QueryValue String entityType,
                            @Nullable @QueryValue String entityId) {
        caller.requireRole(Role.SUPERVISOR, Role.ADMIN);
        StringBuilder sql = new StringBuilder("SELECT entity_type, entity_id, field, kept_value, kept_clock, lost_value,"
                + " lost_clock, lost_device, lost_user, reason, logged_at FROM conflict_log WHERE 1 = 1");
        List<Object> parameters = new ArrayList<>();
        if (entityType != null) {
            sql.append(" AND entity_type = ?");
            parameters.add(entityType);
        }
        if (entityId != null) {
            sql.append(" AND entity_id = ?");
            parameters.add(entityId);
        }
        sql.append(" ORDER BY logged_at, id");
        return ItemList.of(database.read(connection -> Sql.query(connection, sql.toString(), row -> new Conflict(
                row.getString(1), row.getString(2), row.getString(3), row.getString(4), row.getString(5),
                row.getString(6), row.getString(7), row.getString(8), row.getString(9), row.getString(10),
                row.getString(11)), parameters.toArray())));
    }
}

package org.fieldledger.server.visit;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fieldledger.model.sync.ChangeKind;
import org.fieldledger.model.sync.WireJson;
import org.fieldledger.model.visit.Visit;
import org.fieldledger.server.storage.Sql;
import org.fieldledger.server.storage.WriteTransaction;

/**
 * The open records a visit may settle, in a table of records raised against a site's checklist (corrective actions,
 * assignments), each stored with its state as a change's data. Within a write transaction they are read once per site
 * and checklist, and for a whole push in one query ({@link #readAhead}).
 *
 * @param <T> the record, as its {@link ChangeKind} reads it
 */
final class OpenRecords<T> {
    private final String table;
    private final ChangeKind kind;

    OpenRecords(String table, ChangeKind kind) {
        this.table = table;
        this.kind = kind;
    }

    /** The open records of the visit's site and checklist, oldest id first. */
    List<T> of(Connection connection, Visit visit) throws SQLException {
        return WriteTransaction.kept(connection, Set.of(table), question(visit), c -> List.copyOf(Sql.query(c,
                "SELECT state FROM " + table + " WHERE site_id = ? AND template_id = ? AND status = 'OPEN'"
                        + " ORDER BY id", row -> read(row.getString(1)), visit.site().value(),
                visit.template().id().value())));
    }

    /**
     * Reads the open records of all these visits' sites, those not kept already, in one query, for {@link #of} to
     * answer from memory: a push asks for every visit, and in the middle of one a query waits for the rows being
     * inserted meanwhile ({@link WriteTransaction#insertHeldRowsMeanwhile}).
     */
    void readAhead(Connection connection, Collection<Visit> visits) throws SQLException {
        Set<String> sites = new LinkedHashSet<>();
        List<Visit> unknown = new ArrayList<>();
        for (Visit visit : visits) {
            if (!WriteTransaction.isKept(connection, question(visit))) {
                sites.add(visit.site().value());
                unknown.add(visit);
            }
        }
        if (sites.isEmpty()) {
            return;
        }
        Map<List<Object>, List<T>> open = new HashMap<>();
        Sql.queryIn(connection, "SELECT site_id, template_id, state FROM " + table + " WHERE status = 'OPEN'"
                + " AND site_id IN (%s) ORDER BY id", row -> open.computeIfAbsent(List.of(table, row.getString(1),
                row.getString(2)), key -> new ArrayList<>()).add(read(row.getString(3))), sites);
        for (Visit visit : unknown) {
            List<T> records = List.copyOf(open.getOrDefault(question(visit), List.of()));
            WriteTransaction.kept(connection, Set.of(table), question(visit), c -> records);
        }
    }

    private List<Object> question(Visit visit) {
        return List.of(table, visit.site().value(), visit.template().id().value());
    }

    @SuppressWarnings("unchecked")
    private T read(String state) {
        return (T) WireJson.readChangeData(kind, state);
    }
}

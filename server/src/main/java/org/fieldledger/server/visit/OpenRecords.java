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
import org.fieldledger.server.storage.KnownRows;
import org.fieldledger.server.storage.Sql;
import org.fieldledger.server.storage.WriteTransaction;

/**
 * The open records a visit may settle, in a table of records raised against a site's checklist (corrective actions,
 * assignments), each stored with its state as a change's data. Within a write transaction they are read once per site
 * and checklist, and for a whole push in one query ({@link #readAhead}), and known by site and checklist
 * ({@link KnownRows}): whoever writes the table says which site and checklist it wrote ({@link #wrote}), so that a
 * transaction that read ahead beside the one that wrote forgets only those.
 *
 * @param <T> the record, as its {@link ChangeKind} reads it
 */
final class OpenRecords<T> {
    private final ChangeKind kind;
    /** The open records of a site and checklist, oldest id first, by [site id, checklist id]. */
    private final KnownRows<List<String>, List<T>> open;

    OpenRecords(String table, ChangeKind kind) {
        this.kind = kind;
        this.open = new KnownRows<>(List.of(), (connection, keys) -> read(connection, table, keys));
    }

    /** The open records of the visit's site and checklist, oldest id first. */
    List<T> of(Connection connection, Visit visit) throws SQLException {
        return open.get(connection, key(visit.site().value(), visit.template().id().value()));
    }

    /**
     * Reads the open records of all these visits' sites, those not known already, in one query, for {@link #of} to
     * answer from memory: a push asks for every visit, and in the middle of one a query waits for the rows being
     * inserted meanwhile ({@link WriteTransaction#insertHeldRowsMeanwhile}).
     */
    void readAhead(Connection connection, Collection<Visit> visits) throws SQLException {
        Set<List<String>> keys = new LinkedHashSet<>();
        for (Visit visit : visits) {
            keys.add(key(visit.site().value(), visit.template().id().value()));
        }
        open.get(connection, keys);
    }

    /** After a write to the table of a record of this site and checklist. */
    void wrote(Connection connection, String siteId, String templateId) {
        open.forget(connection, key(siteId, templateId));
    }

    private Map<List<String>, List<T>> read(Connection connection, String table, Collection<List<String>> keys)
            throws SQLException {
        Set<String> sites = new LinkedHashSet<>();
        keys.forEach(key -> sites.add(key.get(0)));
        Map<List<String>, List<T>> records = new HashMap<>();
        Sql.queryIn(connection, "SELECT site_id, template_id, state FROM " + table + " WHERE status = 'OPEN'"
                + " AND site_id IN (%s) ORDER BY id", row -> records.computeIfAbsent(key(row.getString(1),
                row.getString(2)), key -> new ArrayList<>()).add(read(row.getString(3))), sites);
        records.replaceAll((key, list) -> List.copyOf(list));
        return records;
    }

    private static List<String> key(String siteId, String templateId) {
        return List.of(siteId, templateId);
    }

    @SuppressWarnings("unchecked")
    private T read(String state) {
        return (T) WireJson.readChangeData(kind, state);
    }
}

package org.fieldledger.server.visit;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fieldledger.model.sync.ChangeKind;
import org.fieldledger.model.sync.UtcInstants;
import org.fieldledger.model.sync.VisitState;
import org.fieldledger.model.sync.WireJson;
import org.fieldledger.model.visit.VisitId;
import org.fieldledger.server.storage.Database;
import org.fieldledger.server.storage.KnownRows;
import org.fieldledger.server.storage.Sql;

/** Submitted visits, each stored with its area (for scoping) and the hash of what the device sent. */
@Singleton
public class VisitRepository {
    private final Database database;
    /** Every write to the visit table is in this class, which tells {@link #known} what it wrote. */
    private final KnownRows<VisitId, Optional<StoredVisit>> known = new KnownRows<>(Optional.empty(),
            (connection, ids) -> {
                Map<VisitId, Optional<StoredVisit>> found = new HashMap<>();
                for (Map.Entry<VisitId, StoredVisit> visit : Sql.queryIn(connection, "SELECT " + STORED
                        + ", v.id " + FROM + " WHERE v.id IN (%s)", row -> Map.entry(new VisitId(row.getString(4)),
                        stored(row)), ids.stream().map(VisitId::value).toList())) {
                    found.put(visit.getKey(), Optional.of(visit.getValue()));
                }
                return found;
            });

    /** The columns {@link #stored} reads, first in a query {@link #FROM} these tables. */
    private static final String STORED = "e.payload, v.area, v.content_sha256";
    /** A visit's state is the payload of the ledger entry that made it: its SUBMITTED entry, or its SUPERSEDED one. */
    private static final String FROM = "FROM visit v JOIN ledger_entry e ON e.position = v.state_position";

    private static StoredVisit stored(java.sql.ResultSet row) throws SQLException {
        return new StoredVisit((VisitState) WireJson.readChangeData(ChangeKind.VISIT, row.getString(1)),
                row.getString(2), row.getString(3));
    }

    VisitRepository(Database database) {
        this.database = database;
    }

    /** A stored visit: its state as served, its area, and the hash of the submission it came from. */
    public record StoredVisit(VisitState state, String area, String submissionSha256) {
    }

    public Optional<StoredVisit> find(Connection connection, VisitId id) throws SQLException {
        return known.get(connection, id);
    }

    /** Reads ahead, in one query, the visits of {@code ids} that {@link #find} will be asked for in this transaction. */
    void readAhead(Connection connection, Collection<VisitId> ids) throws SQLException {
        known.get(connection, ids);
    }

    public Optional<StoredVisit> find(VisitId id) {
        return database.read(connection -> find(connection, id));
    }

    /** Visits of a site, newest submission first. */
    public List<StoredVisit> ofSite(String siteId) {
        return database.read(connection -> Sql.query(connection, "SELECT " + STORED + " " + FROM
                + " WHERE v.site_id = ? ORDER BY v.submitted_at DESC, v.id", VisitRepository::stored, siteId));
    }

    /** @param statePosition the ledger entry whose payload is {@code state}: the visit's SUBMITTED entry */
    void insert(Connection connection, VisitState state, String area, String submissionSha256, long statePosition)
            throws SQLException {
        var visit = state.visit();
        Sql.insertLater(connection, "visit", "(id, revision_of, site_id, area, template_id, template_version,"
                        + " inspector_id, device_id, submitted_at, received_at, passed, superseded_by, content_sha256,"
                        + " state_position)", visit.id().value(),
                visit.revisionOf() == null ? null : visit.revisionOf().value(), visit.site().value(), area,
                visit.template().id().value(), visit.template().version(), visit.inspector(), visit.deviceId(),
                UtcInstants.format(visit.submittedAt()), UtcInstants.format(state.receivedAt()), state.outcome().passed(), null,
                submissionSha256, statePosition);
        known.put(connection, visit.id(), Optional.of(new StoredVisit(state, area, submissionSha256)));
    }

    /** @param statePosition the visit's SUPERSEDED ledger entry, whose payload is its state from now on */
    void markSuperseded(Connection connection, VisitId visit, VisitId by, long statePosition) throws SQLException {
        Sql.update(connection, "UPDATE visit SET superseded_by = ?, state_position = ? WHERE id = ?", by.value(),
                statePosition, visit.value());
        known.forget(connection, visit);
    }
}

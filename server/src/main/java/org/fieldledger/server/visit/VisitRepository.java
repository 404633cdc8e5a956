package org.fieldledger.server.visit;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.fieldledger.model.sync.ChangeKind;
import org.fieldledger.model.sync.VisitState;
import org.fieldledger.model.sync.WireJson;
import org.fieldledger.model.visit.VisitId;
import org.fieldledger.server.storage.Database;
import org.fieldledger.server.storage.Sql;

/** Submitted visits, each stored with its area (for scoping) and the hash of what the device sent. */
@Singleton
public class VisitRepository {
    private final Database database;

    VisitRepository(Database database) {
        this.database = database;
    }

    /** A stored visit: its state as served, its area, and the hash of the submission it came from. */
    public record StoredVisit(VisitState state, String area, String submissionSha256) {
    }

    public Optional<StoredVisit> find(Connection connection, VisitId id) throws SQLException {
        return Sql.queryOne(connection, "SELECT state, area, content_sha256 FROM visit WHERE id = ?",
                row -> new StoredVisit((VisitState) WireJson.readChangeData(ChangeKind.VISIT, row.getString(1)),
                        row.getString(2), row.getString(3)), id.value());
    }

    public Optional<StoredVisit> find(VisitId id) {
        return database.read(connection -> find(connection, id));
    }

    /** Visits of a site, newest submission first. */
    public List<StoredVisit> ofSite(String siteId) {
        return database.read(connection -> Sql.query(connection, "SELECT state, area, content_sha256 FROM visit"
                + " WHERE site_id = ? ORDER BY submitted_at DESC, id", row -> new StoredVisit((VisitState)
                WireJson.readChangeData(ChangeKind.VISIT, row.getString(1)), row.getString(2), row.getString(3)),
                siteId));
    }

    void insert(Connection connection, VisitState state, String area, String submissionSha256, String json)
            throws SQLException {
        var visit = state.visit();
        Sql.update(connection, "INSERT INTO visit (id, revision_of, site_id, area, template_id, template_version,"
                        + " inspector_id, device_id, submitted_at, received_at, passed, superseded_by, content_sha256,"
                        + " state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", visit.id().value(),
                visit.revisionOf() == null ? null : visit.revisionOf().value(), visit.site().value(), area,
                visit.template().id().value(), visit.template().version(), visit.inspector(), visit.deviceId(),
                visit.submittedAt().toString(), state.receivedAt().toString(), state.outcome().passed(), null,
                submissionSha256, json);
    }

    void markSuperseded(Connection connection, VisitId visit, VisitId by, String json) throws SQLException {
        Sql.update(connection, "UPDATE visit SET superseded_by = ?, state = ? WHERE id = ?", by.value(), json,
                visit.value());
    }
}

package org.fieldledger.server.evidence;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;
import java.util.List;
import org.fieldledger.model.site.Site;
import org.fieldledger.model.visit.Visit;
import org.fieldledger.model.visit.VisitId;
import org.fieldledger.server.ledger.LedgerRecord;
import org.fieldledger.server.site.SiteRepository;
import org.fieldledger.server.storage.Database;
import org.fieldledger.server.storage.Sql;
import org.fieldledger.server.visit.VisitRepository;

/**
 * Visits stored before photo evidence existed (server migration 8) claim photos the evidence tables do not know: at
 * start, each such visit's photos are recorded as if it had just arrived, so none of them is reported complete, or
 * readable only by nobody, for want of a row. A visit once looked at has a {@code visit_evidence} row and is not looked
 * at again.
 */
@Singleton
final class EvidenceBackfill implements ApplicationEventListener<StartupEvent> {
    private final Database database;
    private final VisitRepository visits;
    private final SiteRepository sites;
    private final PhotoEvidence evidence;
    private final VisitPhotos photos;

    EvidenceBackfill(Database database, VisitRepository visits, SiteRepository sites, PhotoEvidence evidence,
                     VisitPhotos photos) {
        this.database = database;
        this.visits = visits;
        this.sites = sites;
        this.evidence = evidence;
        this.photos = photos;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        List<String> unseen = database.read(connection -> Sql.query(connection, "SELECT v.id FROM visit v"
                + " WHERE NOT EXISTS (SELECT 1 FROM visit_photo p WHERE p.visit_id = v.id)"
                + " AND NOT EXISTS (SELECT 1 FROM visit_evidence e WHERE e.visit_id = v.id)", row -> row.getString(1)));
        PhotoEvidence.Actor system = new PhotoEvidence.Actor(LedgerRecord.SYSTEM, null, null);
        for (String id : unseen) {
            database.write(connection -> {
                Visit visit = visits.find(connection, new VisitId(id)).orElseThrow().state().visit();
                Site site = sites.find(connection, visit.site()).orElseThrow();
                evidence.afterVisit(connection, system, visit, site);
                if (photos.recordedFlags(connection, id) == null) {
                    photos.recordFlags(connection, id, "[]");
                }
                return null;
            });
        }
    }
}

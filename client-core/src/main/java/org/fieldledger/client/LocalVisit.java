package org.fieldledger.client;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.fieldledger.model.visit.CheckOutcome;
import org.fieldledger.model.visit.Visit;
import org.fieldledger.model.visit.VisitId;

/**
 * A visit as this device holds it: a draft, one submitted here, or one pulled from the server.
 *
 * @param rejection why the server refused it, when {@code state} is REJECTED; else null
 * @param outcome the fail rules' verdict once submitted (computed here, confirmed by the server), else null
 * @param inspectorName the inspector's name as the server knows it, for pulled visits; else null
 * @param supersededBy the revision that corrects it, when one exists here or on the server; else null
 * @param photos the photos attached on this device, with their upload state; a submitted visit is SYNCED only once
 *     the server holds every one of them (a refused photo keeps it PENDING, with the reason in its {@link LocalPhoto})
 */
public record LocalVisit(Visit visit, SyncState state, Rejection rejection, CheckOutcome outcome,
                         String inspectorName, VisitId supersededBy, List<LocalPhoto> photos) {
    public LocalVisit {
        photos = photos == null ? Collections.<LocalPhoto>emptyList()
                : Collections.unmodifiableList(new ArrayList<>(photos));
        Objects.requireNonNull(visit, "visit");
        Objects.requireNonNull(state, "sync state");
        if ((state == SyncState.REJECTED) != (rejection != null)) {
            throw new IllegalArgumentException("a visit has a rejection exactly when it is REJECTED");
        }
    }

    public VisitId id() {
        return visit.id();
    }
}

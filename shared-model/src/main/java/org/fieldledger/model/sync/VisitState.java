package org.fieldledger.model.sync;

import java.time.Instant;
import java.util.Objects;
import org.fieldledger.model.visit.CheckOutcome;
import org.fieldledger.model.visit.Visit;
import org.fieldledger.model.visit.VisitId;
import org.fieldledger.model.visit.VisitStatus;

/**
 * A submitted visit as the server holds it.
 *
 * @param inspectorName the inspector's display name, or null where the server has none
 * @param receivedAt when the server applied it (server clock, unlike the visit's own times)
 * @param outcome the fail rules' verdict
 * @param supersededBy the revision that corrects this visit, or null while it is the newest
 */
public record VisitState(Visit visit, String inspectorName, Instant receivedAt, CheckOutcome outcome,
                         VisitId supersededBy) {
    public VisitState {
        Objects.requireNonNull(visit, "visit");
        if (visit.status() != VisitStatus.SUBMITTED) {
            throw new IllegalArgumentException("the server holds submitted visits only; " + visit.id() + " is a draft");
        }
        Objects.requireNonNull(receivedAt, "time received");
        Objects.requireNonNull(outcome, "outcome");
        if (visit.id().equals(supersededBy)) {
            throw new IllegalArgumentException("visit " + visit.id() + " cannot supersede itself");
        }
    }
}

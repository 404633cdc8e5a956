package org.fieldledger.model.review;

import java.time.LocalDate;
import java.util.Objects;
import org.fieldledger.model.internal.Checks;
import org.fieldledger.model.site.SiteId;
import org.fieldledger.model.visit.VisitId;

/**
 * A failed check that must be fixed by a deadline (限时销号) and closed by a follow-up visit that passes it.
 *
 * @param questionId the question whose answer failed
 * @param closedBy the follow-up visit that showed it fixed, present exactly when CLOSED
 */
public record CorrectiveAction(CorrectiveActionId id, VisitId raisedBy, SiteId site, String questionId,
                               String finding, LocalDate dueOn, Status status, VisitId closedBy) {
    public enum Status {
        OPEN,
        CLOSED
    }

    public CorrectiveAction {
        Objects.requireNonNull(id, "corrective action id");
        Objects.requireNonNull(raisedBy, "visit that raised it");
        Objects.requireNonNull(site, "site");
        Checks.nonBlank(questionId, "question id");
        Checks.nonBlank(finding, "finding");
        Objects.requireNonNull(dueOn, "due date");
        Objects.requireNonNull(status, "status");
        if ((status == Status.CLOSED) != (closedBy != null)) {
            throw new IllegalArgumentException("a corrective action names its closing visit exactly when closed");
        }
    }

    /** Overdue actions are the ones a supervisor chases. */
    public boolean isOverdue(LocalDate today) {
        return status == Status.OPEN && today.isAfter(dueOn);
    }
}

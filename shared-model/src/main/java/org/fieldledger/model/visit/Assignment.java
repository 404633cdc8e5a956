package org.fieldledger.model.visit;

import java.time.LocalDate;
import java.util.Objects;
import org.fieldledger.model.internal.Checks;
import org.fieldledger.model.site.SiteId;
import org.fieldledger.model.template.TemplateId;

/**
 * A visit a town office asks for: check this site with this checklist, by this date. It is done by the first visit of
 * that site and checklist submitted after it was assigned.
 *
 * @param template the checklist, whichever version the inspector's device holds
 * @param assignee the user id of the inspector it is for, or null for any inspector of the site's area
 * @param dueOn the date it should be done by, or null for no date
 * @param doneBy the visit that did it, present exactly when DONE
 */
public record Assignment(AssignmentId id, SiteId site, TemplateId template, String assignee, LocalDate dueOn,
                         String note, Status status, VisitId doneBy) {
    public enum Status {
        OPEN,
        DONE,
        CANCELLED
    }

    public Assignment {
        Objects.requireNonNull(id, "assignment id");
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(template, "template");
        assignee = Checks.optionalText(assignee);
        note = Checks.optionalText(note);
        Objects.requireNonNull(status, "status");
        if ((status == Status.DONE) != (doneBy != null)) {
            throw new IllegalArgumentException("an assignment names the visit that did it exactly when done");
        }
    }

    /** Whether a user should see it in their list of work: assigned to them, or to anyone in the area. */
    public boolean isFor(String userId) {
        return assignee == null || assignee.equals(userId);
    }
}

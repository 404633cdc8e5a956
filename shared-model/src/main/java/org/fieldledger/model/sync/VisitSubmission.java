package org.fieldledger.model.sync;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.fieldledger.model.internal.Checks;
import org.fieldledger.model.site.GeoPoint;
import org.fieldledger.model.site.SiteId;
import org.fieldledger.model.template.TemplateRef;
import org.fieldledger.model.visit.AnswerValue;
import org.fieldledger.model.visit.Visit;
import org.fieldledger.model.visit.VisitId;
import org.fieldledger.model.visit.VisitStatus;

/**
 * The payload of {@code SUBMIT_VISIT}: a finished inspection as the device recorded it. The inspector is not part of
 * it: the server takes it from the access token, so a device cannot submit in another user's name.
 *
 * @param revisionOf the submitted visit this one corrects, or null
 * @param location where the device was at submission, or null without a fix
 */
public record VisitSubmission(VisitId id, VisitId revisionOf, SiteId siteId, TemplateRef template, Instant startedAt,
                              Instant submittedAt, GeoPoint location, Map<String, AnswerValue> answers) {
    public VisitSubmission {
        Objects.requireNonNull(id, "visit id");
        if (id.equals(revisionOf)) {
            throw new IllegalArgumentException("visit " + id + " cannot be a revision of itself");
        }
        Objects.requireNonNull(siteId, "site id");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(startedAt, "start time");
        Objects.requireNonNull(submittedAt, "submission time");
        answers = Checks.immutableMap(answers, "answers");
    }

    /** The submission of a submitted visit. */
    public static VisitSubmission of(Visit visit) {
        if (visit.status() != VisitStatus.SUBMITTED) {
            throw new IllegalArgumentException("visit " + visit.id() + " is a draft; only submitted visits are sent");
        }
        return new VisitSubmission(visit.id(), visit.revisionOf(), visit.site(), visit.template(), visit.startedAt(),
                visit.submittedAt(), visit.location(), visit.answers());
    }

    /** The visit as recorded by this inspector on this device. */
    public Visit toVisit(String inspector, String deviceId) {
        return new Visit(id, revisionOf, siteId, template, inspector, deviceId, startedAt, submittedAt, location,
                answers, VisitStatus.SUBMITTED);
    }
}

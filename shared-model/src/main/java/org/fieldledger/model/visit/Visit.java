package org.fieldledger.model.visit;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.fieldledger.model.internal.Checks;
import org.fieldledger.model.site.GeoPoint;
import org.fieldledger.model.site.SiteId;
import org.fieldledger.model.template.TemplateRef;

/**
 * One inspection of one site against one template version.
 *
 * @param revisionOf the submitted visit this one corrects, or null for a first visit; submitted visits are never
 *     edited, so a correction is a new visit that points to the one it replaces
 * @param startedAt,submittedAt device clock readings: evidence of what the device believed, not of true time
 * @param location where the device was when the visit was submitted, or null without a fix
 * @param answers by question id
 */
public record Visit(VisitId id, VisitId revisionOf, SiteId site, TemplateRef template, String inspector,
                    String deviceId, Instant startedAt, Instant submittedAt, GeoPoint location,
                    Map<String, AnswerValue> answers, VisitStatus status) {
    public Visit {
        Objects.requireNonNull(id, "visit id");
        if (id.equals(revisionOf)) {
            throw new IllegalArgumentException("visit " + id + " cannot be a revision of itself");
        }
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(template, "template");
        Checks.nonBlank(inspector, "inspector");
        Checks.nonBlank(deviceId, "device id");
        Objects.requireNonNull(startedAt, "start time");
        Objects.requireNonNull(status, "status");
        if ((status == VisitStatus.SUBMITTED) != (submittedAt != null)) {
            throw new IllegalArgumentException("a visit has a submission time exactly when submitted");
        }
        answers = Checks.immutableMap(answers, "answers");
    }
}

package org.fieldledger.model.review;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.fieldledger.model.catalog.ProjectId;
import org.fieldledger.model.internal.Checks;
import org.fieldledger.model.site.SiteId;
import org.fieldledger.model.visit.VisitId;

/**
 * A town office's claim that visits to a site complete some units of a project target ("household 37 has a working
 * alarm": 1 户 of the 129), and the supervisor's decision on it.
 *
 * @param metric the target of the project the claim counts towards
 * @param evidence the visits that prove it; at least one
 * @param decisionReason why the supervisor rejected it (required then), or a note on verification
 */
public record Completion(CompletionId id, ProjectId project, String metric, SiteId site, BigDecimal quantity,
                         List<VisitId> evidence, String submittedBy, Instant submittedAt, CompletionStatus status,
                         String decidedBy, Instant decidedAt, String decisionReason) {
    public Completion {
        Objects.requireNonNull(id, "completion id");
        Objects.requireNonNull(project, "project");
        Checks.nonBlank(metric, "target metric");
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(quantity, "quantity");
        if (quantity.signum() <= 0) {
            throw new IllegalArgumentException("a completion must count a positive quantity, was " + quantity);
        }
        evidence = Checks.immutableList(evidence, "evidence");
        if (evidence.isEmpty()) {
            throw new IllegalArgumentException("a completion needs at least one visit as evidence");
        }
        Checks.nonBlank(submittedBy, "submitter");
        Objects.requireNonNull(submittedAt, "submission time");
        Objects.requireNonNull(status, "status");
        decisionReason = Checks.optionalText(decisionReason);
        boolean decided = status != CompletionStatus.SUBMITTED;
        if (decided != (decidedBy != null) || decided != (decidedAt != null)) {
            throw new IllegalArgumentException("a completion has a decider and decision time exactly when decided");
        }
        if (status == CompletionStatus.REJECTED && decisionReason == null) {
            throw new IllegalArgumentException("a rejected completion must say why");
        }
    }
}

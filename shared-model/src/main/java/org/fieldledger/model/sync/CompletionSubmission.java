package org.fieldledger.model.sync;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import org.fieldledger.model.catalog.ProjectId;
import org.fieldledger.model.internal.Checks;
import org.fieldledger.model.review.CompletionId;
import org.fieldledger.model.site.SiteId;
import org.fieldledger.model.visit.VisitId;

/**
 * The payload of {@code SUBMIT_COMPLETION}: a town office's claim that visits to a site complete {@code quantity} units
 * of a project target. The submitter and time are the server's to record.
 *
 * @param metric the target of the project the claim counts towards
 * @param evidence the visits that prove it; at least one
 * @param note a remark for the supervisor, or null
 */
public record CompletionSubmission(CompletionId id, ProjectId projectId, String metric, SiteId siteId,
                                   BigDecimal quantity, List<VisitId> evidence, String note) {
    public CompletionSubmission {
        Objects.requireNonNull(id, "completion id");
        Objects.requireNonNull(projectId, "project id");
        Checks.nonBlank(metric, "target metric");
        Objects.requireNonNull(siteId, "site id");
        CompletionFields.checkQuantity(Objects.requireNonNull(quantity, "quantity"));
        evidence = CompletionFields.checkEvidence(Objects.requireNonNull(evidence, "evidence"));
        note = Checks.optionalText(note);
    }
}

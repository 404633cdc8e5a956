package org.fieldledger.model.sync;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import org.fieldledger.model.internal.Checks;
import org.fieldledger.model.visit.VisitId;

/**
 * The mergeable fields of a completion claim, each null when the update does not change it. Merged field by field
 * like a site's; a verified completion is locked and refuses every update.
 */
public record CompletionFields(BigDecimal quantity, List<VisitId> evidence, String note) {
    public CompletionFields {
        if (quantity != null) {
            checkQuantity(quantity);
        }
        if (evidence != null) {
            evidence = checkEvidence(evidence);
        }
        if (note != null) {
            Checks.nonBlank(note, "note");
        }
        if (quantity == null && evidence == null && note == null) {
            throw new IllegalArgumentException("a completion update must change at least one of quantity, evidence, note");
        }
    }

    static void checkQuantity(BigDecimal quantity) {
        if (quantity.signum() <= 0) {
            throw new IllegalArgumentException("a completion must count a positive quantity, was " + quantity);
        }
    }

    static List<VisitId> checkEvidence(List<VisitId> evidence) {
        List<VisitId> copy = Checks.immutableList(evidence, "evidence");
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("a completion needs at least one visit as evidence");
        }
        if (new HashSet<>(copy).size() < copy.size()) {
            throw new IllegalArgumentException("evidence names the same visit twice");
        }
        return copy;
    }
}

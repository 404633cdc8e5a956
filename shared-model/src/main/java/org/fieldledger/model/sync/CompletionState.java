package org.fieldledger.model.sync;

import java.util.Objects;
import org.fieldledger.model.internal.Checks;
import org.fieldledger.model.review.Completion;

/**
 * A completion claim as the pull feed carries it: how a supervisor's verification or rejection (with its
 * {@code decisionReason}) reaches the town office's devices.
 *
 * @param note the submitter's remark, or null
 */
public record CompletionState(Completion completion, String note) {
    public CompletionState {
        Objects.requireNonNull(completion, "completion");
        note = Checks.optionalText(note);
    }
}

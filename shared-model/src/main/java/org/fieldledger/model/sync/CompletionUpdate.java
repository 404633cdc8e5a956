package org.fieldledger.model.sync;

import java.util.Objects;
import org.fieldledger.model.review.CompletionId;

/** The payload of {@code UPDATE_COMPLETION}: the fields of one completion claim that this edit changes. */
public record CompletionUpdate(CompletionId completionId, CompletionFields fields) {
    public CompletionUpdate {
        Objects.requireNonNull(completionId, "completion id");
        Objects.requireNonNull(fields, "completion fields");
    }
}

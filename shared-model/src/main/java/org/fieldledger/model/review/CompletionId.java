package org.fieldledger.model.review;

import java.util.UUID;
import java.util.regex.Pattern;
import org.fieldledger.model.internal.Checks;

/** A completion's id, minted by whoever submits it, so a retried submission is recognised as the same one. */
public record CompletionId(String value) {
    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public CompletionId {
        Checks.matches(value, FORMAT, "completion id");
    }

    public static CompletionId random() {
        return new CompletionId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}

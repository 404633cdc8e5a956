package org.fieldledger.model.review;

import java.util.regex.Pattern;
import org.fieldledger.model.internal.Checks;

public record CorrectiveActionId(String value) {
    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public CorrectiveActionId {
        Checks.matches(value, FORMAT, "corrective action id");
    }

    @Override
    public String toString() {
        return value;
    }
}

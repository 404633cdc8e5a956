package org.fieldledger.model.visit;

import java.util.regex.Pattern;
import org.fieldledger.model.internal.Checks;

/** An assignment's id: 1-64 characters of {@code [A-Za-z0-9._-]}, chosen by whoever creates it (a UUID in practice). */
public record AssignmentId(String value) {
    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public AssignmentId {
        Checks.matches(value, FORMAT, "assignment id");
    }

    @Override
    public String toString() {
        return value;
    }
}

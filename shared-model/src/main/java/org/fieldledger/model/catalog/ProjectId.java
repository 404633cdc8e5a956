package org.fieldledger.model.catalog;

import java.util.regex.Pattern;
import org.fieldledger.model.internal.Checks;

/** A project's id: its plan id and its number in the notice, such as {@code jingkai-2025-24}. */
public record ProjectId(String value) {
    private static final Pattern FORMAT = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*-[1-9][0-9]*");

    public ProjectId {
        Checks.matches(value, FORMAT, "project id");
    }

    public static ProjectId of(PlanId plan, int number) {
        if (number < 1) {
            throw new IllegalArgumentException("project number must be positive, was " + number);
        }
        return new ProjectId(plan.value() + "-" + number);
    }

    @Override
    public String toString() {
        return value;
    }
}

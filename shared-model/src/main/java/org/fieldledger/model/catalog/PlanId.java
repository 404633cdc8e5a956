package org.fieldledger.model.catalog;

import java.util.regex.Pattern;
import org.fieldledger.model.internal.Checks;

/** A plan's stable slug, such as {@code jingkai-2025}: issuer and year, lower case. */
public record PlanId(String value) {
    private static final Pattern SLUG = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    public PlanId {
        Checks.matches(value, SLUG, "plan id");
    }

    @Override
    public String toString() {
        return value;
    }
}

package org.fieldledger.model.catalog;

import java.math.BigDecimal;
import java.util.Objects;
import org.fieldledger.model.internal.Checks;

/**
 * A quantified goal of a project: 129 households, 6 parks, 3,100 m².
 *
 * @param metric what is counted; unique within its project, and how completions refer to the target
 * @param value the amount in base units (0.31万㎡ is 3100 m²)
 * @param unit the counting word or physical unit as the notice uses it: 户, 个, 批次, km, m², %
 * @param text the phrase of the notice this target was read from
 */
public record Target(String metric, TargetComparator comparator, BigDecimal value, String unit, String text) {
    public Target {
        Checks.nonBlank(metric, "target metric");
        Objects.requireNonNull(comparator, "target comparator");
        Objects.requireNonNull(value, "target value");
        if (value.signum() < 0) {
            throw new IllegalArgumentException("target '" + metric + "' has a negative value " + value);
        }
        Checks.nonBlank(unit, "target unit");
        Checks.nonBlank(text, "target text");
    }
}

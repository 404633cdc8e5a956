package org.fieldledger.model.catalog;

import org.fieldledger.model.internal.Checks;

/** A responsible government unit (责任单位), named as the notice names it. */
public record Unit(String name) {
    public Unit {
        Checks.nonBlank(name, "unit name");
        if (!name.equals(name.trim()) || name.contains("\n")) {
            throw new IllegalArgumentException("unit name '" + name + "' has stray whitespace");
        }
    }
}

package org.fieldledger.model.catalog;

import org.fieldledger.model.internal.Checks;

/** A town or street (镇 / 街道): the scope of sites and of the users who work on them. Its name is its key. */
public record Area(String name) {
    public Area {
        Checks.nonBlank(name, "area name");
        if (!name.equals(name.trim())) {
            throw new IllegalArgumentException("area name '" + name + "' has stray whitespace");
        }
    }
}

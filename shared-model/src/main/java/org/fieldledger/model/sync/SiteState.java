package org.fieldledger.model.sync;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.fieldledger.model.internal.Checks;
import org.fieldledger.model.site.Site;

/**
 * A site as the pull feed carries it, with the HLC of the write that set each mergeable field, so a device can show
 * which edit won.
 *
 * @param fieldClocks by field name ({@code name}, {@code address}, {@code location}); a field never written by an
 *     update has no clock
 */
public record SiteState(Site site, Map<String, Hlc> fieldClocks) {
    /** The fields of a site that {@code UPDATE_SITE} merges. */
    public static final Set<String> MERGEABLE_FIELDS =
            Collections.unmodifiableSet(new HashSet<>(Arrays.asList("name", "address", "location")));

    public SiteState {
        Objects.requireNonNull(site, "site");
        fieldClocks = Checks.immutableMap(fieldClocks, "field clocks");
        for (String field : fieldClocks.keySet()) {
            if (!MERGEABLE_FIELDS.contains(field)) {
                throw new IllegalArgumentException("'" + field + "' is not a mergeable site field " + MERGEABLE_FIELDS);
            }
        }
    }
}

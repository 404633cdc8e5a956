package org.fieldledger.model.site;

import java.util.List;
import java.util.Objects;
import org.fieldledger.model.catalog.Area;
import org.fieldledger.model.catalog.ProjectId;
import org.fieldledger.model.internal.Checks;

/**
 * A place that is checked: a household, a canteen, a park, a road segment.
 *
 * @param kind what sort of place it is, matching the {@code siteKind} of the templates used on it
 * @param location where it is, or null until someone has measured it
 * @param projects the projects whose targets this site counts towards
 */
public record Site(SiteId id, String name, String kind, Area area, String address, GeoPoint location,
                   List<ProjectId> projects) {
    public Site {
        Objects.requireNonNull(id, "site id");
        Checks.nonBlank(name, "site name");
        Checks.nonBlank(kind, "site kind");
        Objects.requireNonNull(area, "site area");
        address = Checks.optionalText(address);
        projects = Checks.immutableList(projects, "site projects");
    }
}

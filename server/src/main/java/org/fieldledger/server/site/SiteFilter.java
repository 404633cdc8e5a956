package org.fieldledger.server.site;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.fieldledger.model.catalog.ProjectId;

/**
 * Which sites to list. Every criterion given must hold; null means any.
 *
 * @param areas the areas the caller may see, or null for all areas (supervisors and admins)
 */
public record SiteFilter(String area, String kind, ProjectId project, Collection<String> areas) {
    public SiteFilter {
        areas = areas == null ? null : List.copyOf(areas);
    }

    String whereClause() {
        List<String> conditions = new ArrayList<>();
        conditions.add("1 = 1");
        if (area != null) {
            conditions.add("s.area_name = ?");
        }
        if (kind != null) {
            conditions.add("s.kind = ?");
        }
        if (project != null) {
            conditions.add("s.id IN (SELECT site_id FROM site_project WHERE project_id = ?)");
        }
        if (areas != null) {
            conditions.add(areas.isEmpty() ? "1 = 0"
                    : "s.area_name IN (" + String.join(", ", java.util.Collections.nCopies(areas.size(), "?")) + ")");
        }
        return String.join(" AND ", conditions);
    }

    List<Object> parameters() {
        List<Object> parameters = new ArrayList<>();
        if (area != null) {
            parameters.add(area);
        }
        if (kind != null) {
            parameters.add(kind);
        }
        if (project != null) {
            parameters.add(project.value());
        }
        if (areas != null) {
            parameters.addAll(areas);
        }
        return parameters;
    }
}

package org.fieldledger.server.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.fieldledger.model.catalog.PlanId;
import org.fieldledger.server.storage.Sql;

/**
 * Which projects a caller asked for. Every criterion given must hold.
 *
 * @param text matched anywhere in name, category, summary, content and unit names; case-insensitive for Latin letters
 */
public record ProjectFilter(PlanId plan, Integer year, String area, String text) {
    public static final ProjectFilter ALL = new ProjectFilter(null, null, null, null);

    String whereClause() {
        List<String> conditions = new ArrayList<>();
        conditions.add("1 = 1");
        if (plan != null) {
            conditions.add("p.plan_id = ?");
        }
        if (year != null) {
            conditions.add("pl.plan_year = ?");
        }
        if (area != null) {
            conditions.add("p.id IN (SELECT project_id FROM project_area WHERE area_name = ?)");
        }
        if (text != null) {
            conditions.add("p.search_text LIKE ? ESCAPE '\\'");
        }
        return String.join(" AND ", conditions);
    }

    List<Object> parameters() {
        List<Object> parameters = new ArrayList<>();
        if (plan != null) {
            parameters.add(plan.value());
        }
        if (year != null) {
            parameters.add(year);
        }
        if (area != null) {
            parameters.add(area);
        }
        if (text != null) {
            parameters.add(Sql.containsPattern(text.toLowerCase(Locale.ROOT)));
        }
        return parameters;
    }
}

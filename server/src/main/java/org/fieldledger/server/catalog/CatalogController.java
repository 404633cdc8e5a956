package org.fieldledger.server.catalog;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import org.fieldledger.model.ErrorCode;
import org.fieldledger.model.catalog.Plan;
import org.fieldledger.model.catalog.PlanId;
import org.fieldledger.model.catalog.Project;
import org.fieldledger.model.catalog.ProjectId;
import org.fieldledger.server.error.ApiException;
import org.fieldledger.server.web.ItemList;

/** The published plans and their projects. */
@Controller("/api/v1")
class CatalogController {
    private final CatalogRepository catalog;

    CatalogController(CatalogRepository catalog) {
        this.catalog = catalog;
    }

    @Get("/plans")
    ItemList<Plan> plans() {
        return ItemList.of(catalog.plans());
    }

    @Get("/plans/{id}")
    Plan plan(@PathVariable String id) {
        return catalog.plan(parse(() -> new PlanId(id), "id")).orElseThrow(() -> ApiException.notFound("Plan " + id));
    }

    /**
     * Projects matching every filter given.
     *
     * @param plan a plan id
     * @param year the plan's year
     * @param area a town or street, by name
     * @param q text to find in name, category, summary, content or unit names
     */
    @Get("/projects{?plan,year,area,q}")
    ItemList<Project> projects(@Nullable @QueryValue String plan, @Nullable @QueryValue String year,
                               @Nullable @QueryValue String area, @Nullable @QueryValue String q) {
        ProjectFilter filter = new ProjectFilter(plan == null ? null : parse(() -> new PlanId(plan), "plan"),
                year == null ? null : parse(() -> yearOf(year), "year"), blankToNull(area), blankToNull(q));
        return ItemList.of(catalog.projects(filter));
    }

    @Get("/projects/{id}")
    Project project(@PathVariable String id) {
        return catalog.project(parse(() -> new ProjectId(id), "id"))
                .orElseThrow(() -> ApiException.notFound("Project " + id));
    }

    private static int yearOf(String year) {
        try {
            return Integer.parseInt(year);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("year '" + year + "' is not a number");
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    static <T> T parse(java.util.function.Supplier<T> parse, String parameter) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, "Parameter '" + parameter + "': " + e.getMessage());
        }
    }
}

package org.fieldledger.server.site;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.net.URI;
import java.util.function.Supplier;
import org.fieldledger.model.ErrorCode;
import org.fieldledger.model.catalog.ProjectId;
import org.fieldledger.model.site.Site;
import org.fieldledger.model.site.SiteId;
import org.fieldledger.server.auth.Caller;
import org.fieldledger.server.error.ApiException;
import org.fieldledger.server.web.ItemList;

/** The places that are checked, each visible only within its area. */
@Controller("/api/v1/sites")
@ExecuteOn(TaskExecutors.BLOCKING)
class SiteController {
    private final SiteService sites;

    SiteController(SiteService sites) {
        this.sites = sites;
    }

    /**
     * The sites the caller may see, matching every filter given.
     *
     * @param area a town or street; asking for one outside the caller's areas is refused, not answered empty
     * @param kind HOUSEHOLD, CANTEEN, PARK…
     * @param project a project id
     */
    @Get("{?area,kind,project}")
    ItemList<Site> list(Caller caller, @Nullable @QueryValue String area, @Nullable @QueryValue String kind,
                        @Nullable @QueryValue String project) {
        return ItemList.of(sites.list(caller, blankToNull(area), blankToNull(kind),
                project == null || project.isBlank() ? null : parameter(() -> new ProjectId(project), "project")));
    }

    @Get("/{id}")
    Site get(Caller caller, @PathVariable String id) {
        return sites.get(caller, parameter(() -> new SiteId(id), "id"));
    }

    @Post
    HttpResponse<Site> create(Caller caller, @Body SiteRequest request) {
        Site site = sites.create(caller, request);
        return HttpResponse.created(site, URI.create("/api/v1/sites/" + site.id()));
    }

    @Put("/{id}")
    Site replace(Caller caller, @PathVariable String id, @Body SiteRequest request) {
        return sites.replace(caller, parameter(() -> new SiteId(id), "id"), request);
    }

    private static <T> T parameter(Supplier<T> parse, String name) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, "Parameter '" + name + "': " + e.getMessage());
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}

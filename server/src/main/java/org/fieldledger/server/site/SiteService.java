package org.fieldledger.server.site;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.fieldledger.model.ErrorCode;
import org.fieldledger.model.Role;
import org.fieldledger.model.catalog.ProjectId;
import org.fieldledger.model.site.Site;
import org.fieldledger.model.site.SiteId;
import org.fieldledger.server.admin.AreaRepository;
import org.fieldledger.server.auth.Caller;
import org.fieldledger.server.error.ApiException;
import org.fieldledger.server.storage.Database;
import org.fieldledger.server.storage.Sql;

/**
 * Who may see and change which sites. Inspectors and town offices see their own areas' sites; supervisors and admins
 * see all. Admins create and change any site, town offices those of their own areas.
 */
@Singleton
class SiteService {
    private final Database database;
    private final SiteRepository sites;
    private final AreaRepository areas;
    private final SiteMutations mutations;
    private final Clock clock;

    SiteService(Database database, SiteRepository sites, AreaRepository areas, SiteMutations mutations, Clock clock) {
        this.database = database;
        this.sites = sites;
        this.areas = areas;
        this.mutations = mutations;
        this.clock = clock;
    }

    Site get(Caller caller, SiteId id) {
        Site site = sites.find(id).orElseThrow(() -> ApiException.notFound("Site " + id));
        caller.requireArea(site.area().name(), "Site " + id);
        return site;
    }

    List<Site> list(Caller caller, String area, String kind, ProjectId project) {
        if (area != null && !caller.canSee(area)) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Area " + area + " is outside your areas");
        }
        return sites.list(new SiteFilter(area, kind, project, caller.role().seesAllAreas() ? null : caller.areas()));
    }

    Site create(Caller caller, SiteRequest request) {
        caller.requireRole(Role.ADMIN, Role.TOWN_OFFICE);
        caller.requireArea(request.area(), "The site");
        Site site = request.toSite(request.id() == null ? new SiteId(UUID.randomUUID().toString())
                : SiteRequest.siteId(request.id(), "id"));
        return database.write(connection -> {
            checkReferences(connection, site);
            if (!sites.insert(connection, site, caller.userId(), clock.millis())) {
                throw new ApiException(ErrorCode.CONFLICT, "Site " + site.id() + " exists already; change it with"
                        + " PUT /api/v1/sites/" + site.id());
            }
            mutations.recordOfficeChange(connection, caller, site, "CREATED");
            return site;
        });
    }

    Site replace(Caller caller, SiteId id, SiteRequest request) {
        caller.requireRole(Role.ADMIN, Role.TOWN_OFFICE);
        if (request.id() != null && !request.id().equals(id.value())) {
            throw ApiException.invalidField("id", "'" + request.id() + "' differs from the site in the path, " + id);
        }
        Site site = request.toSite(id);
        return database.write(connection -> {
            Site stored = sites.find(connection, id).orElseThrow(() -> ApiException.notFound("Site " + id));
            caller.requireArea(stored.area().name(), "Site " + id);
            caller.requireArea(site.area().name(), "The site's new area");
            checkReferences(connection, site);
            sites.update(connection, site, caller.userId(), clock.millis());
            mutations.recordOfficeChange(connection, caller, site, "REPLACED");
            return site;
        });
    }

    private void checkReferences(Connection connection, Site site) throws SQLException {
        if (!areas.unknown(connection, List.of(site.area().name())).isEmpty()) {
            throw ApiException.invalidField("area", "no such area: " + site.area().name());
        }
        for (int i = 0; i < site.projects().size(); i++) {
            ProjectId project = site.projects().get(i);
            if (Sql.queryOne(connection, "SELECT 1 FROM project WHERE id = ?", row -> true, project.value())
                    .isEmpty()) {
                throw ApiException.invalidField("projects[" + i + "]", "no such project: " + project);
            }
        }
    }
}

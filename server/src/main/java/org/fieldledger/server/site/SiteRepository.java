package org.fieldledger.server.site;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.fieldledger.model.catalog.Area;
import org.fieldledger.model.catalog.ProjectId;
import org.fieldledger.model.site.GeoPoint;
import org.fieldledger.model.site.Site;
import org.fieldledger.model.site.SiteId;
import org.fieldledger.server.auth.Caller;
import org.fieldledger.server.storage.Database;
import org.fieldledger.server.storage.Sql;
import org.fieldledger.server.storage.WriteTransaction;

/**
 * Sites in the database. Reads take either no connection (an auto-commit read of their own) or the caller's, so
 * code that writes in a transaction (a sync push) reads what it is about to change in that same transaction.
 */
@Singleton
public class SiteRepository {
    private static final String COLUMNS = "s.id, s.name, s.kind, s.area_name, s.address, s.latitude, s.longitude,"
            + " s.accuracy_meters";

    private final Database database;

    SiteRepository(Database database) {
        this.database = database;
    }

    /** The site with this id, whoever may see it: check {@code caller.requireArea(site.area().name(), …)}. */
    public Optional<Site> find(SiteId id) {
        return database.read(connection -> find(connection, id));
    }

    public Optional<Site> find(Connection connection, SiteId id) throws SQLException {
        return WriteTransaction.kept(connection, TABLES, question(id.value()), c -> load(c, "s.id = ?",
                List.of(id.value())).stream().findFirst());
    }

    /** What a site is read from. */
    private static final Set<String> TABLES = Set.of("site", "site_project");

    /** The site of this id, as a question whose answer a write transaction keeps ({@link WriteTransaction#kept}). */
    private static List<Object> question(String siteId) {
        return List.of("site", siteId);
    }

    /** The sites matching the filter, by area then name. */
    public List<Site> list(SiteFilter filter) {
        return database.read(connection -> list(connection, filter));
    }

    public List<Site> list(Connection connection, SiteFilter filter) throws SQLException {
        return load(connection, filter.whereClause(), filter.parameters());
    }

    /** The sites the caller may see: all of them for supervisors and admins, their areas' for everyone else. */
    public List<Site> visibleTo(Caller caller) {
        return list(new SiteFilter(null, null, null, caller.role().seesAllAreas() ? null : caller.areas()));
    }

    /**
     * Stores a new site.
     *
     * @return false, storing nothing, when a site with its id exists
     */
    public boolean insert(Connection connection, Site site, String userId, long now) throws SQLException {
        GeoPoint at = site.location();
        int inserted = Sql.update(connection, "INSERT INTO site (id, name, kind, area_name, address, latitude,"
                        + " longitude, accuracy_meters, created_at, created_by, updated_at, updated_by)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
                site.id().value(), site.name(), site.kind(), site.area().name(), site.address(),
                at == null ? null : at.latitude(), at == null ? null : at.longitude(),
                at == null ? null : at.accuracyMeters(), now, userId, now, userId);
        if (inserted == 1) {
            saveProjects(connection, site);
        }
        return inserted == 1;
    }

    /** Replaces a stored site's fields and projects with {@code site}'s. */
    public void update(Connection connection, Site site, String userId, long now) throws SQLException {
        GeoPoint at = site.location();
        Sql.update(connection, "UPDATE site SET name = ?, kind = ?, area_name = ?, address = ?, latitude = ?,"
                        + " longitude = ?, accuracy_meters = ?, updated_at = ?, updated_by = ? WHERE id = ?",
                site.name(), site.kind(), site.area().name(), site.address(), at == null ? null : at.latitude(),
                at == null ? null : at.longitude(), at == null ? null : at.accuracyMeters(), now, userId,
                site.id().value());
        Sql.update(connection, "DELETE FROM site_project WHERE site_id = ?", site.id().value());
        saveProjects(connection, site);
    }

    private static void saveProjects(Connection connection, Site site) throws SQLException {
        for (ProjectId project : site.projects()) {
            Sql.update(connection, "INSERT INTO site_project (site_id, project_id) VALUES (?, ?)", site.id().value(),
                    project.value());
        }
    }

    /**
     * Reads the sites with these ids, those not kept already, in one query, for {@link #find} to answer from memory
     * for the rest of the write transaction: a push looks up the site of each of its visits, and in the middle of one
     * a query waits for the rows being inserted meanwhile ({@link WriteTransaction#insertHeldRowsMeanwhile}).
     */
    public void readAhead(Connection connection, java.util.Collection<SiteId> ids) throws SQLException {
        Set<String> wanted = new java.util.LinkedHashSet<>();
        for (SiteId id : ids) {
            if (!WriteTransaction.isKept(connection, question(id.value()))) {
                wanted.add(id.value());
            }
        }
        if (wanted.isEmpty()) {
            return;
        }
        Map<String, Site> found = new java.util.HashMap<>();
        for (Site site : load((sql, mapper) -> Sql.queryIn(connection, sql, mapper, wanted), "s.id IN (%s)")) {
            found.put(site.id().value(), site);
        }
        for (String id : wanted) {
            WriteTransaction.kept(connection, TABLES, question(id), c -> Optional.ofNullable(found.get(id)));
        }
    }

    private static List<Site> load(Connection connection, String where, List<Object> parameters)
            throws SQLException {
        return load((sql, mapper) -> Sql.query(connection, sql, mapper, parameters.toArray()), where);
    }

    /** Runs a query of sites, given its SQL and what maps its rows. */
    @FunctionalInterface
    private interface Query {
        void run(String sql, Sql.RowMapper<Void> mapper) throws SQLException;
    }

    /**
     * One query, the sites joined with their projects: a site's rows come one after another (one per project, or one
     * with none), in the listing's order. A push looks up the site of every visit, so this was two statements each.
     */
    private static List<Site> load(Query query, String where) throws SQLException {
        Map<String, List<ProjectId>> projects = new LinkedHashMap<>();
        List<ResultRow> rows = new ArrayList<>();
        query.run("SELECT " + COLUMNS + ", p.project_id FROM site s LEFT JOIN site_project p"
                + " ON p.site_id = s.id WHERE " + where + " ORDER BY s.area_name, s.name, s.id, p.project_id", row -> {
                    String id = row.getString(1);
                    List<ProjectId> own = projects.get(id);
                    if (own == null) {
                        own = new ArrayList<>();
                        projects.put(id, own);
                        rows.add(ResultRow.of(row));
                    }
                    String project = row.getString(9);
                    if (project != null) {
                        own.add(new ProjectId(project));
                    }
                    return null;
                });
        return rows.stream().map(row -> row.site(projects.get(row.id()))).toList();
    }

    /** A site's columns, kept until all its projects are read. */
    private record ResultRow(String id, String name, String kind, String area, String address, GeoPoint location) {
        static ResultRow of(ResultSet row) throws SQLException {
            GeoPoint location = null;
            double latitude = row.getDouble(6);
            if (!row.wasNull()) {
                double longitude = row.getDouble(7);
                double accuracy = row.getDouble(8);
                location = new GeoPoint(latitude, longitude, row.wasNull() ? null : accuracy);
            }
            return new ResultRow(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                    row.getString(5), location);
        }

        Site site(List<ProjectId> projects) {
            return new Site(new SiteId(id), name, kind, new Area(area), address, location, projects);
        }
    }
}

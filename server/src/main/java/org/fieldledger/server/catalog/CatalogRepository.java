package org.fieldledger.server.catalog;

import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fieldledger.model.catalog.Area;
import org.fieldledger.model.catalog.Plan;
import org.fieldledger.model.catalog.PlanId;
import org.fieldledger.model.catalog.Project;
import org.fieldledger.model.catalog.ProjectId;
import org.fieldledger.model.catalog.Target;
import org.fieldledger.model.catalog.TargetComparator;
import org.fieldledger.model.catalog.Unit;
import org.fieldledger.server.storage.Database;
import org.fieldledger.server.storage.Sql;

/** Plans and projects in the database. */
@Singleton
public class CatalogRepository {
    private static final String LEAD = "LEAD";
    private static final String COOPERATING = "COOPERATING";

    private final Database database;

    CatalogRepository(Database database) {
        this.database = database;
    }

    /** The hash of the file the plan was last loaded from, if it is loaded. */
    Optional<String> loadedHash(Connection connection, PlanId plan) throws SQLException {
        return Sql.queryOne(connection, "SELECT content_sha256 FROM plan WHERE id = ?", row -> row.getString(1),
                plan.value());
    }

    /** Stores a plan and its projects as the file has them, replacing what an earlier version of the file said. */
    void save(Connection connection, PlanCatalog catalog) throws SQLException {
        Plan plan = catalog.plan();
        Sql.update(connection, "INSERT INTO plan (id, issuer, plan_year, document_number, issued_on, title, source,"
                        + " content_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
                        + " issuer = excluded.issuer, plan_year = excluded.plan_year,"
                        + " document_number = excluded.document_number, issued_on = excluded.issued_on,"
                        + " title = excluded.title, source = excluded.source, content_sha256 = excluded.content_sha256",
                plan.id().value(), plan.issuer(), plan.year(), plan.documentNumber(), isoDate(plan.issuedOn()),
                plan.title(), plan.source(), catalog.contentSha256());
        String ofPlan = " WHERE project_id IN (SELECT id FROM project WHERE plan_id = ?)";
        for (String child : new String[] {"project_target", "project_unit", "project_area"}) {
            Sql.update(connection, "DELETE FROM " + child + ofPlan, plan.id().value());
        }
        List<String> kept = new ArrayList<>();
        for (Project project : catalog.projects()) {
            saveProject(connection, project);
            kept.add(project.id().value());
        }
        Sql.update(connection, "DELETE FROM project WHERE plan_id = ? AND id NOT IN (" + placeholders(kept.size()) + ")",
                prepend(plan.id().value(), kept));
    }

    private static void saveProject(Connection connection, Project project) throws SQLException {
        Sql.update(connection, "INSERT INTO project (id, plan_id, number, category, name, summary, content, deadline,"
                        + " search_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
                        + " category = excluded.category, name = excluded.name, summary = excluded.summary,"
                        + " content = excluded.content, deadline = excluded.deadline,"
                        + " search_text = excluded.search_text",
                project.id().value(), project.planId().value(), project.number(), project.category(), project.name(),
                project.summary(), project.content(), isoDate(project.deadline()), searchText(project));
        int position = 0;
        for (Target target : project.targets()) {
            Sql.update(connection, "INSERT INTO project_target (project_id, position, metric, comparator, amount, unit,"
                            + " source_text) VALUES (?, ?, ?, ?, ?, ?, ?)", project.id().value(), position++,
                    target.metric(), target.comparator().name(), target.value().toPlainString(), target.unit(),
                    target.text());
        }
        position = 0;
        for (Unit unit : project.leadUnits()) {
            Sql.update(connection, "INSERT INTO project_unit (project_id, position, role, unit_name) VALUES (?, ?, ?, ?)",
                    project.id().value(), position++, LEAD, unit.name());
        }
        for (Unit unit : project.cooperatingUnits()) {
            Sql.update(connection, "INSERT INTO project_unit (project_id, position, role, unit_name) VALUES (?, ?, ?, ?)",
                    project.id().value(), position++, COOPERATING, unit.name());
        }
        for (Area area : project.areas()) {
            Sql.update(connection, "INSERT INTO area (name) VALUES (?) ON CONFLICT (name) DO NOTHING", area.name());
            Sql.update(connection, "INSERT INTO project_area (project_id, area_name) VALUES (?, ?)",
                    project.id().value(), area.name());
        }
    }

    public List<Plan> plans() {
        return database.read(connection -> Sql.query(connection, "SELECT id, issuer, plan_year, document_number,"
                + " issued_on, title, source FROM plan ORDER BY plan_year DESC, id", CatalogRepository::plan));
    }

    public Optional<Plan> plan(PlanId id) {
        return database.read(connection -> Sql.queryOne(connection, "SELECT id, issuer, plan_year, document_number,"
                + " issued_on, title, source FROM plan WHERE id = ?", CatalogRepository::plan, id.value()));
    }

    public List<Project> projects(ProjectFilter filter) {
        return database.read(connection -> load(connection, filter.whereClause(), filter.parameters()));
    }

    public Optional<Project> project(ProjectId id) {
        return database.read(connection -> load(connection, "p.id = ?", List.of(id.value()))).stream().findFirst();
    }

    /** Projects matching {@code where} (over {@code project p} joined to {@code plan pl}), children included. */
    private static List<Project> load(Connection connection, String where, List<Object> parameters)
            throws SQLException {
        String matching = "SELECT p.id FROM project p JOIN plan pl ON pl.id = p.plan_id WHERE " + where;
        Object[] bound = parameters.toArray();
        Map<String, List<Target>> targets = children(connection, "SELECT project_id, metric, comparator, amount, unit,"
                + " source_text FROM project_target WHERE project_id IN (" + matching + ") ORDER BY project_id, position",
                row -> new Target(row.getString(2), TargetComparator.valueOf(row.getString(3)),
                        new BigDecimal(row.getString(4)), row.getString(5), row.getString(6)), bound);
        Map<String, List<Unit>> lead = children(connection, "SELECT project_id, unit_name FROM project_unit"
                + " WHERE role = '" + LEAD + "' AND project_id IN (" + matching + ") ORDER BY project_id, position",
                row -> new Unit(row.getString(2)), bound);
        Map<String, List<Unit>> cooperating = children(connection, "SELECT project_id, unit_name FROM project_unit"
                + " WHERE role = '" + COOPERATING + "' AND project_id IN (" + matching + ")"
                + " ORDER BY project_id, position", row -> new Unit(row.getString(2)), bound);
        Map<String, List<Area>> areas = children(connection, "SELECT project_id, area_name FROM project_area"
                + " WHERE project_id IN (" + matching + ") ORDER BY project_id, area_name",
                row -> new Area(row.getString(2)), bound);
        return Sql.query(connection, "SELECT p.id, p.plan_id, p.number, p.category, p.name, p.summary, p.content,"
                + " p.deadline FROM project p JOIN plan pl ON pl.id = p.plan_id WHERE " + where
                + " ORDER BY pl.plan_year DESC, p.plan_id, p.number", row -> {
                    String id = row.getString(1);
                    return new Project(new ProjectId(id), new PlanId(row.getString(2)), row.getInt(3),
                            row.getString(4), row.getString(5), row.getString(6), row.getString(7),
                            targets.getOrDefault(id, List.of()), lead.getOrDefault(id, List.of()),
                            cooperating.getOrDefault(id, List.of()), areas.getOrDefault(id, List.of()),
                            date(row.getString(8)));
                }, bound);
    }

    private static <T> Map<String, List<T>> children(Connection connection, String sql, Sql.RowMapper<T> mapper,
                                                     Object[] parameters) throws SQLException {
        Map<String, List<T>> byProject = new LinkedHashMap<>();
        Sql.query(connection, sql, row -> byProject.computeIfAbsent(row.getString(1), id -> new ArrayList<>())
                .add(mapper.map(row)), parameters);
        return byProject;
    }

    private static Plan plan(ResultSet row) throws SQLException {
        return new Plan(new PlanId(row.getString(1)), row.getString(2), row.getInt(3), row.getString(4),
                date(row.getString(5)), row.getString(6), row.getString(7));
    }

    private static String searchText(Project project) {
        StringBuilder text = new StringBuilder(project.name()).append('\n').append(project.content());
        if (project.category() != null) {
            text.append('\n').append(project.category());
        }
        if (project.summary() != null) {
            text.append('\n').append(project.summary());
        }
        project.leadUnits().forEach(unit -> text.append('\n').append(unit.name()));
        project.cooperatingUnits().forEach(unit -> text.append('\n').append(unit.name()));
        return text.toString().toLowerCase(java.util.Locale.ROOT);
    }

    private static String isoDate(LocalDate date) {
        return date == null ? null : date.toString();
    }

    private static LocalDate date(String iso) {
        return iso == null ? null : LocalDate.parse(iso);
    }

    private static String placeholders(int count) {
        return count == 0 ? "NULL" : String.join(", ", java.util.Collections.nCopies(count, "?"));
    }

    private static Object[] prepend(Object first, List<?> rest) {
        List<Object> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all.toArray();
    }
}

package org.fieldledger.server.visit;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.fieldledger.model.ErrorCode;
import org.fieldledger.model.Role;
import org.fieldledger.model.site.Site;
import org.fieldledger.model.site.SiteId;
import org.fieldledger.model.sync.ChangeKind;
import org.fieldledger.model.sync.WireJson;
import org.fieldledger.model.template.TemplateId;
import org.fieldledger.model.visit.Assignment;
import org.fieldledger.model.visit.AssignmentId;
import org.fieldledger.model.visit.Visit;
import org.fieldledger.server.auth.Caller;
import org.fieldledger.server.auth.User;
import org.fieldledger.server.auth.UserRepository;
import org.fieldledger.server.error.ApiException;
import org.fieldledger.server.ledger.Ledger;
import org.fieldledger.server.ledger.LedgerRecord;
import org.fieldledger.server.site.SiteRepository;
import org.fieldledger.server.storage.Database;
import org.fieldledger.server.storage.Sql;
import org.fieldledger.server.sync.MutationContext;
import org.fieldledger.server.template.TemplateRepository;

/**
 * Assignments: a town office's request that a site be checked with a checklist. They reach the inspectors of the
 * site's area through the pull feed, and the next visit of that site and checklist marks them done.
 */
@Singleton
public class Assignments {
    static final String TYPE = "ASSIGNMENT";
    private static final OpenRecords<Assignment> OPEN = new OpenRecords<>("assignment", ChangeKind.ASSIGNMENT);

    private final Database database;
    private final SiteRepository sites;
    private final TemplateRepository templates;
    private final UserRepository users;
    private final Ledger ledger;

    Assignments(Database database, SiteRepository sites, TemplateRepository templates, UserRepository users,
                Ledger ledger) {
        this.database = database;
        this.sites = sites;
        this.templates = templates;
        this.users = users;
        this.ledger = ledger;
    }

    /** What a town office asks for. */
    public record Request(String id, String siteId, String templateId, String assignee, java.time.LocalDate dueOn,
                          String note) {
    }

    public Assignment create(Caller caller, Request request) {
        caller.requireRole(Role.TOWN_OFFICE, Role.ADMIN);
        AssignmentId id = parse("id", () -> new AssignmentId(request.id() == null ? UUID.randomUUID().toString()
                : request.id()));
        SiteId siteId = parse("siteId", () -> new SiteId(request.siteId()));
        TemplateId templateId = parse("templateId", () -> new TemplateId(request.templateId()));
        return database.write(connection -> {
            Site site = sites.find(connection, siteId).orElseThrow(() -> ApiException.invalidField("siteId",
                    "no such site: " + siteId));
            caller.requireArea(site.area().name(), "Site " + siteId);
            if (templates.latest(templateId).isEmpty()) {
                throw ApiException.invalidField("templateId", "no checklist in use with id " + templateId);
            }
            String assignee = assigneeIn(connection, request.assignee(), site);
            if (Sql.queryOne(connection, "SELECT 1 FROM assignment WHERE id = ?", row -> 1, id.value()).isPresent()) {
                throw new ApiException(ErrorCode.CONFLICT, "Assignment " + id + " exists already");
            }
            Assignment assignment = parse("", () -> new Assignment(id, siteId, templateId, assignee, request.dueOn(),
                    request.note(), Assignment.Status.OPEN, null));
            String json = WireJson.writeChangeData(assignment);
            Sql.update(connection, "INSERT INTO assignment (id, site_id, area, template_id, assignee, status, state)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?)", id.value(), siteId.value(), site.area().name(),
                    templateId.value(), assignee, assignment.status().name(), json);
            OPEN.wrote(connection, siteId.value(), templateId.value());
            ledger.append(connection, new LedgerRecord(TYPE, id.value(), "ASSIGNED", site.area().name(),
                    caller.userId(), caller.deviceId(), null, json));
            return assignment;
        });
    }

    /** Open and past assignments in the caller's areas, optionally of one site. */
    public List<Assignment> list(Caller caller, String siteId) {
        StringBuilder sql = new StringBuilder("SELECT state, area FROM assignment");
        List<Object> parameters = new ArrayList<>();
        if (siteId != null) {
            sql.append(" WHERE site_id = ?");
            parameters.add(siteId);
        }
        sql.append(" ORDER BY id");
        List<Assignment> visible = new ArrayList<>();
        database.read(connection -> Sql.query(connection, sql.toString(), row -> {
            if (caller.canSee(row.getString(2))) {
                visible.add((Assignment) WireJson.readChangeData(ChangeKind.ASSIGNMENT, row.getString(1)));
            }
            return null;
        }, parameters.toArray()));
        return visible;
    }

    /** Reads ahead the open assignments {@link #afterVisit} will look up for these visits (see {@link OpenRecords}). */
    void readAhead(Connection connection, java.util.Collection<Visit> visits) throws SQLException {
        OPEN.readAhead(connection, visits);
    }

    /** Marks done the open assignments a newly applied visit fulfils. */
    void afterVisit(Connection connection, MutationContext context, Visit visit, String area) throws SQLException {
        List<Assignment> open = OPEN.of(connection, visit);
        for (Assignment assignment : open) {
            Assignment done = new Assignment(assignment.id(), assignment.site(), assignment.template(),
                    assignment.assignee(), assignment.dueOn(), assignment.note(), Assignment.Status.DONE, visit.id());
            String json = WireJson.writeChangeData(done);
            Sql.update(connection, "UPDATE assignment SET status = ?, state = ? WHERE id = ?", done.status().name(),
                    json, done.id().value());
            OPEN.wrote(connection, visit.site().value(), visit.template().id().value());
            ledger.append(connection, context.record(TYPE, done.id().value(), "DONE", area, json));
        }
    }

    private String assigneeIn(Connection connection, String username, Site site) throws SQLException {
        if (username == null || username.isBlank()) {
            return null;
        }
        User user = users.findByUsername(connection, username).orElseThrow(() -> ApiException.invalidField("assignee",
                "no user " + username));
        if (!user.role().seesAllAreas() && !user.areas().contains(site.area().name())) {
            throw ApiException.invalidField("assignee", username + " does not work in " + site.area().name());
        }
        return user.id();
    }

    private static <T> T parse(String field, java.util.function.Supplier<T> value) {
        try {
            return value.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ApiException.invalidField(field.isEmpty() ? "assignment" : field, e.getMessage());
        }
    }
}

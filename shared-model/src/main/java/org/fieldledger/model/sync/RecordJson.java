package org.fieldledger.model.sync;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fieldledger.model.catalog.Area;
import org.fieldledger.model.catalog.ProjectId;
import org.fieldledger.model.review.Completion;
import org.fieldledger.model.review.CompletionId;
import org.fieldledger.model.review.CompletionStatus;
import org.fieldledger.model.review.CorrectiveAction;
import org.fieldledger.model.template.TemplateId;
import org.fieldledger.model.visit.Assignment;
import org.fieldledger.model.visit.AssignmentId;
import org.fieldledger.model.review.CorrectiveActionId;
import org.fieldledger.model.site.GeoPoint;
import org.fieldledger.model.site.Site;
import org.fieldledger.model.site.SiteId;
import org.fieldledger.model.visit.VisitId;

/** Sites, completions and corrective actions on the wire, as payloads and as pulled state. */
final class RecordJson {
    private RecordJson() {
    }

    static Map<String, Object> site(Site site) {
        return new JsonOut()
                .put("id", site.id())
                .put("name", site.name())
                .put("kind", site.kind())
                .put("area", site.area().name())
                .put("address", site.address())
                .put("location", site.location() == null ? null : VisitJson.geo(site.location()))
                .putList("projects", site.projects(), ProjectId::value)
                .build();
    }

    static Site site(JsonIn in) {
        JsonIn.Obj obj = in.object();
        Site site = readSite(obj);
        obj.end();
        return site;
    }

    private static Site readSite(JsonIn.Obj obj) {
        SiteId id = obj.as("id", SiteId::new);
        String name = obj.string("name");
        String kind = obj.string("kind");
        Area area = obj.as("area", Area::new);
        String address = obj.optString("address");
        GeoPoint location = obj.optRead("location", VisitJson::geo);
        List<ProjectId> projects = obj.read("projects", list -> list.list(item -> item.as(ProjectId::new)));
        return obj.build(() -> new Site(id, name, kind, area, address, location, projects));
    }

    static Map<String, Object> siteState(SiteState state) {
        Map<String, Object> json = site(state.site());
        Map<String, Object> clocks = new JsonFields();
        for (Map.Entry<String, Hlc> entry : state.fieldClocks().entrySet()) {
            clocks.put(entry.getKey(), JsonOut.element(entry.getValue()));
        }
        json.put("fieldClocks", clocks);
        return json;
    }

    static SiteState siteState(JsonIn in) {
        JsonIn.Obj obj = in.object();
        Site site = readSite(obj);
        Map<String, Hlc> clocks = new LinkedHashMap<>();
        for (Map.Entry<String, JsonIn> entry : obj.get("fieldClocks").object().entries()) {
            clocks.put(entry.getKey(), entry.getValue().as(Hlc::parse));
        }
        obj.end();
        return obj.build(() -> new SiteState(site, clocks));
    }

    /** Only the fields the update changes are written: absence means "not changed". */
    static Map<String, Object> siteUpdate(SiteUpdate update) {
        SiteFields fields = update.fields();
        return new JsonOut().put("siteId", update.siteId()).put("fields", new JsonOut()
                .putIfPresent("name", fields.name())
                .putIfPresent("address", fields.address())
                .putIfPresent("location", fields.location() == null ? null : VisitJson.geo(fields.location()))
                .build()).build();
    }

    static SiteUpdate siteUpdate(JsonIn in) {
        JsonIn.Obj obj = in.object();
        SiteId siteId = obj.as("siteId", SiteId::new);
        JsonIn.Obj fields = obj.get("fields").object();
        String name = fields.optString("name");
        String address = fields.optString("address");
        GeoPoint location = fields.optRead("location", VisitJson::geo);
        fields.end();
        obj.end();
        SiteFields siteFields = fields.build(() -> new SiteFields(name, address, location));
        return new SiteUpdate(siteId, siteFields);
    }

    static Map<String, Object> completionSubmission(CompletionSubmission completion) {
        return new JsonOut()
                .put("id", completion.id())
                .put("projectId", completion.projectId())
                .put("metric", completion.metric())
                .put("siteId", completion.siteId())
                .put("quantity", completion.quantity())
                .putList("evidence", completion.evidence(), VisitId::value)
                .put("note", completion.note())
                .build();
    }

    static CompletionSubmission completionSubmission(JsonIn in) {
        JsonIn.Obj obj = in.object();
        CompletionId id = obj.as("id", CompletionId::new);
        ProjectId projectId = obj.as("projectId", ProjectId::new);
        String metric = obj.string("metric");
        SiteId siteId = obj.as("siteId", SiteId::new);
        BigDecimal quantity = obj.get("quantity").decimal();
        List<VisitId> evidence = obj.read("evidence", RecordJson::visitIds);
        String note = obj.optString("note");
        obj.end();
        return obj.build(() -> new CompletionSubmission(id, projectId, metric, siteId, quantity, evidence, note));
    }

    static Map<String, Object> completionUpdate(CompletionUpdate update) {
        CompletionFields fields = update.fields();
        return new JsonOut().put("completionId", update.completionId()).put("fields", new JsonOut()
                .putIfPresent("quantity", fields.quantity())
                .putIfPresent("evidence", fields.evidence() == null ? null
                        : JsonOut.list(fields.evidence(), VisitId::value))
                .putIfPresent("note", fields.note())
                .build()).build();
    }

    static CompletionUpdate completionUpdate(JsonIn in) {
        JsonIn.Obj obj = in.object();
        CompletionId id = obj.as("completionId", CompletionId::new);
        JsonIn.Obj fields = obj.get("fields").object();
        JsonIn quantityIn = fields.opt("quantity");
        BigDecimal quantity = quantityIn == null ? null : quantityIn.decimal();
        List<VisitId> evidence = fields.optRead("evidence", RecordJson::visitIds);
        String note = fields.optString("note");
        fields.end();
        obj.end();
        CompletionFields completionFields = fields.build(() -> new CompletionFields(quantity, evidence, note));
        return new CompletionUpdate(id, completionFields);
    }

    static Map<String, Object> completionState(CompletionState state) {
        Completion completion = state.completion();
        return new JsonOut()
                .put("id", completion.id())
                .put("projectId", completion.project())
                .put("metric", completion.metric())
                .put("siteId", completion.site())
                .put("quantity", completion.quantity())
                .putList("evidence", completion.evidence(), VisitId::value)
                .put("note", state.note())
                .put("status", completion.status())
                .put("submittedBy", completion.submittedBy())
                .put("submittedAt", completion.submittedAt())
                .put("decidedBy", completion.decidedBy())
                .put("decidedAt", completion.decidedAt())
                .put("decisionReason", completion.decisionReason())
                .build();
    }

    static CompletionState completionState(JsonIn in) {
        JsonIn.Obj obj = in.object();
        CompletionId id = obj.as("id", CompletionId::new);
        ProjectId projectId = obj.as("projectId", ProjectId::new);
        String metric = obj.string("metric");
        SiteId siteId = obj.as("siteId", SiteId::new);
        BigDecimal quantity = obj.get("quantity").decimal();
        List<VisitId> evidence = obj.read("evidence", RecordJson::visitIds);
        String note = obj.optString("note");
        CompletionStatus status = obj.get("status").enumValue(CompletionStatus.class);
        String submittedBy = obj.string("submittedBy");
        Instant submittedAt = obj.get("submittedAt").instant();
        String decidedBy = obj.optString("decidedBy");
        JsonIn decidedAtIn = obj.opt("decidedAt");
        Instant decidedAt = decidedAtIn == null ? null : decidedAtIn.instant();
        String decisionReason = obj.optString("decisionReason");
        obj.end();
        return obj.build(() -> new CompletionState(new Completion(id, projectId, metric, siteId, quantity, evidence,
                submittedBy, submittedAt, status, decidedBy, decidedAt, decisionReason), note));
    }

    static Map<String, Object> correctiveAction(CorrectiveAction action) {
        return new JsonOut()
                .put("id", action.id())
                .put("siteId", action.site())
                .put("raisedBy", action.raisedBy())
                .put("questionId", action.questionId())
                .put("finding", action.finding())
                .put("dueOn", action.dueOn())
                .put("status", action.status())
                .put("closedBy", action.closedBy())
                .build();
    }

    static CorrectiveAction correctiveAction(JsonIn in) {
        JsonIn.Obj obj = in.object();
        CorrectiveActionId id = obj.as("id", CorrectiveActionId::new);
        SiteId siteId = obj.as("siteId", SiteId::new);
        VisitId raisedBy = obj.as("raisedBy", VisitId::new);
        String questionId = obj.string("questionId");
        String finding = obj.string("finding");
        LocalDate dueOn = obj.get("dueOn").date();
        CorrectiveAction.Status status = obj.get("status").enumValue(CorrectiveAction.Status.class);
        VisitId closedBy = obj.optAs("closedBy", VisitId::new);
        obj.end();
        return obj.build(() -> new CorrectiveAction(id, raisedBy, siteId, questionId, finding, dueOn, status,
                closedBy));
    }

    static Map<String, Object> assignment(Assignment assignment) {
        return new JsonOut()
                .put("id", assignment.id())
                .put("siteId", assignment.site())
                .put("templateId", assignment.template())
                .put("assignee", assignment.assignee())
                .put("dueOn", assignment.dueOn())
                .put("note", assignment.note())
                .put("status", assignment.status())
                .put("doneBy", assignment.doneBy())
                .build();
    }

    static Assignment assignment(JsonIn in) {
        JsonIn.Obj obj = in.object();
        AssignmentId id = obj.as("id", AssignmentId::new);
        SiteId siteId = obj.as("siteId", SiteId::new);
        TemplateId templateId = obj.as("templateId", TemplateId::new);
        String assignee = obj.optString("assignee");
        LocalDate dueOn = obj.optRead("dueOn", JsonIn::date);
        String note = obj.optString("note");
        Assignment.Status status = obj.get("status").enumValue(Assignment.Status.class);
        VisitId doneBy = obj.optAs("doneBy", VisitId::new);
        obj.end();
        return obj.build(() -> new Assignment(id, siteId, templateId, assignee, dueOn, note, status, doneBy));
    }

    private static List<VisitId> visitIds(JsonIn in) {
        return in.list(item -> item.as(VisitId::new));
    }
}

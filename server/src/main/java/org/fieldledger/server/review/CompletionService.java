package org.fieldledger.server.review;

import org.fieldledger.model.sync.RejectionCode;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fieldledger.model.ErrorCode;
import org.fieldledger.model.Role;
import org.fieldledger.model.catalog.Project;
import org.fieldledger.model.review.Completion;
import org.fieldledger.model.review.CompletionId;
import org.fieldledger.model.review.CompletionStatus;
import org.fieldledger.model.site.Site;
import org.fieldledger.model.site.SiteId;
import org.fieldledger.model.sync.CompletionFields;
import org.fieldledger.model.sync.CompletionState;
import org.fieldledger.model.sync.CompletionSubmission;
import org.fieldledger.model.sync.CompletionUpdate;
import org.fieldledger.model.sync.Hlc;
import org.fieldledger.model.sync.WireJson;
import org.fieldledger.model.visit.VisitId;
import org.fieldledger.server.auth.Caller;
import org.fieldledger.server.catalog.CatalogRepository;
import org.fieldledger.server.error.ApiError;
import org.fieldledger.server.error.ApiException;
import org.fieldledger.server.evidence.PhotoEvidence;
import org.fieldledger.server.ledger.Ledger;
import org.fieldledger.server.ledger.LedgerRecord;
import org.fieldledger.server.site.SiteRepository;
import org.fieldledger.server.storage.Database;
import org.fieldledger.server.sync.FieldMerges;
import org.fieldledger.server.sync.MutationContext;
import org.fieldledger.server.sync.Rejection;
import org.fieldledger.server.visit.VisitRepository;

/**
 * Completion claims: submitted and edited by town offices (usually through sync), verified or rejected by supervisors.
 * A verified completion is locked; a rejected one is final, and the reason reaches the field on the next pull.
 */
@Singleton
public class CompletionService {
    static final String TYPE = "COMPLETION";

    private final Database database;
    private final CompletionRepository completions;
    private final CatalogRepository catalog;
    private final SiteRepository sites;
    private final VisitRepository visits;
    private final FieldMerges merges;
    private final Ledger ledger;
    private final Clock clock;
    private final PhotoEvidence photos;

    CompletionService(Database database, CompletionRepository completions, CatalogRepository catalog,
                      SiteRepository sites, VisitRepository visits, FieldMerges merges, Ledger ledger, Clock clock,
                      PhotoEvidence photos) {
        this.database = database;
        this.completions = completions;
        this.catalog = catalog;
        this.sites = sites;
        this.visits = visits;
        this.merges = merges;
        this.ledger = ledger;
        this.clock = clock;
        this.photos = photos;
    }

    /** @return the ledger position of the completion's entry */
    public long submit(Connection connection, MutationContext context, CompletionSubmission submission,
                       String submissionSha256) throws SQLException {
        var existing = completions.find(connection, submission.id());
        if (existing.isPresent()) {
            if (existing.get().submissionSha256().equals(submissionSha256)) {
                return Ledger.firstPosition(connection, TYPE, submission.id().value());
            }
            throw new Rejection(RejectionCode.MUTATION_CONFLICT, "Completion " + submission.id() + " was already submitted with"
                    + " other content; edit it with UPDATE_COMPLETION");
        }
        Project project = catalog.project(submission.projectId()).orElseThrow(() -> new Rejection(RejectionCode.UNKNOWN_PROJECT,
                "No project " + submission.projectId()));
        if (project.target(submission.metric()) == null) {
            throw new Rejection(RejectionCode.UNKNOWN_TARGET, "Project " + project.id() + " has no target '" + submission.metric()
                    + "'");
        }
        Site site = sites.find(connection, submission.siteId()).orElseThrow(() -> new Rejection(RejectionCode.UNKNOWN_SITE,
                "No site " + submission.siteId()));
        checkEvidence(connection, submission.siteId(), submission.evidence());
        Completion completion = new Completion(submission.id(), submission.projectId(), submission.metric(),
                submission.siteId(), submission.quantity(), submission.evidence(), context.caller().userId(),
                context.receivedAt(), CompletionStatus.SUBMITTED, null, null, null);
        CompletionState state = new CompletionState(completion, submission.note());
        String json = WireJson.writeChangeData(state);
        Map<String, Hlc> clocks = new LinkedHashMap<>();
        for (String field : FIELDS) {
            clocks.put(field, context.clock());
        }
        completions.insert(connection, state, site.area().name(), submissionSha256, clocks, json);
        return ledger.append(connection, context.record(TYPE, completion.id().value(), "SUBMITTED",
                site.area().name(), json));
    }

    /** For direct submissions, which skip the push's batch authorisation: the site must be in the caller's areas. */
    public void requireVisible(Connection connection, Caller caller, CompletionSubmission submission)
            throws SQLException {
        sites.find(connection, submission.siteId()).ifPresent(site ->
                caller.requireArea(site.area().name(), "Site " + submission.siteId()));
    }

    private static final List<String> FIELDS = Arrays.asList("quantity", "evidence", "note");

    /** Merges edits field by field; the value that loses is kept in the conflict log. */
    public long update(Connection connection, MutationContext context, CompletionUpdate update) throws SQLException {
        var stored = completions.find(connection, update.completionId()).orElseThrow(() -> new Rejection(
                RejectionCode.UNKNOWN_COMPLETION, "No completion " + update.completionId()));
        Completion current = stored.state().completion();
        if (current.status() != CompletionStatus.SUBMITTED) {
            throw new Rejection(RejectionCode.LOCKED, "Completion " + current.id() + " was " + current.status().name()
                    .toLowerCase() + " by a supervisor and can no longer change"
                    + (current.status() == CompletionStatus.REJECTED ? "; submit a new one" : ""));
        }
        Map<String, String> values = new LinkedHashMap<>();
        values.put("quantity", current.quantity().toPlainString());
        values.put("evidence", String.join(",", ids(current.evidence())));
        values.put("note", stored.state().note());
        Map<String, String> incoming = new LinkedHashMap<>();
        CompletionFields fields = update.fields();
        if (fields.quantity() != null) {
            incoming.put("quantity", fields.quantity().toPlainString());
        }
        if (fields.evidence() != null) {
            incoming.put("evidence", String.join(",", ids(fields.evidence())));
        }
        if (fields.note() != null) {
            incoming.put("note", fields.note());
        }
        FieldMerges.Merged merged = merges.merge(connection, context, TYPE, current.id().value(), values,
                stored.fieldClocks(), incoming);
        Map<String, String> result = merged.values();
        List<VisitId> evidence = new ArrayList<>();
        for (String id : result.get("evidence").split(",")) {
            evidence.add(new VisitId(id));
        }
        checkEvidence(connection, current.site(), evidence);
        Completion edited;
        try {
            edited = new Completion(current.id(), current.project(), current.metric(), current.site(),
                    new BigDecimal(result.get("quantity")), evidence, current.submittedBy(), current.submittedAt(),
                    current.status(), null, null, null);
        } catch (IllegalArgumentException e) {
            throw new Rejection(RejectionCode.VALIDATION_FAILED, e.getMessage());
        }
        CompletionState state = new CompletionState(edited, result.get("note"));
        String json = WireJson.writeChangeData(state);
        completions.update(connection, state, merged.clocks(), json);
        return ledger.append(connection, context.record(TYPE, current.id().value(), "UPDATED", stored.area(), json));
    }

    /** A supervisor's verdict. Verification locks the claim; a rejection must say why. */
    public CompletionState decide(Caller caller, CompletionId id, boolean verified, String reason) {
        caller.requireRole(Role.SUPERVISOR);
        if (!verified && (reason == null || reason.isBlank())) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "A rejection must give its reason");
        }
        return database.write(connection -> {
            var stored = completions.find(connection, id).orElseThrow(() -> ApiException.notFound("Completion " + id));
            caller.requireArea(stored.area(), "Completion " + id);
            Completion current = stored.state().completion();
            if (current.status() != CompletionStatus.SUBMITTED) {
                throw new ApiException(ErrorCode.CONFLICT, "Completion " + id + " was already "
                        + current.status().name().toLowerCase());
            }
            if (verified) {
                requirePhotos(connection, current);
            }
            Completion decided = new Completion(current.id(), current.project(), current.metric(), current.site(),
                    current.quantity(), current.evidence(), current.submittedBy(), current.submittedAt(),
                    verified ? CompletionStatus.VERIFIED : CompletionStatus.REJECTED, caller.userId(),
                    Instant.now(clock), reason);
            CompletionState state = new CompletionState(decided, stored.state().note());
            String json = WireJson.writeChangeData(state);
            completions.update(connection, state, stored.fieldClocks(), json);
            ledger.append(connection, new LedgerRecord(TYPE, id.value(), decided.status().name(), stored.area(),
                    caller.userId(), caller.deviceId(), null, json));
            return state;
        });
    }

    /** Evidence whose photos have not all arrived cannot be judged complete: the claim waits for them. */
    private void requirePhotos(Connection connection, Completion completion) throws SQLException {
        List<ApiError.Detail> missing = new ArrayList<>();
        for (VisitId visit : completion.evidence()) {
            int count = photos.missingPhotos(connection, visit);
            if (count > 0) {
                missing.add(new ApiError.Detail(visit.value(), ErrorCode.PHOTOS_MISSING.name(), count
                        + " photo(s) of visit " + visit + " have not reached the server"));
            }
        }
        if (!missing.isEmpty()) {
            throw new ApiException(ErrorCode.PHOTOS_MISSING, "Completion " + completion.id() + " cannot be verified"
                    + " while photos of its visits are missing; see GET /api/v1/visits/{id}/photos", missing);
        }
    }

    private void checkEvidence(Connection connection, SiteId site, List<VisitId> evidence) throws SQLException {
        for (VisitId visitId : evidence) {
            var visit = visits.find(connection, visitId).orElseThrow(() -> new Rejection(RejectionCode.UNKNOWN_VISIT,
                    "Evidence visit " + visitId + " does not exist"));
            if (!visit.state().visit().site().equals(site)) {
                throw new Rejection(RejectionCode.VALIDATION_FAILED, "Evidence visit " + visitId + " is of site "
                        + visit.state().visit().site() + ", not " + site);
            }
        }
    }

    private static List<String> ids(List<VisitId> visits) {
        List<String> ids = new ArrayList<>();
        visits.forEach(visit -> ids.add(visit.value()));
        return ids;
    }
}

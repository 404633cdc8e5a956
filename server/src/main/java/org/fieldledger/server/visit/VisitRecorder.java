package org.fieldledger.server.visit;

import org.fieldledger.model.sync.RejectionCode;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.fieldledger.model.site.Site;
import org.fieldledger.model.site.SiteId;
import org.fieldledger.model.sync.MutationType;
import org.fieldledger.model.sync.VisitState;
import org.fieldledger.model.sync.VisitSubmission;
import org.fieldledger.model.sync.WireJson;
import org.fieldledger.model.template.Template;
import org.fieldledger.model.visit.CheckOutcome;
import org.fieldledger.model.visit.Problem;
import org.fieldledger.model.visit.Visit;
import org.fieldledger.model.visit.VisitId;
import org.fieldledger.model.visit.VisitValidator;
import org.fieldledger.server.auth.Caller;
import org.fieldledger.server.evidence.PhotoEvidence;
import org.fieldledger.server.ledger.Ledger;
import org.fieldledger.server.site.SiteRepository;
import org.fieldledger.server.sync.MutationContext;
import org.fieldledger.server.sync.Rejection;
import org.fieldledger.server.template.PublishedTemplate;
import org.fieldledger.server.template.TemplateRepository;

/**
 * Applies a submitted visit: checks it with the same rules the device ran, stores it immutably, records it in the
 * ledger, and opens or closes corrective actions. Everything is checked before anything is written.
 */
@Singleton
public class VisitRecorder {
    private static final String TYPE = "VISIT";

    private final SiteRepository sites;
    private final TemplateRepository templates;
    private final VisitRepository visits;
    private final CorrectiveActions correctiveActions;
    private final Assignments assignments;
    private final Ledger ledger;
    private final PhotoEvidence evidence;

    VisitRecorder(SiteRepository sites, TemplateRepository templates, VisitRepository visits,
                  CorrectiveActions correctiveActions, Assignments assignments, Ledger ledger,
                  PhotoEvidence evidence) {
        this.sites = sites;
        this.templates = templates;
        this.visits = visits;
        this.correctiveActions = correctiveActions;
        this.assignments = assignments;
        this.ledger = ledger;
        this.evidence = evidence;
    }

    /**
     * What a submitted visit's own content decides, worked out before the writer is taken: the checklist it answers
     * (null when not published), the problems of its answers, and, when it has none, the state it is stored with.
     */
    public record Checked(VisitSubmission submission, Template template, List<Problem> problems, VisitState state,
                          String stateJson) {
    }

    /** Reads no record: a push checks its visits on the request's own thread while other pushes hold the writer. */
    public Checked check(VisitSubmission submission, Caller caller, String deviceId, Instant receivedAt) {
        // A version retired while the device was offline is still accepted: the inspector answered what they had.
        Template template = templates.published(submission.template()).map(PublishedTemplate::template)
                .orElse(null);
        if (template == null) {
            return new Checked(submission, null, List.of(), null, null);
        }
        List<Problem> problems = VisitValidator.validateForSubmit(template, submission.answers());
        if (!problems.isEmpty()) {
            return new Checked(submission, template, problems, null, null);
        }
        Visit visit = submission.toVisit(caller.userId(), deviceId);
        VisitState state = new VisitState(visit, caller.username(), receivedAt, CheckOutcome.of(template,
                visit.answers()), null);
        // The submission's text is at hand: the push hashed it a moment ago (WireJson keeps the last one written).
        return new Checked(submission, template, problems, state, WireJson.writeVisitState(state,
                WireJson.writePayload(MutationType.SUBMIT_VISIT, submission)));
    }

    /**
     * Reads ahead, in a few queries, what {@link #apply} will look up for each of these visits in this transaction:
     * whether it, or the visit it corrects, is stored, its site, what it may settle, and the claims on its photos.
     */
    public void readAhead(Connection connection, List<Checked> checked) throws SQLException {
        Set<VisitId> ids = new LinkedHashSet<>();
        Set<SiteId> siteIds = new LinkedHashSet<>();
        List<Visit> storable = new ArrayList<>();
        for (Checked visit : checked) {
            ids.add(visit.submission().id());
            siteIds.add(visit.submission().siteId());
            if (visit.submission().revisionOf() != null) {
                ids.add(visit.submission().revisionOf());
            }
            if (visit.state() != null) {
                storable.add(visit.state().visit());
            }
        }
        visits.readAhead(connection, ids);
        sites.readAhead(connection, siteIds);
        correctiveActions.readAhead(connection, storable);
        assignments.readAhead(connection, storable);
        evidence.readAhead(connection, storable);
    }

    /** @return the ledger position of the visit's entry */
    public long apply(Connection connection, MutationContext context, VisitSubmission submission,
                      String submissionSha256) throws SQLException {
        return apply(connection, context, check(submission, context.caller(), context.deviceId(),
                context.receivedAt()), submissionSha256);
    }

    /** @param checked {@link #check} of the submission, with the context's caller, device and time of receipt */
    public long apply(Connection connection, MutationContext context, Checked checked, String submissionSha256)
            throws SQLException {
        VisitSubmission submission = checked.submission();
        Optional<VisitRepository.StoredVisit> existing = visits.find(connection, submission.id());
        if (existing.isPresent()) {
            return alreadyStored(connection, existing.get(), submission, submissionSha256);
        }
        Site site = sites.find(connection, submission.siteId()).orElseThrow(() -> new Rejection(RejectionCode.UNKNOWN_SITE,
                "No site " + submission.siteId()));
        if (checked.template() == null) {
            throw new Rejection(RejectionCode.UNKNOWN_TEMPLATE_VERSION, "No checklist " + submission.template());
        }
        List<Problem> problems = checked.problems();
        if (!problems.isEmpty()) {
            throw new Rejection(RejectionCode.VALIDATION_FAILED, problems.size() == 1 ? "1 answer is not acceptable"
                    : problems.size() + " answers are not acceptable", problems);
        }
        VisitRepository.StoredVisit corrected = checkRevision(connection, submission);
        VisitState state = checked.state();
        Visit visit = state.visit();
        String json = checked.stateJson();
        String area = site.area().name();
        long position = ledger.append(connection, context.record(TYPE, visit.id().value(), "SUBMITTED", area, json));
        visits.insert(connection, state, area, submissionSha256, position);
        if (corrected != null) {
            supersede(connection, context, corrected, visit);
        }
        correctiveActions.afterVisit(connection, context, checked.template(), visit, area,
                state.outcome().failedQuestions());
        assignments.afterVisit(connection, context, visit, area);
        evidence.afterVisit(connection, new PhotoEvidence.Actor(context.caller().userId(), context.deviceId(),
                context.mutationId()), visit, site);
        return position;
    }

    /** For direct submissions, which skip the push's batch authorisation: the site must be in the caller's areas. */
    void requireVisible(Connection connection, Caller caller, VisitSubmission submission)
            throws SQLException {
        sites.find(connection, submission.siteId()).ifPresent(site ->
                caller.requireArea(site.area().name(), "Site " + submission.siteId()));
    }

    /**
     * The same visit sent again in a new mutation (a reinstalled app re-sending its outbox) is the visit already held;
     * different content under the same id would rewrite a submitted visit, which never happens.
     */
    private long alreadyStored(Connection connection, VisitRepository.StoredVisit stored, VisitSubmission submission,
                               String submissionSha256) throws SQLException {
        if (!stored.submissionSha256().equals(submissionSha256)) {
            throw new Rejection(RejectionCode.VISIT_IMMUTABLE, "Visit " + submission.id() + " was already submitted with other"
                    + " content; submitted visits never change: submit a correction (revisionOf) instead");
        }
        return Ledger.firstPosition(connection, TYPE, submission.id().value());
    }

    private VisitRepository.StoredVisit checkRevision(Connection connection, VisitSubmission submission)
            throws SQLException {
        if (submission.revisionOf() == null) {
            return null;
        }
        VisitRepository.StoredVisit original = visits.find(connection, submission.revisionOf()).orElseThrow(() ->
                new Rejection(RejectionCode.UNKNOWN_VISIT, "Visit " + submission.revisionOf() + ", which this one corrects,"
                        + " does not exist"));
        Visit originalVisit = original.state().visit();
        if (!originalVisit.site().equals(submission.siteId())
                || !originalVisit.template().id().equals(submission.template().id())) {
            throw new Rejection(RejectionCode.VALIDATION_FAILED, "A correction must be of the same site and checklist as visit "
                    + submission.revisionOf());
        }
        if (original.state().supersededBy() != null) {
            throw new Rejection(RejectionCode.REVISION_CONFLICT, "Visit " + submission.revisionOf() + " was already corrected by "
                    + original.state().supersededBy() + "; correct that one instead");
        }
        return original;
    }

    private void supersede(Connection connection, MutationContext context, VisitRepository.StoredVisit corrected,
                           Visit by) throws SQLException {
        VisitState old = corrected.state();
        VisitState superseded = new VisitState(old.visit(), old.inspectorName(), old.receivedAt(), old.outcome(),
                by.id());
        String json = WireJson.writeChangeData(superseded);
        long position = ledger.append(connection, context.record(TYPE, old.visit().id().value(), "SUPERSEDED",
                corrected.area(), json));
        visits.markSuperseded(connection, old.visit().id(), by.id(), position);
    }
}

package org.fieldledger.client.internal.record;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fieldledger.client.LocalVisit;
import org.fieldledger.client.SyncState;
import org.fieldledger.client.User;
import org.fieldledger.client.internal.outbox.Outbox;
import org.fieldledger.client.internal.outbox.OutboxEntry;
import org.fieldledger.client.internal.store.SiteStore;
import org.fieldledger.client.internal.store.TemplateStore;
import org.fieldledger.client.internal.store.VisitStore;
import org.fieldledger.model.site.GeoPoint;
import org.fieldledger.model.site.Site;
import org.fieldledger.model.site.SiteId;
import org.fieldledger.model.sync.MutationType;
import org.fieldledger.model.sync.SiteFields;
import org.fieldledger.model.sync.SiteUpdate;
import org.fieldledger.model.sync.VisitSubmission;
import org.fieldledger.model.template.Question;
import org.fieldledger.model.template.QuestionType;
import org.fieldledger.model.template.Template;
import org.fieldledger.model.template.TemplateRef;
import org.fieldledger.model.visit.AnswerValue;
import org.fieldledger.model.visit.CheckOutcome;
import org.fieldledger.model.visit.PhotoRef;
import org.fieldledger.model.visit.Problem;
import org.fieldledger.model.visit.Visit;
import org.fieldledger.model.visit.VisitId;
import org.fieldledger.model.visit.VisitStatus;
import org.fieldledger.model.visit.VisitValidator;

/**
 * What an inspector records: drafts, answers, submissions, corrections, sites found or edited in the field. Every
 * change and the mutation that carries it to the server are written in the caller's one transaction, so the device
 * can never hold a submitted visit without its queued mutation, or the other way round.
 */
public final class Recorder {
    private final SiteStore sites;
    private final TemplateStore templates;
    private final VisitStore visits;
    private final Outbox outbox;
    private final Clock clock;
    private final String deviceId;

    public Recorder(SiteStore sites, TemplateStore templates, VisitStore visits, Outbox outbox, Clock clock,
                    String deviceId) {
        this.sites = sites;
        this.templates = templates;
        this.visits = visits;
        this.outbox = outbox;
        this.clock = clock;
        this.deviceId = deviceId;
    }

    public VisitId startVisit(User user, SiteId siteId, TemplateRef ref) {
        if (sites.find(siteId) == null) {
            throw new IllegalArgumentException("there is no site " + siteId + " on this device");
        }
        if (templates.find(ref) == null) {
            throw new IllegalArgumentException("there is no checklist " + ref + " on this device");
        }
        if (templates.isRetired(ref)) {
            throw new IllegalArgumentException("checklist " + ref + " is retired; start the visit with a newer version");
        }
        return newDraft(user, null, siteId, ref, Collections.<String, AnswerValue>emptyMap());
    }

    /** Sets (or, with a null value, clears) one answer; returns the problems the answers now have with that question. */
    public List<Problem> answer(VisitId draftId, String questionId, AnswerValue value) {
        Visit draft = draft(draftId);
        Map<String, AnswerValue> answers = new LinkedHashMap<>(draft.answers());
        if (value == null) {
            answers.remove(questionId);
        } else {
            answers.put(questionId, value);
        }
        visits.updateAnswers(draftId, answers, clock.millis());
        List<Problem> problems = new ArrayList<>();
        for (Problem problem : VisitValidator.validateDraft(template(draft.template()), answers)) {
            if (problem.questionId().equals(questionId)) {
                problems.add(problem);
            }
        }
        return problems;
    }

    /**
     * Adds a photo to a PHOTO question's answer (after the photos already there), or makes it a SIGNATURE question's
     * answer. Returns the problems the question then has.
     */
    public List<Problem> attachPhoto(VisitId draftId, String questionId, PhotoRef photo) {
        Visit draft = draft(draftId);
        QuestionType type = photoQuestion(draftId, questionId);
        if (type == QuestionType.SIGNATURE) {
            return answer(draftId, questionId, new AnswerValue.Signature(photo));
        }
        List<PhotoRef> photos = new ArrayList<>();
        AnswerValue current = draft.answers().get(questionId);
        if (current instanceof AnswerValue.Photos) {
            photos.addAll(((AnswerValue.Photos) current).photos());
        }
        if (!photos.contains(photo)) {
            photos.add(photo);
        }
        return answer(draftId, questionId, new AnswerValue.Photos(photos));
    }

    /** The question's type, when it is a draft's PHOTO or SIGNATURE question; else an exception saying why not. */
    public QuestionType photoQuestion(VisitId draftId, String questionId) {
        Question question = template(draft(draftId).template()).question(questionId);
        if (question == null) {
            throw new IllegalArgumentException("checklist has no question '" + questionId + "'");
        }
        if (question.type() != QuestionType.PHOTO && question.type() != QuestionType.SIGNATURE) {
            throw new IllegalArgumentException("question '" + questionId + "' is " + question.type()
                    + ", not a PHOTO or SIGNATURE question");
        }
        return question.type();
    }

    /** Every problem that would stop the draft being submitted. */
    public List<Problem> problems(VisitId draftId) {
        Visit draft = draft(draftId);
        return VisitValidator.validateForSubmit(template(draft.template()), draft.answers());
    }

    /**
     * Submits a valid draft: it becomes immutable and its SUBMIT_VISIT mutation takes the next seq. Returns the
     * problems instead, changing nothing, when it is not valid.
     */
    public List<Problem> submit(VisitId draftId, GeoPoint location) {
        Visit draft = draft(draftId);
        Template template = template(draft.template());
        List<Problem> problems = VisitValidator.validateForSubmit(template, draft.answers());
        if (!problems.isEmpty()) {
            return problems;
        }
        if (draft.revisionOf() != null) {
            requireNotCorrected(draft.revisionOf(), draftId);
        }
        Visit submitted = new Visit(draft.id(), draft.revisionOf(), draft.site(), draft.template(), draft.inspector(),
                draft.deviceId(), draft.startedAt(), clock.instant(), location, draft.answers(), VisitStatus.SUBMITTED);
        OutboxEntry entry = outbox.enqueue(MutationType.SUBMIT_VISIT, submitted.id().value(),
                VisitSubmission.of(submitted));
        visits.markSubmitted(submitted, entry.mutationId(), CheckOutcome.of(template, submitted.answers()),
                clock.millis());
        return Collections.emptyList();
    }

    public void discardDraft(VisitId draftId) {
        draft(draftId);
        visits.clearReplacement(draftId);
        visits.deleteDraft(draftId);
    }

    /**
     * Starts a correction as a new draft with the same answers. A submitted visit is corrected by a revision that
     * points to it. A refused visit never reached the server's records, so its correction takes its place instead:
     * it corrects what the refused one corrected (usually nothing), and the refused one stops counting against its
     * site.
     */
    public VisitId correct(User user, VisitId visitId) {
        LocalVisit original = visits.find(visitId);
        if (original == null) {
            throw new IllegalArgumentException("there is no visit " + visitId + " on this device");
        }
        Visit visit = original.visit();
        if (original.state() == SyncState.LOCAL_ONLY) {
            throw new IllegalStateException("visit " + visitId + " is a draft: edit its answers instead");
        }
        if (original.state() == SyncState.REJECTED) {
            if (original.supersededBy() != null) {
                throw new IllegalStateException("visit " + visitId + " is already being corrected by "
                        + original.supersededBy());
            }
            VisitId draft = newDraft(user, visit.revisionOf(), visit.site(), visit.template(), visit.answers());
            visits.markReplaced(visitId, draft);
            return draft;
        }
        requireNotCorrected(visitId, null);
        return newDraft(user, visitId, visit.site(), visit.template(), visit.answers());
    }

    public Site createSite(User user, Site site) {
        if (!user.worksIn(site.area())) {
            throw new IllegalArgumentException("site " + site.id() + " is in " + site.area().name() + ", outside "
                    + user.username() + "'s areas " + user.areas());
        }
        if (sites.find(site.id()) != null) {
            throw new IllegalArgumentException("site " + site.id() + " already exists");
        }
        sites.createHere(site);
        outbox.enqueue(MutationType.CREATE_SITE, site.id().value(), site);
        return site;
    }

    public Site updateSite(SiteId siteId, SiteFields fields) {
        if (sites.find(siteId) == null) {
            throw new IllegalArgumentException("there is no site " + siteId + " on this device");
        }
        outbox.enqueue(MutationType.UPDATE_SITE, siteId.value(), new SiteUpdate(siteId, fields));
        sites.recompute(siteId);
        return sites.find(siteId);
    }

    private VisitId newDraft(User user, VisitId revisionOf, SiteId site, TemplateRef ref,
                             Map<String, AnswerValue> answers) {
        Instant now = clock.instant();
        Visit draft = new Visit(VisitId.random(), revisionOf, site, ref, user.id(), deviceId, now, null, null, answers,
                VisitStatus.DRAFT);
        visits.insertDraft(draft, now.toEpochMilli());
        return draft.id();
    }

    /** The server refuses a second correction of one visit (REVISION_CONFLICT); so does the device, earlier. */
    private void requireNotCorrected(VisitId visitId, VisitId exceptDraft) {
        LocalVisit original = visits.find(visitId);
        VisitId by = original == null ? null : original.supersededBy();
        if (by == null) {
            by = visits.draftCorrecting(visitId, exceptDraft);
        }
        if (by != null) {
            throw new IllegalStateException("visit " + visitId + " has already been corrected by " + by
                    + "; correct that one instead");
        }
    }

    private Visit draft(VisitId draftId) {
        LocalVisit visit = visits.find(draftId);
        if (visit == null) {
            throw new IllegalArgumentException("there is no visit " + draftId + " on this device");
        }
        if (visit.visit().status() != VisitStatus.DRAFT) {
            throw new IllegalStateException("visit " + draftId + " has been submitted and cannot change; "
                    + "correct it with a new revision instead");
        }
        return visit.visit();
    }

    private Template template(TemplateRef ref) {
        Template template = templates.find(ref);
        if (template == null) {
            throw new IllegalStateException("checklist " + ref + " is missing from this device");
        }
        return template;
    }
}

package org.fieldledger.client.internal.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.fieldledger.client.LocalPhoto;
import org.fieldledger.client.LocalVisit;
import org.fieldledger.client.internal.photo.PhotoStore;
import org.fieldledger.client.Rejection;
import org.fieldledger.client.SyncState;
import org.fieldledger.client.store.SqlDatabase;
import org.fieldledger.client.store.SqlRow;
import org.fieldledger.model.site.SiteId;
import org.fieldledger.model.sync.Change;
import org.fieldledger.model.sync.VisitState;
import org.fieldledger.model.sync.WireJson;
import org.fieldledger.model.template.TemplateId;
import org.fieldledger.model.template.TemplateRef;
import org.fieldledger.model.visit.AnswerValue;
import org.fieldledger.model.visit.CheckOutcome;
import org.fieldledger.model.visit.Visit;
import org.fieldledger.model.visit.VisitId;
import org.fieldledger.model.visit.VisitStatus;

/**
 * Visits: drafts, visits submitted here, visits pulled. A visit's {@link SyncState} is derived, never stored: from its
 * status, and from whether its mutation is in the outbox, among the rejected, or acknowledged and gone. One source of
 * truth means a crash between two writes cannot leave a visit showing a state its mutation is not in.
 */
public final class VisitStore {
    private static final String VIEW = "SELECT v.*, o.state AS outbox_state, r.code AS rejection_code, "
            + "r.reason AS rejection_reason, r.problems AS rejection_problems, r.rejected_at AS rejected_at, "
            + "(SELECT COUNT(*) FROM photos p WHERE p.visit_id = v.id AND p.state <> 'UPLOADED') AS photos_waiting, "
            + "(SELECT COUNT(*) FROM photos p WHERE p.visit_id = v.id AND p.state = 'UPLOADING') AS photos_uploading, "
            + "(SELECT c.id FROM visits c WHERE c.revision_of = v.id AND c.status = 'SUBMITTED' AND NOT EXISTS "
            + "(SELECT 1 FROM rejected_mutations cr WHERE cr.mutation_id = c.mutation_id) LIMIT 1) AS corrected_here "
            + "FROM visits v LEFT JOIN outbox o ON o.mutation_id = v.mutation_id "
            + "LEFT JOIN rejected_mutations r ON r.mutation_id = v.mutation_id ";

    private final SqlDatabase db;

    public VisitStore(SqlDatabase db) {
        this.db = db;
    }

    public void insertDraft(Visit draft, long now) {
        db.update("INSERT INTO visits (id, revision_of, site_id, template_id, template_version, status, inspector, "
                        + "device_id, started_at, answers, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                draft.id().value(), text(draft.revisionOf()), draft.site().value(), draft.template().id().value(),
                draft.template().version(), VisitStatus.DRAFT.name(), draft.inspector(), draft.deviceId(),
                draft.startedAt().toString(), WireJson.writeAnswers(draft.answers()), now);
    }

    public void updateAnswers(VisitId draft, Map<String, AnswerValue> answers, long now) {
        db.update("UPDATE visits SET answers = ?, updated_at = ? WHERE id = ? AND status = 'DRAFT'",
                WireJson.writeAnswers(answers), now, draft.value());
    }

    /** Makes a draft a submitted visit; from here on it never changes (corrections are new revisions). */
    public void markSubmitted(Visit submitted, String mutationId, CheckOutcome outcome, long now) {
        int changed = db.update("UPDATE visits SET status = 'SUBMITTED', submitted_at = ?, location = ?, answers = ?, "
                        + "mutation_id = ?, outcome = ?, updated_at = ? WHERE id = ? AND status = 'DRAFT'",
                submitted.submittedAt().toString(), LocalJson.geo(submitted.location()),
                WireJson.writeAnswers(submitted.answers()), mutationId, LocalJson.outcome(outcome), now,
                submitted.id().value());
        if (changed != 1) {
            throw new IllegalStateException("visit " + submitted.id() + " is not a draft");
        }
    }

    public boolean deleteDraft(VisitId draft) {
        return db.update("DELETE FROM visits WHERE id = ? AND status = 'DRAFT'", draft.value()) == 1;
    }

    /** Records that a submitted correction replaces a refused visit, so the refusal stops counting against its site. */
    public void markReplaced(VisitId rejected, VisitId replacement) {
        db.update("UPDATE visits SET replaced_by = ? WHERE id = ?", replacement.value(), rejected.value());
    }

    /** Undoes {@link #markReplaced} when the replacing draft is discarded. */
    public void clearReplacement(VisitId draft) {
        db.update("UPDATE visits SET replaced_by = NULL WHERE replaced_by = ?", draft.value());
    }

    /** A draft (other than {@code except}) that corrects this visit, or null. */
    public VisitId draftCorrecting(VisitId visit, VisitId except) {
        List<String> drafts = db.query("SELECT id FROM visits WHERE revision_of = ? AND status = 'DRAFT' AND id <> ?",
                row -> row.getString("id"), visit.value(), except == null ? "" : except.value());
        return drafts.isEmpty() ? null : new VisitId(drafts.get(0));
    }

    public LocalVisit find(VisitId id) {
        List<LocalVisit> found = withPhotos(db.query(VIEW + "WHERE v.id = ?", VisitStore::view, id.value()));
        return found.isEmpty() ? null : found.get(0);
    }

    public List<LocalVisit> all() {
        return withPhotos(db.query(VIEW + "ORDER BY v.started_at DESC, v.id", VisitStore::view));
    }

    public List<LocalVisit> ofSite(SiteId site) {
        return withPhotos(db.query(VIEW + "WHERE v.site_id = ? ORDER BY v.started_at DESC, v.id", VisitStore::view,
                site.value()));
    }

    private List<LocalVisit> withPhotos(List<LocalVisit> visits) {
        Map<String, List<LocalPhoto>> photos = PhotoStore.byVisit(db);
        if (photos.isEmpty()) {
            return visits;
        }
        List<LocalVisit> result = new java.util.ArrayList<>();
        for (LocalVisit visit : visits) {
            result.add(new LocalVisit(visit.visit(), visit.state(), visit.rejection(), visit.outcome(),
                    visit.inspectorName(), visit.supersededBy(), photos.get(visit.id().value())));
        }
        return result;
    }

    /** The states that count towards each site's state: refused visits already replaced by a correction do not. */
    public List<Map.Entry<String, SyncState>> statesBySite() {
        return db.query(VIEW + "WHERE v.replaced_by IS NULL", row -> new java.util.AbstractMap.SimpleImmutableEntry<>(
                row.getString("site_id"), state(row)));
    }

    /**
     * Applies a VISIT change. A visit this device still has unsent, refused or in draft is left alone: the device's
     * own record is the one the user must see until the server has answered for it.
     */
    public void apply(Change change) {
        VisitState state = change.data(VisitState.class);
        Visit visit = state.visit();
        List<LocalVisit> existing = db.query(VIEW + "WHERE v.id = ?", VisitStore::view, visit.id().value());
        if (!existing.isEmpty()) {
            if (existing.get(0).state() != SyncState.SYNCED) {
                return;
            }
            List<Long> positions = db.query("SELECT position FROM visits WHERE id = ?", row -> row.getLong("position"),
                    visit.id().value());
            if (positions.get(0) != null && change.position() <= positions.get(0)) {
                return;
            }
            db.update("DELETE FROM visits WHERE id = ?", visit.id().value());
        }
        db.update("INSERT INTO visits (id, revision_of, site_id, template_id, template_version, status, inspector, "
                        + "device_id, started_at, submitted_at, location, answers, inspector_name, received_at, outcome, "
                        + "superseded_by, position, updated_at) "
                        + "VALUES (?, ?, ?, ?, ?, 'SUBMITTED', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                visit.id().value(), text(visit.revisionOf()), visit.site().value(), visit.template().id().value(),
                visit.template().version(), visit.inspector(), visit.deviceId(), visit.startedAt().toString(),
                visit.submittedAt().toString(), LocalJson.geo(visit.location()), WireJson.writeAnswers(visit.answers()),
                state.inspectorName(), state.receivedAt().toString(), LocalJson.outcome(state.outcome()),
                text(state.supersededBy()), change.position(), state.receivedAt().toEpochMilli());
    }

    private static LocalVisit view(SqlRow row) {
        VisitStatus status = VisitStatus.valueOf(row.getString("status"));
        String submittedAt = row.getString("submitted_at");
        Visit visit = new Visit(new VisitId(row.getString("id")), visitId(row.getString("revision_of")),
                new SiteId(row.getString("site_id")), new TemplateRef(new TemplateId(row.getString("template_id")),
                (int) row.getRequiredLong("template_version")), row.getString("inspector"),
                row.getString("device_id"), Instant.parse(row.getString("started_at")),
                submittedAt == null ? null : Instant.parse(submittedAt), LocalJson.geo(row.getString("location")),
                WireJson.readAnswers(row.getString("answers")), status);
        SyncState state = state(row);
        Rejection rejection = state != SyncState.REJECTED ? null : new Rejection(row.getString("rejection_code"),
                row.getString("rejection_reason"), WireJson.readProblems(row.getString("rejection_problems")),
                Instant.ofEpochMilli(row.getRequiredLong("rejected_at")));
        String supersededBy = row.getString("superseded_by");
        if (supersededBy == null) {
            supersededBy = row.getString("replaced_by") != null ? row.getString("replaced_by")
                    : row.getString("corrected_here");
        }
        return new LocalVisit(visit, state, rejection, LocalJson.outcome(row.getString("outcome")),
                row.getString("inspector_name"), visitId(supersededBy), null);
    }

    private static SyncState state(SqlRow row) {
        if (VisitStatus.DRAFT.name().equals(row.getString("status"))) {
            return SyncState.LOCAL_ONLY;
        }
        String outboxState = row.getString("outbox_state");
        if (outboxState != null) {
            return SyncState.UPLOADING.name().equals(outboxState) ? SyncState.UPLOADING : SyncState.PENDING;
        }
        if (row.getString("rejection_code") != null) {
            return SyncState.REJECTED;
        }
        // The record is on the server; the visit is not, as evidence, until every photo is too.
        if (row.getRequiredLong("photos_uploading") > 0) {
            return SyncState.UPLOADING;
        }
        return row.getRequiredLong("photos_waiting") > 0 ? SyncState.PENDING : SyncState.SYNCED;
    }

    private static VisitId visitId(String text) {
        return text == null ? null : new VisitId(text);
    }

    private static String text(VisitId id) {
        return id == null ? null : id.value();
    }
}

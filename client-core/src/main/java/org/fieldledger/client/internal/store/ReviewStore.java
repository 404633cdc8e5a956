package org.fieldledger.client.internal.store;

import java.util.List;
import org.fieldledger.client.store.SqlDatabase;
import org.fieldledger.model.review.CorrectiveAction;
import org.fieldledger.model.sync.Change;
import org.fieldledger.model.sync.CompletionState;
import org.fieldledger.model.sync.WireJson;
import org.fieldledger.model.visit.Assignment;

/**
 * Completion claims, corrective actions and assignments as pulled: how the offices' decisions, the open 限时销号 items
 * and the visits asked for reach the field. Each record is kept at its highest ledger position.
 */
public final class ReviewStore {
    private final SqlDatabase db;

    public ReviewStore(SqlDatabase db) {
        this.db = db;
    }

    public void applyCompletion(Change change) {
        CompletionState state = change.data(CompletionState.class);
        upsert("completions", change, state.completion().site().value(), state.completion().status().name());
    }

    public void applyCorrectiveAction(Change change) {
        CorrectiveAction action = change.data(CorrectiveAction.class);
        upsert("corrective_actions", change, action.site().value(), action.status().name());
    }

    public void applyAssignment(Change change) {
        Assignment assignment = change.data(Assignment.class);
        upsert("assignments", change, assignment.site().value(), assignment.status().name());
    }

    /** Open assignments for this user: assigned to them, or to anyone in their areas. */
    public List<Assignment> openAssignments(String userId) {
        List<Assignment> open = new java.util.ArrayList<>();
        for (Assignment assignment : db.query("SELECT state FROM assignments WHERE status = 'OPEN' ORDER BY position",
                row -> WireJson.readChange(row.getString("state")).data(Assignment.class))) {
            if (assignment.isFor(userId)) {
                open.add(assignment);
            }
        }
        return open;
    }

    public List<CompletionState> completions() {
        return db.query("SELECT state FROM completions ORDER BY position",
                row -> WireJson.readChange(row.getString("state")).data(CompletionState.class));
    }

    public List<CorrectiveAction> openCorrectiveActions() {
        return db.query("SELECT state FROM corrective_actions WHERE status = 'OPEN' ORDER BY position",
                row -> WireJson.readChange(row.getString("state")).data(CorrectiveAction.class));
    }

    private void upsert(String table, Change change, String siteId, String status) {
        List<Long> positions = db.query("SELECT position FROM " + table + " WHERE id = ?",
                row -> row.getRequiredLong("position"), change.id());
        String json = WireJson.writeChange(change);
        if (positions.isEmpty()) {
            db.update("INSERT INTO " + table + " (id, site_id, status, state, position) VALUES (?, ?, ?, ?, ?)",
                    change.id(), siteId, status, json, change.position());
        } else if (change.position() > positions.get(0)) {
            db.update("UPDATE " + table + " SET site_id = ?, status = ?, state = ?, position = ? WHERE id = ?",
                    siteId, status, json, change.position(), change.id());
        }
    }
}

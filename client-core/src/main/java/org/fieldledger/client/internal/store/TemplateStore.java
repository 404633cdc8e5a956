package org.fieldledger.client.internal.store;

import java.util.List;
import org.fieldledger.client.store.SqlDatabase;
import org.fieldledger.model.sync.Change;
import org.fieldledger.model.sync.TemplateState;
import org.fieldledger.model.sync.WireJson;
import org.fieldledger.model.template.Template;
import org.fieldledger.model.template.TemplateRef;

/** Checklist versions as pulled, each kept at its highest ledger position. */
public final class TemplateStore {
    private final SqlDatabase db;

    public TemplateStore(SqlDatabase db) {
        this.db = db;
    }

    /** Applies a TEMPLATE change unless a later state of that version is already here. */
    public void apply(Change change) {
        TemplateState state = change.data(TemplateState.class);
        TemplateRef ref = state.template().ref();
        List<Long> positions = db.query("SELECT position FROM templates WHERE template_id = ? AND version = ?",
                row -> row.getRequiredLong("position"), ref.id().value(), ref.version());
        String document = WireJson.writeTemplate(state.template());
        if (positions.isEmpty()) {
            db.update("INSERT INTO templates (template_id, version, document, retired, position) VALUES (?, ?, ?, ?, ?)",
                    ref.id().value(), ref.version(), document, state.retired() ? 1 : 0, change.position());
        } else if (change.position() > positions.get(0)) {
            db.update("UPDATE templates SET document = ?, retired = ?, position = ? WHERE template_id = ? AND version = ?",
                    document, state.retired() ? 1 : 0, change.position(), ref.id().value(), ref.version());
        }
    }

    /** Versions a new visit may use: not retired, by id then newest version first. */
    public List<Template> usable() {
        return db.query("SELECT document FROM templates WHERE retired = 0 ORDER BY template_id, version DESC",
                row -> WireJson.readTemplate(row.getString("document")));
    }

    /** Any version, retired or not (visits recorded against a retired version stay readable), or null. */
    public Template find(TemplateRef ref) {
        List<Template> found = db.query("SELECT document FROM templates WHERE template_id = ? AND version = ?",
                row -> WireJson.readTemplate(row.getString("document")), ref.id().value(), ref.version());
        return found.isEmpty() ? null : found.get(0);
    }

    public boolean isRetired(TemplateRef ref) {
        List<Long> retired = db.query("SELECT retired FROM templates WHERE template_id = ? AND version = ?",
                row -> row.getRequiredLong("retired"), ref.id().value(), ref.version());
        return !retired.isEmpty() && retired.get(0) != 0;
    }
}

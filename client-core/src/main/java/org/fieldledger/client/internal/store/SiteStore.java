package org.fieldledger.client.internal.store;

import java.util.List;
import org.fieldledger.client.store.SqlDatabase;
import org.fieldledger.model.site.Site;
import org.fieldledger.model.site.SiteId;
import org.fieldledger.model.sync.Change;
import org.fieldledger.model.sync.MutationType;
import org.fieldledger.model.sync.SiteFields;
import org.fieldledger.model.sync.SiteState;
import org.fieldledger.model.sync.SiteUpdate;
import org.fieldledger.model.sync.WireJson;

/**
 * Sites. What the user sees ({@code current}) is always recomputed as the server's last state (or, until the server
 * has one, the site as created here) with this device's unsent edits from the outbox laid over it, in seq order. So a
 * pulled state never hides an edit still waiting to go out, and an edit the server refused stops showing at once.
 */
public final class SiteStore {
    private static final MutationType SITE_JSON = MutationType.CREATE_SITE;

    private final SqlDatabase db;

    public SiteStore(SqlDatabase db) {
        this.db = db;
    }

    public Site find(SiteId id) {
        List<Site> sites = db.query("SELECT current FROM sites WHERE id = ?", row -> site(row.getString("current")),
                id.value());
        return sites.isEmpty() ? null : sites.get(0);
    }

    public List<Site> all() {
        return db.query("SELECT current FROM sites ORDER BY area, name, id", row -> site(row.getString("current")));
    }

    /** A site created on this device; the server's answer comes with a later pull. */
    public void createHere(Site site) {
        String json = WireJson.writePayload(SITE_JSON, site);
        db.update("INSERT INTO sites (id, area, name, current, created_here) VALUES (?, ?, ?, ?, ?)", site.id().value(),
                site.area().name(), site.name(), json, json);
    }

    /** Applies a SITE change unless a later state is already here, then lays unsent edits over it. */
    public void apply(Change change) {
        SiteState state = change.data(SiteState.class);
        String id = state.site().id().value();
        List<Long> positions = db.query("SELECT position FROM sites WHERE id = ?", row -> row.getLong("position"), id);
        String json = WireJson.writeChange(change);
        if (positions.isEmpty()) {
            db.update("INSERT INTO sites (id, area, name, current, server_state, position) VALUES (?, ?, ?, ?, ?, ?)",
                    id, state.site().area().name(), state.site().name(), WireJson.writePayload(SITE_JSON,
                            state.site()), json, change.position());
        } else if (positions.get(0) == null || change.position() > positions.get(0)) {
            db.update("UPDATE sites SET server_state = ?, position = ? WHERE id = ?", json, change.position(), id);
        } else {
            return;
        }
        recompute(state.site().id());
    }

    /** Recomputes what the user sees; call after an edit is queued, refused or acknowledged. */
    public void recompute(SiteId id) {
        List<String[]> rows = db.query("SELECT server_state, created_here FROM sites WHERE id = ?",
                row -> new String[] {row.getString("server_state"), row.getString("created_here")}, id.value());
        if (rows.isEmpty()) {
            return;
        }
        Site site = rows.get(0)[0] != null ? WireJson.readChange(rows.get(0)[0]).data(SiteState.class).site()
                : site(rows.get(0)[1]);
        for (SiteFields fields : unsentEdits(id)) {
            site = overlay(site, fields);
        }
        db.update("UPDATE sites SET area = ?, name = ?, current = ? WHERE id = ?", site.area().name(), site.name(),
                WireJson.writePayload(SITE_JSON, site), id.value());
    }

    private List<SiteFields> unsentEdits(SiteId id) {
        return db.query("SELECT payload FROM outbox WHERE type = ? AND record_id = ? ORDER BY seq",
                row -> ((SiteUpdate) WireJson.readPayload(MutationType.UPDATE_SITE, row.getString("payload"))).fields(),
                MutationType.UPDATE_SITE.name(), id.value());
    }

    static Site overlay(Site site, SiteFields fields) {
        return new Site(site.id(), fields.name() != null ? fields.name() : site.name(), site.kind(), site.area(),
                fields.address() != null ? fields.address() : site.address(),
                fields.location() != null ? fields.location() : site.location(), site.projects());
    }

    private static Site site(String json) {
        return (Site) WireJson.readPayload(SITE_JSON, json);
    }
}

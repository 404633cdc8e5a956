package org.fieldledger.server.site;

import org.fieldledger.model.sync.RejectionCode;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fieldledger.model.site.GeoPoint;
import org.fieldledger.model.site.Site;
import org.fieldledger.model.sync.Hlc;
import org.fieldledger.model.sync.SiteFields;
import org.fieldledger.model.sync.SiteState;
import org.fieldledger.model.sync.SiteUpdate;
import org.fieldledger.model.sync.WireJson;
import org.fieldledger.model.sync.HlcClock;
import org.fieldledger.server.auth.Caller;
import org.fieldledger.server.ledger.Ledger;
import org.fieldledger.server.ledger.LedgerRecord;
import org.fieldledger.server.storage.Sql;
import org.fieldledger.server.sync.FieldMerges;
import org.fieldledger.server.sync.MutationContext;
import org.fieldledger.server.sync.Rejection;

/**
 * Sites created and edited from the field. A site is shared: an inspector and the town office may both correct its
 * address offline, so edits merge field by field by hybrid logical clock, and the losing value is logged.
 */
@Singleton
public class SiteMutations {
    static final String TYPE = "SITE";

    private final SiteRepository sites;
    private final FieldMerges merges;
    private final Ledger ledger;
    private final HlcClock serverClock;

    SiteMutations(SiteRepository sites, FieldMerges merges, Ledger ledger, HlcClock serverClock) {
        this.sites = sites;
        this.merges = merges;
        this.ledger = ledger;
        this.serverClock = serverClock;
    }

    /**
     * Records a site written through the office API (create or replace): its fields are stamped with the server's
     * clock, and the change enters the ledger, so devices in the area receive it on their next pull.
     */
    void recordOfficeChange(Connection connection, Caller caller, Site site, String action) throws SQLException {
        Hlc now = serverClock.now();
        Map<String, Hlc> clocks = new LinkedHashMap<>();
        for (String field : SiteState.MERGEABLE_FIELDS) {
            clocks.put(field, now);
        }
        saveClocks(connection, site, clocks);
        ledger.append(connection, new LedgerRecord(TYPE, site.id().value(), action, site.area().name(),
                caller.userId(), caller.deviceId(), null, WireJson.writeChangeData(new SiteState(site, clocks))));
    }

    public long create(Connection connection, MutationContext context, Site site) throws SQLException {
        var existing = sites.find(connection, site.id());
        if (existing.isPresent()) {
            if (existing.get().equals(site)) {
                return Ledger.firstPosition(connection, TYPE, site.id().value());
            }
            throw new Rejection(RejectionCode.SITE_EXISTS, "Site " + site.id() + " already exists with other content; edit it"
                    + " with UPDATE_SITE");
        }
        checkReferences(connection, site);
        sites.insert(connection, site, context.caller().userId(), context.receivedAt().toEpochMilli());
        Map<String, Hlc> clocks = new LinkedHashMap<>();
        for (String field : SiteState.MERGEABLE_FIELDS) {
            clocks.put(field, context.clock());
        }
        saveClocks(connection, site, clocks);
        return record(connection, context, "CREATED", new SiteState(site, clocks));
    }

    public long update(Connection connection, MutationContext context, SiteUpdate update) throws SQLException {
        Site site = sites.find(connection, update.siteId()).orElseThrow(() -> new Rejection(RejectionCode.UNKNOWN_SITE,
                "No site " + update.siteId()));
        Map<String, String> values = new LinkedHashMap<>();
        values.put("name", site.name());
        values.put("address", site.address());
        values.put("location", location(site.location()));
        Map<String, String> incoming = new LinkedHashMap<>();
        SiteFields fields = update.fields();
        if (fields.name() != null) {
            incoming.put("name", fields.name());
        }
        if (fields.address() != null) {
            incoming.put("address", fields.address());
        }
        if (fields.location() != null) {
            incoming.put("location", location(fields.location()));
        }
        FieldMerges.Merged merged = merges.merge(connection, context, TYPE, site.id().value(), values,
                clocks(connection, site), incoming);
        Site edited = new Site(site.id(), merged.values().get("name"), site.kind(), site.area(),
                merged.values().get("address"), location(merged.values().get("location")), site.projects());
        sites.update(connection, edited, context.caller().userId(), context.receivedAt().toEpochMilli());
        saveClocks(connection, edited, merged.clocks());
        return record(connection, context, "UPDATED", new SiteState(edited, merged.clocks()));
    }

    private long record(Connection connection, MutationContext context, String action, SiteState state)
            throws SQLException {
        return ledger.append(connection, context.record(TYPE, state.site().id().value(), action,
                state.site().area().name(), WireJson.writeChangeData(state)));
    }

    private static void checkReferences(Connection connection, Site site) throws SQLException {
        if (Sql.queryOne(connection, "SELECT 1 FROM area WHERE name = ?", row -> 1, site.area().name()).isEmpty()) {
            throw new Rejection(RejectionCode.VALIDATION_FAILED, "No area " + site.area().name());
        }
        for (var project : site.projects()) {
            if (Sql.queryOne(connection, "SELECT 1 FROM project WHERE id = ?", row -> 1, project.value()).isEmpty()) {
                throw new Rejection(RejectionCode.UNKNOWN_PROJECT, "No project " + project);
            }
        }
    }

    private static Map<String, Hlc> clocks(Connection connection, Site site) throws SQLException {
        Map<String, Hlc> clocks = new LinkedHashMap<>();
        Sql.query(connection, "SELECT field, clock FROM site_field_clock WHERE site_id = ?",
                row -> clocks.put(row.getString(1), Hlc.parse(row.getString(2))), site.id().value());
        return clocks;
    }

    private static void saveClocks(Connection connection, Site site, Map<String, Hlc> clocks) throws SQLException {
        Sql.update(connection, "DELETE FROM site_field_clock WHERE site_id = ?", site.id().value());
        for (Map.Entry<String, Hlc> clock : clocks.entrySet()) {
            Sql.update(connection, "INSERT INTO site_field_clock (site_id, field, clock) VALUES (?, ?, ?)",
                    site.id().value(), clock.getKey(), clock.getValue().toString());
        }
    }

    /** A location as one mergeable value: {@code latitude,longitude[,accuracy]}. */
    private static String location(GeoPoint point) {
        if (point == null) {
            return null;
        }
        return point.latitude() + "," + point.longitude()
                + (point.accuracyMeters() == null ? "" : "," + point.accuracyMeters());
    }

    private static GeoPoint location(String text) {
        if (text == null) {
            return null;
        }
        String[] parts = text.split(",");
        return new GeoPoint(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]),
                parts.length > 2 ? Double.valueOf(parts[2]) : null);
    }
}

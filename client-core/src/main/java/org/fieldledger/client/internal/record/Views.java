package org.fieldledger.client.internal.record;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fieldledger.client.LocalSite;
import org.fieldledger.client.SyncState;
import org.fieldledger.client.internal.outbox.Outbox;
import org.fieldledger.client.internal.store.SiteStore;
import org.fieldledger.client.internal.store.VisitStore;
import org.fieldledger.model.site.Site;
import org.fieldledger.model.site.SiteId;
import org.fieldledger.model.sync.MutationType;

/**
 * Sites with their sync state: the worst of the site's own (a queued creation or edit, a refused creation) and of its
 * visits, as a DHIS2-style parent shows its children's worst. Computed from three queries for the whole list, not
 * per site, so a town's few hundred households list quickly. Callers hold a transaction.
 */
public final class Views {
    private final SiteStore sites;
    private final VisitStore visits;
    private final Outbox outbox;

    public Views(SiteStore sites, VisitStore visits, Outbox outbox) {
        this.sites = sites;
        this.visits = visits;
        this.outbox = outbox;
    }

    public List<LocalSite> sites() {
        Map<String, SyncState> states = states();
        List<LocalSite> result = new ArrayList<>();
        for (Site site : sites.all()) {
            result.add(new LocalSite(site, states.getOrDefault(site.id().value(), SyncState.SYNCED)));
        }
        return result;
    }

    public LocalSite site(SiteId id) {
        Site site = sites.find(id);
        return site == null ? null : new LocalSite(site, states().getOrDefault(id.value(), SyncState.SYNCED));
    }

    private Map<String, SyncState> states() {
        Map<String, SyncState> states = new HashMap<>(outbox.recordStates(MutationType.CREATE_SITE,
                MutationType.UPDATE_SITE));
        for (String site : outbox.rejectedRecords(MutationType.CREATE_SITE)) {
            states.merge(site, SyncState.REJECTED, SyncState::worst);
        }
        for (Map.Entry<String, SyncState> visit : visits.statesBySite()) {
            states.merge(visit.getKey(), visit.getValue(), SyncState::worst);
        }
        return states;
    }
}

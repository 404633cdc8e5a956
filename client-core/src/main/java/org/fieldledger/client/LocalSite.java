package org.fieldledger.client;

import java.util.Objects;
import org.fieldledger.model.site.Site;

/**
 * A site as this device shows it: the server's state with this device's unsent edits laid over it.
 *
 * @param state the worst of the site's own state (an unsent creation or edit, a refused creation) and the states of
 *     its visits; a refused visit stops counting once a correction of it has been submitted
 */
public record LocalSite(Site site, SyncState state) {
    public LocalSite {
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(state, "sync state");
    }
}

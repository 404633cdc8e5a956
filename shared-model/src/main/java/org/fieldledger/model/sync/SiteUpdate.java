package org.fieldledger.model.sync;

import java.util.Objects;
import org.fieldledger.model.site.SiteId;

/** The payload of {@code UPDATE_SITE}: the fields of one site that this edit changes. */
public record SiteUpdate(SiteId siteId, SiteFields fields) {
    public SiteUpdate {
        Objects.requireNonNull(siteId, "site id");
        Objects.requireNonNull(fields, "site fields");
    }
}

package org.fieldledger.model.sync;

import org.fieldledger.model.internal.Checks;
import org.fieldledger.model.site.GeoPoint;

/**
 * The mergeable fields of a site. Each is null when the update does not change it; the server keeps, per field, the
 * value and the HLC of the write that set it, and the later clock wins (docs/protocol.md, UPDATE_SITE).
 *
 * <p>A field cannot be cleared this way: "no change" and "no value" would look alike on the wire.
 */
public record SiteFields(String name, String address, GeoPoint location) {
    public SiteFields {
        if (name != null) {
            Checks.nonBlank(name, "site name");
        }
        if (address != null) {
            Checks.nonBlank(address, "site address");
        }
        if (name == null && address == null && location == null) {
            throw new IllegalArgumentException("a site update must change at least one of name, address, location");
        }
    }
}

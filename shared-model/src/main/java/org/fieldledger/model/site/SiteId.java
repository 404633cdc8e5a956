package org.fieldledger.model.site;

import java.util.regex.Pattern;
import org.fieldledger.model.internal.Checks;

/** A site's id; devices may create sites offline, so ids are strings a device can mint (UUIDs) as well as slugs. */
public record SiteId(String value) {
    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public SiteId {
        Checks.matches(value, FORMAT, "site id");
    }

    @Override
    public String toString() {
        return value;
    }
}

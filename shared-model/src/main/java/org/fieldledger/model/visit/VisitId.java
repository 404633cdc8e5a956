package org.fieldledger.model.visit;

import java.util.UUID;
import java.util.regex.Pattern;
import org.fieldledger.model.internal.Checks;

/** A visit's id, minted on the device that recorded it (offline, so it cannot ask the server for one). */
public record VisitId(String value) {
    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public VisitId {
        Checks.matches(value, FORMAT, "visit id");
    }

    public static VisitId random() {
        return new VisitId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}

package org.fieldledger.model.sync;

import java.util.List;
import java.util.Objects;
import org.fieldledger.model.internal.Checks;

/**
 * The answer to a push: one result per mutation, in the order sent.
 *
 * @param acknowledgedThrough the highest seq for which this and every earlier mutation of the device has been processed
 *     (applied or rejected); 0 before the first. Everything up to it may leave the outbox.
 * @param serverClock the server's HLC, for the device's clock to {@link HlcClock#receive}
 */
public record PushResponse(List<PushResult> results, long acknowledgedThrough, Hlc serverClock) {
    public PushResponse {
        results = Checks.immutableList(results, "results");
        if (acknowledgedThrough < 0) {
            throw new IllegalArgumentException("acknowledgedThrough must be 0 or more, was " + acknowledgedThrough);
        }
        Objects.requireNonNull(serverClock, "server clock");
    }
}

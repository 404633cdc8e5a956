package org.fieldledger.client;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * What one {@link FieldDevice#sync} did. Counts are of push results as the server gave them: a {@code DUPLICATE} is
 * counted as a duplicate, whatever its original status.
 *
 * @param pushed mutations sent (a mutation sent twice in one sync, after a deferral, counts twice)
 * @param pulled changes applied from the pull feed
 * @param errors what went wrong, for a log or a status line; empty when the sync completed
 * @param nextAttemptAt when a sync will next go to the network without {@code force}, while backing off; else null
 * @param photosUploaded photos the server confirmed in this sync
 * @param photosFailed photos the server refused for good in this sync ({@link LocalPhoto#error()} says why); a
 *     sync that only refused photos is still COMPLETED, but their visits stay PENDING
 */
public record SyncReport(Outcome outcome, int pushed, int applied, int duplicates, int rejected, int deferred,
                         int pulled, List<String> errors, Instant nextAttemptAt, int photosUploaded,
                         int photosFailed) {
    /** How a sync ended. Only COMPLETED means the device is up to date with the server as of this sync. */
    public enum Outcome {
        /** Pushed everything it could and pulled every page. */
        COMPLETED,
        /** Did not go to the network: an earlier sync failed and the back-off has not run out. */
        BACKING_OFF,
        /** The network or the server failed (no response, 5xx, 429); everything stays queued and is retried. */
        NETWORK_ERROR,
        /** The session cannot be refreshed: the user must log in again. Everything stays queued. */
        SESSION_EXPIRED,
        /** Nobody has logged in on this device yet. */
        NOT_LOGGED_IN,
        /** The server refused a request as a whole (403, 400, 413 …): a bug to report. Everything stays queued. */
        REFUSED
    }

    public SyncReport {
        Objects.requireNonNull(outcome, "outcome");
        errors = Collections.unmodifiableList(new ArrayList<>(errors));
    }

    public boolean isComplete() {
        return outcome == Outcome.COMPLETED;
    }
}

package org.fieldledger.client.internal.sync;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.fieldledger.client.SyncReport;

/** The running counts of one sync, turned into its {@link SyncReport} at the end. */
final class Tally {
    int pushed;
    int applied;
    int duplicates;
    int rejected;
    int deferred;
    int pulled;
    int photosUploaded;
    int photosFailed;
    final List<String> errors = new ArrayList<>();

    /** Mutations the server has given its final word on: applied, duplicate or rejected. */
    long answered() {
        return applied + duplicates + rejected;
    }

    SyncReport report(SyncReport.Outcome outcome, Instant nextAttemptAt) {
        return new SyncReport(outcome, pushed, applied, duplicates, rejected, deferred, pulled, errors, nextAttemptAt,
                photosUploaded, photosFailed);
    }
}

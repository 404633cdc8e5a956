package org.fieldledger.client;

import java.time.Instant;

/**
 * Where this device stands with the server, as of its last sync attempt; read offline, for a status screen.
 *
 * @param lastSyncedAt when a sync last completed (device clock), or null if none has
 * @param failuresInARow syncs that failed since the last one completed
 * @param lastError what the last failed sync ran into, or null after a completed one
 * @param nextAttemptAt after a failure, when {@link FieldDevice#sync()} goes to the network again (it may be past);
 *     null after a completed sync
 * @param sessionExpired the server refused the session: log in again (nothing queued is lost)
 */
public record SyncStatus(Instant lastSyncedAt, long failuresInARow, String lastError, Instant nextAttemptAt,
                         boolean sessionExpired) {
}

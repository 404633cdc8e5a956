package org.fieldledger.client;

/**
 * Where a record stands between this device and the server. Every visit and site carries one; a site shows the worst
 * state of itself and its visits, so a list of sites tells the inspector where something still needs attention.
 * Constants are declared from best to worst.
 */
public enum SyncState {
    /** The server has it, as shown. */
    SYNCED,
    /** Being sent right now. */
    UPLOADING,
    /** Saved here and queued; it goes out with the next successful sync. */
    PENDING,
    /** A draft: only on this device, not yet submitted. */
    LOCAL_ONLY,
    /** The server refused it for good; see the rejection's code, reason and problems. */
    REJECTED;

    public static SyncState worst(SyncState a, SyncState b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }

}

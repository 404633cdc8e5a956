package org.fieldledger.model.sync;

/** What the server did with one pushed mutation (docs/protocol.md, "Push"). */
public enum PushStatus {
    /** Applied now; the result carries its ledger position. The device drops it from the outbox. */
    APPLIED,
    /** Processed before (same id, seq and content); {@code originalStatus} says how. Treat it as that status. */
    DUPLICATE,
    /** Refused for good, with a code, a reason and, for answers, problems. The server stores it; the device shows it. */
    REJECTED,
    /** Not looked at: an earlier seq has not arrived ({@code SEQUENCE_GAP}). Send it again after the missing ones. */
    DEFERRED
}

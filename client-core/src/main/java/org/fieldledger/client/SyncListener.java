package org.fieldledger.client;

import org.fieldledger.model.visit.PhotoRef;
import org.fieldledger.model.visit.VisitId;

/**
 * Follows one {@link FieldDevice#sync(boolean, SyncListener)} as it runs, to drive a progress bar per phase. It is
 * called on the syncing thread, never while the database lock is held, so it may read the device; it must not throw.
 *
 * <p>Every method has an empty default, and new phases and callbacks are added the same way (as enum constants and
 * default methods), so a listener written today keeps compiling; it should pass over phases it does not know.
 */
public interface SyncListener {
    /** A listener that ignores everything. */
    SyncListener NONE = new SyncListener() {
    };

    /** The steps of a sync, in the order they run. */
    enum Phase {
        /** Sending the outbox; counted in mutations the server has answered for. */
        PUSH,
        /**
         * Uploading photos whose visits the server has accepted, after PUSH and before PULL; counted in photos the
         * server holds (or refused for good). Each photo's bytes are reported by {@link #photoProgressed}.
         */
        PHOTOS,
        /** Applying the server's feed; counted in changes applied. The feed's length is not known ahead. */
        PULL
    }

    /**
     * A phase begins.
     *
     * @param total how many items it expects to move, or -1 when that is not known ahead
     */
    default void phaseStarted(Phase phase, long total) {
    }

    /**
     * Items of the phase are done.
     *
     * @param done the phase's running count
     * @param total as in {@link #phaseStarted}, raised when more turned up than expected (recorded during the sync)
     */
    default void progressed(Phase phase, long done, long total) {
    }

    /**
     * Bytes of one photo reached the server, during {@link Phase#PHOTOS}: after each chunk it acknowledged, and once
     * with {@code sentBytes == totalBytes} when it holds the whole photo (at once when it already had it). Nothing
     * follows for a photo the server refuses: {@link #photoFinished} says so.
     *
     * @param visit the visit the photo belongs to (the first one, when it is attached to several)
     * @param sentBytes how much of the photo the server holds now, counting what an earlier sync sent
     */
    default void photoProgressed(VisitId visit, PhotoRef photo, long sentBytes, long totalBytes) {
    }

    /**
     * One photo is done with during {@link Phase#PHOTOS}: the server holds it ({@code error} null) or refused it for
     * good ({@code error} its reason, as {@link LocalPhoto#error()} keeps it). Not called for a photo a network failure
     * cut off: it stays queued.
     */
    default void photoFinished(VisitId visit, PhotoRef photo, String error) {
    }

    /** The phase completed. Not called for a phase a failure cut off: the {@link SyncReport} says what happened. */
    default void phaseFinished(Phase phase) {
    }
}

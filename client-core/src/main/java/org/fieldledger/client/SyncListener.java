package org.fieldledger.client;

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

    /** The phase completed. Not called for a phase a failure cut off: the {@link SyncReport} says what happened. */
    default void phaseFinished(Phase phase) {
    }
}

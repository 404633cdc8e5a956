package org.fieldledger.model.sync;

import java.time.Clock;
import java.util.Objects;

/**
 * A hybrid logical clock for one node, following the protocol's rules (docs/protocol.md, "Identities and clocks").
 * It never goes backwards, even when the wall clock does, and after {@link #receive} it is ahead of everything the
 * node has seen: a device whose clock is a day slow still stamps its edits after the server edits it has pulled.
 *
 * <p>Thread-safe. The owner persists {@link #last()} and passes it back to the constructor after a restart, so a clock
 * that was moved forward by a remote stamp does not fall back to the device's slow wall time.
 */
public final class HlcClock {
    private final Clock clock;
    private final String node;
    private Hlc last;

    public HlcClock(Clock clock, String node) {
        this(clock, node, null);
    }

    /** @param last the newest stamp this node issued or received before, or null for a fresh node */
    public HlcClock(Clock clock, String node, Hlc last) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.node = node;
        this.last = last == null ? new Hlc(0, 0, node) : new Hlc(last.wallMillis(), last.counter(), node);
    }

    /** A stamp for a local event or a send: {@code wall = max(previous.wall, now)}, counter +1 if it did not move. */
    public synchronized Hlc now() {
        long wall = Math.max(last.wallMillis(), clock.millis());
        return advance(wall, wall == last.wallMillis() ? last.counter() + 1 : 0);
    }

    /**
     * Merges a remote stamp (every push and pull response carries the server's clock):
     * {@code wall = max(previous.wall, remote.wall, now)}, and the counter continues, +1, from whichever of the two
     * had that wall (the larger counter when both did), or starts at 0 when the local wall clock is ahead of both.
     */
    public synchronized Hlc receive(Hlc remote) {
        Objects.requireNonNull(remote, "remote HLC");
        long wall = Math.max(Math.max(last.wallMillis(), remote.wallMillis()), clock.millis());
        int counter;
        if (wall == last.wallMillis() && wall == remote.wallMillis()) {
            counter = Math.max(last.counter(), remote.counter()) + 1;
        } else if (wall == last.wallMillis()) {
            counter = last.counter() + 1;
        } else if (wall == remote.wallMillis()) {
            counter = remote.counter() + 1;
        } else {
            counter = 0;
        }
        return advance(wall, counter);
    }

    /** The newest stamp issued or received; what to persist. */
    public synchronized Hlc last() {
        return last;
    }

    public String node() {
        return node;
    }

    /**
     * The fixed-width counter holds a million events per millisecond. A node that exhausts it (a device a day slow
     * recording without ever syncing) moves its wall one millisecond on rather than wrapping: order is kept, and the
     * stamp is still later than every stamp it has seen.
     */
    private Hlc advance(long wall, int counter) {
        if (counter > Hlc.MAX_COUNTER) {
            wall = wall + 1;
            counter = 0;
        }
        last = new Hlc(wall, counter, node);
        return last;
    }
}

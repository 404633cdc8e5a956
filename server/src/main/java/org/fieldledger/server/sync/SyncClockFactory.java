package org.fieldledger.server.sync;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.fieldledger.model.sync.HlcClock;

@Factory
class SyncClockFactory {
    /** The server's hybrid logical clock; every push and pull response carries a reading so devices can catch up. */
    @Singleton
    HlcClock serverClock(Clock clock) {
        return new HlcClock(clock, "server");
    }
}

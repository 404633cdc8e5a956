package org.fieldledger.server.sync;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import org.fieldledger.model.ErrorCode;
import org.fieldledger.model.sync.HlcClock;
import org.fieldledger.model.sync.MutationType;
import org.fieldledger.model.sync.WireFormatException;
import org.fieldledger.model.sync.WireJson;
import org.fieldledger.server.auth.Caller;
import org.fieldledger.server.error.ApiException;
import org.fieldledger.server.storage.Database;
import org.fieldledger.server.storage.Hashes;

/**
 * A mutation's payload sent by an always-online client (a town office's browser, a script) as a plain REST call: the
 * same reading and the same applier as a push, but answered directly, 4xx for what a push would reject, and with
 * nothing written unless it succeeds.
 */
@Singleton
public class DirectSubmissions {
    /** The device id recorded for changes that came from the console rather than a device. */
    static final String CONSOLE = "console";

    private final Database database;
    private final HlcClock serverClock;
    private final Clock clock;

    DirectSubmissions(Database database, HlcClock serverClock, Clock clock) {
        this.database = database;
        this.serverClock = serverClock;
        this.clock = clock;
    }

    /** Applies a payload; the applier gets the payload, its content hash and the context. */
    @FunctionalInterface
    public interface Applier<T> {
        long apply(Connection connection, MutationContext context, T payload, String payloadSha256)
                throws SQLException;
    }

    /** @return the payload as read, once applied */
    public <T> T submit(Caller caller, MutationType type, Class<T> payloadType, String body, Applier<T> applier) {
        T payload;
        String canonical;
        try {
            payload = payloadType.cast(WireJson.readPayload(type, body));
            canonical = WireJson.writePayload(type, payload);
        } catch (WireFormatException e) {
            throw new ApiException(ErrorCode.MALFORMED_REQUEST, e.getMessage());
        }
        MutationContext context = new MutationContext(caller, caller.deviceId() == null ? CONSOLE : caller.deviceId(),
                null, serverClock.now(), Instant.now(clock));
        try {
            database.write(connection -> applier.apply(connection, context, payload, Hashes.sha256(canonical)));
        } catch (Rejection rejection) {
            throw rejection.toApiException();
        }
        return payload;
    }
}

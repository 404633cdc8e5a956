package org.fieldledger.server.sync;

import org.fieldledger.model.sync.RejectionCode;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.fieldledger.model.ErrorCode;
import org.fieldledger.model.sync.Hlc;
import org.fieldledger.model.sync.HlcClock;
import org.fieldledger.model.sync.Mutation;
import org.fieldledger.model.sync.PushRequest;
import org.fieldledger.model.sync.PushResponse;
import org.fieldledger.model.sync.PushResult;
import org.fieldledger.model.sync.WireJson;
import org.fieldledger.server.auth.Caller;
import org.fieldledger.server.error.ApiException;
import org.fieldledger.server.storage.Database;
import org.fieldledger.server.storage.Hashes;

/**
 * Applies a device's push: exactly once, in device order, each mutation committed on its own so that a server that
 * dies mid-batch keeps what it acknowledged and the retry continues after it. See docs/protocol.md, "Push".
 */
@Singleton
public class PushService {
    /** How far ahead of the server a device clock may run before it is clamped (docs/protocol.md, "clocks"). */
    static final Duration MAX_CLOCK_LEAD = Duration.ofMinutes(5);

    private final Database database;
    private final MutationLog log;
    private final PushAuthorizer authorizer;
    private final MutationAppliers appliers;
    private final ConflictLog conflicts;
    private final HlcClock serverClock;
    private final Clock clock;

    PushService(Database database, MutationLog log, PushAuthorizer authorizer, MutationAppliers appliers,
                ConflictLog conflicts, HlcClock serverClock, Clock clock) {
        this.database = database;
        this.log = log;
        this.authorizer = authorizer;
        this.appliers = appliers;
        this.conflicts = conflicts;
        this.serverClock = serverClock;
        this.clock = clock;
    }

    public PushResponse push(Caller caller, PushRequest request) {
        if (caller.deviceId() == null || !caller.deviceId().equals(request.deviceId())) {
            throw new ApiException(ErrorCode.FORBIDDEN, "This session was opened for device "
                    + (caller.deviceId() == null ? "(none)" : caller.deviceId()) + ", not " + request.deviceId()
                    + "; log in from the device to push its records");
        }
        authorizer.authorize(caller, request.mutations());
        List<PushResult> results = new ArrayList<>();
        for (Mutation mutation : request.mutations()) {
            results.add(database.write(connection -> processOne(connection, caller, request.deviceId(), mutation)));
        }
        long acknowledged = database.read(connection -> log.acknowledgedThrough(connection, request.deviceId()));
        return new PushResponse(results, acknowledged, serverClock.now());
    }

    private PushResult processOne(Connection connection, Caller caller, String deviceId, Mutation mutation)
            throws SQLException {
        long acknowledged = log.lockDevice(connection, deviceId, caller.userId());
        String json = mutation.isReadable() ? WireJson.writeMutation(mutation) : unreadableJson(mutation);
        String sha256 = Hashes.sha256(json);
        Optional<MutationLog.StoredMutation> stored = mutation.seq() <= acknowledged
                ? log.find(connection, deviceId, mutation.seq()) : Optional.empty();
        switch (Sequencing.decide(acknowledged, mutation.seq(), mutation.id(), sha256,
                stored.map(MutationLog.StoredMutation::identity).orElse(null))) {
            case DUPLICATE:
                return PushResult.duplicateOf(stored.orElseThrow().result());
            case CONFLICT:
                return PushResult.rejected(mutation.id(), mutation.seq(), RejectionCode.MUTATION_CONFLICT.name(), "seq "
                        + mutation.seq() + " was already used by mutation " + stored.map(s -> s.identity().mutationId())
                        .orElse("(unknown)") + " with other content; a mutation is never rewritten", List.of());
            case DEFER:
                return PushResult.deferred(mutation.id(), mutation.seq(), "expected seq " + (acknowledged + 1)
                        + " first");
            default:
                break;
        }
        Instant receivedAt = Instant.now(clock);
        PushResult result = apply(connection, caller, deviceId, mutation, receivedAt);
        log.record(connection, deviceId, caller.userId(), mutation.isReadable() ? mutation.type().name() : "UNREADABLE",
                sha256, json, result, receivedAt.toString());
        return result;
    }

    private PushResult apply(Connection connection, Caller caller, String deviceId, Mutation mutation,
                             Instant receivedAt) throws SQLException {
        Optional<Long> usedAt = log.seqOf(connection, mutation.id());
        if (usedAt.isPresent()) {
            return PushResult.rejected(mutation.id(), mutation.seq(), RejectionCode.MUTATION_CONFLICT.name(), "mutation id "
                    + mutation.id() + " was already used at seq " + usedAt.get(), List.of());
        }
        if (!mutation.isReadable()) {
            return PushResult.rejected(mutation.id(), mutation.seq(), RejectionCode.UNSUPPORTED_MUTATION.name(),
                    mutation.problem().getMessage(), List.of());
        }
        MutationContext context = new MutationContext(caller, deviceId, mutation.id(),
                clamp(mutation.hlc(), receivedAt), receivedAt);
        // Appliers check before they write, but a savepoint makes sure a rejection never leaves half a change.
        Savepoint beforeApply = connection.setSavepoint();
        try {
            long position = appliers.apply(connection, context, mutation);
            if (!context.clock().equals(mutation.hlc())) {
                conflicts.clockClamped(connection, context, mutation.hlc(), context.clock());
            }
            return PushResult.applied(mutation.id(), mutation.seq(), position);
        } catch (Rejection rejection) {
            connection.rollback(beforeApply);
            return PushResult.rejected(mutation.id(), mutation.seq(), rejection.code().name(), rejection.getMessage(),
                    rejection.problems());
        }
    }

    /** A device clock far ahead would win every merge until real time caught up; the server's clock bounds it. */
    private Hlc clamp(Hlc sent, Instant receivedAt) {
        if (sent.wallMillis() > receivedAt.plus(MAX_CLOCK_LEAD).toEpochMilli()) {
            return serverClock.now();
        }
        serverClock.receive(sent);
        return sent;
    }

    private static String unreadableJson(Mutation mutation) {
        com.google.gson.JsonObject json = new com.google.gson.JsonObject();
        json.addProperty("id", mutation.id());
        json.addProperty("seq", mutation.seq());
        json.addProperty("unreadable", mutation.problem().getMessage());
        return json.toString();
    }

}

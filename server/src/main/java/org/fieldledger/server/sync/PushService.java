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
import java.util.Map;
import java.util.Optional;
import org.fieldledger.model.ErrorCode;
import org.fieldledger.model.sync.Hlc;
import org.fieldledger.model.sync.HlcClock;
import org.fieldledger.model.sync.Mutation;
import org.fieldledger.model.sync.PushRequest;
import org.fieldledger.model.sync.PushResponse;
import org.fieldledger.model.sync.PushResult;
import org.fieldledger.model.sync.PushStatus;
import org.fieldledger.model.sync.WireJson;
import org.fieldledger.server.auth.Caller;
import org.fieldledger.server.error.ApiException;
import org.fieldledger.server.storage.Database;
import org.fieldledger.server.storage.Hashes;

/**
 * Applies a device's push: exactly once, in device order. Mutations are committed in groups of up to
 * {@link #GROUP_SIZE}, each mutation inside its group behind a savepoint, so a rejection undoes only that mutation and
 * a server that dies mid-batch keeps every group it committed; the retry continues after it. See docs/protocol.md,
 * "Push".
 */
@Singleton
public class PushService {
    /** How far ahead of the server a device clock may run before it is clamped (docs/protocol.md, "clocks"). */
    static final Duration MAX_CLOCK_LEAD = Duration.ofMinutes(5);
    /**
     * Mutations per commit. A commit per mutation made the durable flush the cost of a push (SQLite and PostgreSQL
     * both sync their log on every commit); a group shares one. Kept under PostgreSQL's 64 cached subtransactions
     * per transaction, beyond which the savepoints get slow, and short enough that the ledger lock, held from a
     * group's first append to its commit, is not held for long.
     */
    static final int GROUP_SIZE = 50;

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
        List<Mutation> mutations = request.mutations();
        List<PushResult> results = new ArrayList<>(mutations.size());
        for (int from = 0; from < mutations.size(); from += GROUP_SIZE) {
            results.addAll(processGroup(caller, request.deviceId(),
                    mutations.subList(from, Math.min(mutations.size(), from + GROUP_SIZE))));
        }
        // Read after the last commit: a concurrent push of the same device may have moved it further.
        long acknowledged = database.read(connection -> log.acknowledgedThrough(connection, request.deviceId()));
        return new PushResponse(results, acknowledged, serverClock.now());
    }

    /**
     * One group in one transaction. When something other than a rejection fails (a bug, a lost database), nothing of
     * the group was committed; it is then done again one mutation per commit, so that the mutations before the failing
     * one are kept, as they were when every mutation had its own commit, and the failure surfaces at that mutation.
     */
    private List<PushResult> processGroup(Caller caller, String deviceId, List<Mutation> group) {
        try {
            return database.write(connection -> processAll(connection, caller, deviceId, group));
        } catch (RuntimeException failure) {
            if (group.size() == 1) {
                throw failure;
            }
            List<PushResult> results = new ArrayList<>(group.size());
            for (Mutation mutation : group) {
                results.addAll(database.write(connection -> processAll(connection, caller, deviceId,
                        List.of(mutation))));
            }
            return results;
        }
    }

    private List<PushResult> processAll(Connection connection, Caller caller, String deviceId, List<Mutation> group)
            throws SQLException {
        long acknowledged = log.lockDevice(connection, deviceId, caller.userId());
        long before = acknowledged;
        List<String> ids = new ArrayList<>(group.size());
        group.forEach(mutation -> ids.add(mutation.id()));
        Map<String, Long> usedIds = log.seqsOf(connection, ids);
        List<PushResult> results = new ArrayList<>(group.size());
        for (Mutation mutation : group) {
            PushResult result = processOne(connection, caller, deviceId, mutation, acknowledged, usedIds);
            if (result.seq() == acknowledged + 1 && (result.status() == PushStatus.APPLIED
                    || result.status() == PushStatus.REJECTED)) {
                acknowledged = result.seq();
            }
            results.add(result);
        }
        if (acknowledged != before) {
            log.acknowledge(connection, deviceId, acknowledged);
        }
        return results;
    }

    private PushResult processOne(Connection connection, Caller caller, String deviceId, Mutation mutation,
                                  long acknowledged, Map<String, Long> usedIds) throws SQLException {
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
        PushResult result = apply(connection, caller, deviceId, mutation, receivedAt, usedIds.get(mutation.id()));
        usedIds.putIfAbsent(mutation.id(), mutation.seq());
        log.record(connection, deviceId, caller.userId(), mutation.isReadable() ? mutation.type().name() : "UNREADABLE",
                sha256, json, result, receivedAt.toString());
        return result;
    }

    /** @param usedAt the seq at which this mutation id was already processed, or null */
    private PushResult apply(Connection connection, Caller caller, String deviceId, Mutation mutation,
                             Instant receivedAt, Long usedAt) throws SQLException {
        if (usedAt != null) {
            return PushResult.rejected(mutation.id(), mutation.seq(), RejectionCode.MUTATION_CONFLICT.name(), "mutation id "
                    + mutation.id() + " was already used at seq " + usedAt, List.of());
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

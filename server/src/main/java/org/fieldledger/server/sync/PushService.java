package org.fieldledger.server.sync;

import org.fieldledger.model.sync.RejectionCode;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.fieldledger.model.ErrorCode;
import org.fieldledger.model.sync.Hlc;
import org.fieldledger.model.sync.HlcClock;
import org.fieldledger.model.sync.Mutation;
import org.fieldledger.model.sync.PushRequest;
import org.fieldledger.model.sync.PushResponse;
import org.fieldledger.model.sync.PushResult;
import org.fieldledger.model.sync.PushStatus;
import org.fieldledger.model.sync.UtcInstants;
import org.fieldledger.model.sync.WireJson;
import org.fieldledger.server.auth.Caller;
import org.fieldledger.server.error.ApiException;
import org.fieldledger.server.storage.Database;
import org.fieldledger.server.storage.Hashes;
import org.fieldledger.server.storage.WriteTransaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a device's push: exactly once, in device order. Mutations are committed in groups of up to
 * {@link #GROUP_SIZE}, so a server that dies mid-batch keeps every group it committed; the retry continues after it.
 * A rejection undoes only its own mutation. Groups of several devices waiting at the same time share one transaction
 * (see {@link #commitWaiting}). See docs/protocol.md, "Push".
 */
@Singleton
public class PushService {
    private static final Logger LOG = LoggerFactory.getLogger(PushService.class);
    /** How far ahead of the server a device clock may run before it is clamped (docs/protocol.md, "clocks"). */
    static final Duration MAX_CLOCK_LEAD = Duration.ofMinutes(5);
    /**
     * Mutations per commit of one device. A commit per mutation made the durable flush the cost of a push (SQLite and
     * PostgreSQL both sync their log on every commit); a group shares one. A group done on its own has a savepoint
     * per mutation, so it stays under PostgreSQL's 64 cached subtransactions per transaction, beyond which savepoints
     * get slow.
     */
    static final int GROUP_SIZE = 50;
    /**
     * Mutations per transaction when the groups of several devices waiting at the same time are committed together.
     * Under load most of a push's time was commits, and one writer at a time can append to the ledger anyway.
     */
    static final int TRANSACTION_SIZE = 500;

    private final Database database;
    private final MutationLog log;
    private final PushAuthorizer authorizer;
    private final MutationAppliers appliers;
    private final ConflictLog conflicts;
    private final HlcClock serverClock;
    private final Clock clock;
    /** Groups waiting for a transaction, oldest first. */
    private final Queue<PendingGroup> waiting = new ConcurrentLinkedQueue<>();
    /**
     * Guards {@link #committing}: one thread at a time takes the waiting groups into a transaction and reads ahead for
     * them. Once that transaction has its turn among writers, the thread hands the next turn to the thread of the
     * oldest group still waiting ({@link PendingGroup#turn}), which reads ahead for the next while this one inserts
     * and commits; the others wait only for their own outcome. Woken all at once at the end of every transaction,
     * fifty threads fought the next transaction's writer for two cores just as it began.
     */
    private final ReentrantLock committer = new ReentrantLock();
    private boolean committing;

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
        // Encoded, hashed and checked here, on the request's own thread, so that other pushes' threads do it while the
        // writer works; the transaction only looks up and stores. Every mutation of a push is received at its start.
        Instant receivedAt = Instant.now(clock);
        List<Prepared> mutations = whilePreparing(() -> request.mutations().stream().map(mutation -> prepare(caller,
                request.deviceId(), mutation, receivedAt)).toList());
        List<PushResult> results = new ArrayList<>(mutations.size());
        for (int from = 0; from < mutations.size(); from += GROUP_SIZE) {
            results.addAll(processGroup(caller, request.deviceId(),
                    mutations.subList(from, Math.min(mutations.size(), from + GROUP_SIZE))));
        }
        // Read after the last commit: a concurrent push of the same device may have moved it further.
        long acknowledged = database.read(connection -> log.acknowledgedThrough(connection, request.deviceId()));
        return new PushResponse(results, acknowledged, serverClock.now());
    }

    /** Reads a push's body, as one of the few pushes at a time that work on their own threads ({@link #preparing}). */
    public PushRequest read(String body) {
        return whilePreparing(() -> WireJson.readPushRequest(body));
    }

    /**
     * What pushes do on their own threads (reading the body, encoding, hashing and checking each mutation) is done by
     * as many at a time as there are cores. With every device's push at it at once, fifty threads shared two cores with
     * the writer, which every push waits for: the writer got a share of the machine as small as any of them, and ten
     * devices pushed faster than fifty. One fewer than the cores, to leave one to the writer, starved the writer of
     * work instead on PostgreSQL, whose own processes do most of the writing: 4,181 to 4,183 mutations/s against
     * 4,372 to 4,508 with as many as the cores, and 3,495 with twice as many (two cores, fifty devices); on SQLite
     * the two measured the same.
     */
    private final java.util.concurrent.Semaphore preparing = new java.util.concurrent.Semaphore(
            Runtime.getRuntime().availableProcessors(), true);

    private <T> T whilePreparing(java.util.function.Supplier<T> work) {
        preparing.acquireUninterruptibly();
        try {
            return work.get();
        } finally {
            preparing.release();
        }
    }

    /**
     * A mutation made ready before the writer: its canonical JSON and that JSON's hash, which tells a retry from a
     * conflict; the hash of its payload alone, by which a record sent again in a new mutation is recognised; for a
     * visit, what its own content decides ({@link MutationAppliers#checkVisit}); and when it was received.
     */
    private record Prepared(Mutation mutation, String json, String sha256, String payloadSha256,
                            org.fieldledger.server.visit.VisitRecorder.Checked checkedVisit, Instant receivedAt) {
    }

    private Prepared prepare(Caller caller, String deviceId, Mutation mutation, Instant receivedAt) {
        if (!mutation.isReadable()) {
            String json = unreadableJson(mutation);
            return new Prepared(mutation, json, Hashes.sha256(json), null, null, receivedAt);
        }
        String json = WireJson.writeMutation(mutation);
        return new Prepared(mutation, json, Hashes.sha256(json), Hashes.sha256(WireJson.writePayload(mutation.type(),
                mutation.payload())), appliers.checkVisit(caller, deviceId, mutation, receivedAt), receivedAt);
    }

    /**
     * A device's group, and what became of it once a transaction took it; {@code turn} completes when its thread is to
     * take the waiting groups into the next transaction.
     */
    private record PendingGroup(Caller caller, String deviceId, List<Prepared> mutations,
                                CompletableFuture<List<PushResult>> outcome, CompletableFuture<Void> turn) {
    }

    private List<PushResult> processGroup(Caller caller, String deviceId, List<Prepared> group) {
        PendingGroup mine = new PendingGroup(caller, deviceId, group, new CompletableFuture<>(),
                new CompletableFuture<>());
        boolean myTurn;
        committer.lock();
        try {
            waiting.add(mine);
            myTurn = !committing;
            committing = true;
        } finally {
            committer.unlock();
        }
        while (true) {
            if (myTurn) {
                commitInTurn();
            }
            if (mine.outcome().isDone()) {
                break;
            }
            // Failures are read from the outcome below; here only which came first matters.
            CompletableFuture.anyOf(mine.outcome(), mine.turn()).exceptionally(failure -> null).join();
            myTurn = !mine.outcome().isDone();
        }
        try {
            return mine.outcome().join();
        } catch (CompletionException failure) {
            throw failure.getCause() instanceof RuntimeException cause ? cause : failure;
        }
    }

    /**
     * Takes the groups waiting into a transaction and commits it. As soon as the transaction has its turn among
     * writers, and has no more groups to take, the turn to gather the next is handed to the oldest group left, or ended
     * if none is: the next transaction then reads ahead while this one still inserts and commits.
     */
    private void commitInTurn() {
        Runnable handOver = once(() -> {
            committer.lock();
            try {
                PendingGroup next = waiting.peek();
                if (next == null) {
                    committing = false;
                } else {
                    next.turn().complete(null);
                }
            } finally {
                committer.unlock();
            }
        });
        try {
            commitWaiting(handOver);
        } finally {
            handOver.run();
        }
    }

    private static Runnable once(Runnable action) {
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        return () -> {
            if (done.compareAndSet(false, true)) {
                action.run();
            }
        };
    }

    /**
     * Takes the groups waiting, oldest first and up to {@link #TRANSACTION_SIZE} mutations, into one transaction: while
     * it runs, the groups of other devices gather for the next. If the shared transaction fails, nothing of it was
     * committed and each group is done again on its own, so one device's failing mutation never costs another its
     * push.
     *
     * @param gathered run once the transaction has its turn among writers, when it will take no more groups
     */
    private void commitWaiting(Runnable gathered) {
        List<PendingGroup> taken = new ArrayList<>();
        int mutations = 0;
        for (PendingGroup next = waiting.peek(); next != null
                && (taken.isEmpty() || mutations + next.mutations().size() <= TRANSACTION_SIZE); next = waiting.peek()) {
            taken.add(waiting.remove());
            mutations += next.mutations().size();
        }
        try {
            commit(taken, gathered);
        } catch (Throwable unexpected) {
            // Whatever happened, no group may be left without an outcome: its device's thread would wait forever.
            taken.forEach(group -> group.outcome().completeExceptionally(unexpected));
            throw unexpected;
        }
    }

    /**
     * The shared transaction has no savepoints: the appliers check before they write, so a rejection almost always
     * comes before its mutation changed anything, and each savepoint cost two statements (two round trips to
     * PostgreSQL). A rejection that comes after a write fails the transaction ({@link WroteBeforeRejecting}), and the
     * groups are done again on their own, each mutation behind a savepoint.
     */
    private void commit(List<PendingGroup> taken, Runnable gathered) {
        List<List<PushResult>> results;
        try {
            results = database.write(connection -> readAhead(connection, taken), connection -> {
                gathered.run();
                return processGroups(connection, taken, false, WriteTransaction.knowsAllItReadAhead(connection));
            });
        } catch (RuntimeException failure) {
            if (!(failure instanceof WroteBeforeRejecting)) {
                // Each group done alone costs far more than shared: a failure here every time would go unseen.
                LOG.warn("A transaction of {} pushes failed; each is done again on its own", taken.size(), failure);
            }
            taken.forEach(this::commitAlone);
            return;
        }
        for (int i = 0; i < taken.size(); i++) {
            taken.get(i).outcome().complete(results.get(i));
        }
    }

    private void commitAlone(PendingGroup group) {
        try {
            group.outcome().complete(processAlone(group));
        } catch (RuntimeException failure) {
            group.outcome().completeExceptionally(failure);
        }
    }

    /**
     * One group in one transaction, each mutation behind a savepoint. When something other than a rejection fails (a
     * bug, a lost database), nothing of the group was committed; it is then done again one mutation per commit, so that
     * the mutations before the failing one are kept, as they were when every mutation had its own commit, and the
     * failure surfaces at that mutation.
     */
    private List<PushResult> processAlone(PendingGroup group) {
        try {
            return database.write(connection -> processGroups(connection, List.of(group), true, false)).get(0);
        } catch (RuntimeException failure) {
            if (group.mutations().size() == 1) {
                throw failure;
            }
            List<PushResult> results = new ArrayList<>(group.mutations().size());
            for (Prepared mutation : group.mutations()) {
                PendingGroup single = new PendingGroup(group.caller(), group.deviceId(), List.of(mutation), null,
                        null);
                results.addAll(database.write(connection -> processGroups(connection, List.of(single), true,
                        false)).get(0));
            }
            return results;
        }
    }

    /**
     * The groups' results, group by group. Everything the groups need to read is read first: what their appliers would
     * otherwise ask one mutation at a time ({@link #readAhead}, which asks only what is not known yet), and where each
     * device stands. Applying them then sends no statement in the common case, only holds rows; without savepoints,
     * each group's rows are inserted by another thread while the next group is worked out
     * ({@link WriteTransaction#insertHeldRowsMeanwhile}).
     *
     * @param savepoints whether each mutation gets one; without, a rejection after a write fails the transaction
     * @param readAlready whether the transaction read ahead for these groups and still knows all it read
     */
    private List<List<PushResult>> processGroups(Connection connection, List<PendingGroup> groups, boolean savepoints,
                                                 boolean readAlready) throws SQLException {
        Map<String, String> users = new LinkedHashMap<>();
        for (PendingGroup group : groups) {
            users.putIfAbsent(group.deviceId(), group.caller().userId());
        }
        // Locked here, every device of the transaction, and not group by group: locking writes a row, and a statement
        // that writes must wait for the rows being inserted.
        Map<String, Long> locked = log.lockDevices(connection, users);
        Map<String, Long> acknowledged = new LinkedHashMap<>(locked);
        if (!readAlready) {
            readAhead(connection, groups);
        }
        List<List<PushResult>> results = new ArrayList<>(groups.size());
        for (PendingGroup group : groups) {
            results.add(processAll(connection, group, acknowledged, savepoints));
            if (!savepoints) {
                WriteTransaction.insertHeldRowsMeanwhile(connection);
            }
        }
        Map<String, Long> moved = new LinkedHashMap<>(acknowledged);
        moved.entrySet().removeIf(device -> device.getValue().equals(locked.get(device.getKey())));
        if (!moved.isEmpty()) {
            log.acknowledge(connection, moved);
        }
        return results;
    }

    /**
     * Reads what the groups' mutations will look up, in a few queries for all of them. Only reads: it may run before
     * the transaction's turn among writers ({@link Database#write(Database.Reads, Database.Work)}).
     */
    private void readAhead(Connection connection, List<PendingGroup> groups) throws SQLException {
        List<org.fieldledger.server.visit.VisitRecorder.Checked> visits = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (PendingGroup group : groups) {
            for (Prepared mutation : group.mutations()) {
                ids.add(mutation.mutation().id());
                if (mutation.checkedVisit() != null) {
                    visits.add(mutation.checkedVisit());
                }
            }
        }
        appliers.readAhead(connection, visits);
        log.readAhead(connection, ids);
    }

    /** @param acknowledged how far each device's sequence is processed; moved past the mutations this processes */
    private List<PushResult> processAll(Connection connection, PendingGroup group, Map<String, Long> acknowledged,
                                        boolean savepoints) throws SQLException {
        long through = acknowledged.get(group.deviceId());
        List<PushResult> results = new ArrayList<>(group.mutations().size());
        for (Prepared mutation : group.mutations()) {
            PushResult result = processOne(connection, group.caller(), group.deviceId(), mutation, through,
                    savepoints);
            if (result.seq() == through + 1 && (result.status() == PushStatus.APPLIED
                    || result.status() == PushStatus.REJECTED)) {
                through = result.seq();
            }
            results.add(result);
        }
        acknowledged.put(group.deviceId(), through);
        return results;
    }

    private PushResult processOne(Connection connection, Caller caller, String deviceId, Prepared prepared,
                                  long acknowledged, boolean savepoints) throws SQLException {
        Mutation mutation = prepared.mutation();
        Optional<MutationLog.StoredMutation> stored = mutation.seq() <= acknowledged
                ? log.find(connection, deviceId, mutation.seq()) : Optional.empty();
        switch (Sequencing.decide(acknowledged, mutation.seq(), mutation.id(), prepared.sha256(),
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
        Instant receivedAt = prepared.receivedAt();
        PushResult result = apply(connection, caller, deviceId, prepared, receivedAt, log.seqOf(connection,
                mutation.id()), savepoints);
        log.record(connection, deviceId, caller.userId(), mutation.isReadable() ? mutation.type().name() : "UNREADABLE",
                prepared.sha256(), prepared.json(), result, UtcInstants.format(receivedAt));
        return result;
    }

    /** @param usedAt the seq at which this mutation id was already processed, or null */
    private PushResult apply(Connection connection, Caller caller, String deviceId, Prepared prepared,
                             Instant receivedAt, Long usedAt, boolean savepoints) throws SQLException {
        Mutation mutation = prepared.mutation();
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
        // A rejection never leaves half a change: undone to the savepoint, or, without one, refused if anything was
        // written, which fails the transaction.
        WriteTransaction.Savepoint beforeApply = savepoints ? WriteTransaction.savepoint(connection) : null;
        long writesBefore = WriteTransaction.writes(connection);
        try {
            long position = appliers.apply(connection, context, mutation, prepared.payloadSha256(),
                    prepared.checkedVisit());
            if (!context.clock().equals(mutation.hlc())) {
                conflicts.clockClamped(connection, context, mutation.hlc(), context.clock());
            }
            if (beforeApply != null) {
                beforeApply.release();
            }
            return PushResult.applied(mutation.id(), mutation.seq(), position);
        } catch (Rejection rejection) {
            if (beforeApply != null) {
                beforeApply.rollback();
            } else if (WriteTransaction.writes(connection) != writesBefore) {
                throw new WroteBeforeRejecting(rejection);
            }
            return PushResult.rejected(mutation.id(), mutation.seq(), rejection.code().name(), rejection.getMessage(),
                    rejection.problems());
        }
    }

    /** A rejection that came after its mutation wrote, in a transaction without savepoints to undo only that. */
    private static final class WroteBeforeRejecting extends RuntimeException {
        WroteBeforeRejecting(Rejection rejection) {
            super("mutation rejected after it wrote: " + rejection.getMessage(), rejection);
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

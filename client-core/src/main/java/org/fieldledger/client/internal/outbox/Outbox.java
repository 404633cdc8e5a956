package org.fieldledger.client.internal.outbox;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.fieldledger.client.RejectedMutation;
import org.fieldledger.client.Rejection;
import org.fieldledger.client.SyncState;
import org.fieldledger.client.internal.store.DeviceStateStore;
import org.fieldledger.client.store.SqlDatabase;
import org.fieldledger.client.store.SqlRow;
import org.fieldledger.model.sync.Hlc;
import org.fieldledger.model.sync.HlcClock;
import org.fieldledger.model.sync.MutationType;
import org.fieldledger.model.sync.PushResult;
import org.fieldledger.model.sync.WireJson;

/**
 * The device's queue of mutations, in its own gapless sequence (docs/protocol.md, "Exactly once"). A mutation enters in
 * the same local transaction as the change it describes, with the next seq and a fresh HLC stamp, and leaves only when
 * the server has answered for it. Every method expects the caller's transaction.
 */
public final class Outbox {
    private static final String PENDING = "PENDING";
    private static final String UPLOADING = "UPLOADING";

    private final SqlDatabase db;
    private final DeviceStateStore deviceState;
    private final HlcClock hlc;
    private final Clock clock;

    public Outbox(SqlDatabase db, DeviceStateStore deviceState, HlcClock hlc, Clock clock) {
        this.db = db;
        this.deviceState = deviceState;
        this.hlc = hlc;
        this.clock = clock;
    }

    /** Queues a mutation; call inside the transaction that makes the change it carries. */
    public OutboxEntry enqueue(MutationType type, String recordId, Object payload) {
        String payloadJson = WireJson.writePayload(type, payload);
        long seq = deviceState.takeNextSeq();
        Hlc stamp = hlc.now();
        deviceState.saveHlc(stamp);
        String id = UUID.randomUUID().toString();
        db.update("INSERT INTO outbox (mutation_id, seq, type, record_id, payload, hlc, state, created_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", id, seq, type.name(), recordId, payloadJson, stamp.toString(),
                PENDING, clock.millis());
        return new OutboxEntry(id, seq, type, recordId, payloadJson, stamp, 0, null);
    }

    /** The first {@code limit} entries in seq order: what the next push sends. */
    public List<OutboxEntry> head(int limit) {
        return db.query("SELECT * FROM outbox ORDER BY seq LIMIT ?", Outbox::entry, limit);
    }

    public int size() {
        return db.query("SELECT COUNT(*) AS n FROM outbox", row -> row.getRequiredLong("n")).get(0).intValue();
    }

    /** Marks entries as on their way; shown to the user as UPLOADING. */
    public void markUploading(List<OutboxEntry> entries) {
        for (OutboxEntry entry : entries) {
            db.update("UPDATE outbox SET state = ?, attempts = attempts + 1 WHERE mutation_id = ?", UPLOADING,
                    entry.mutationId());
        }
    }

    /** Puts entries back in the queue after an attempt that did not get them processed. */
    public void markPending(List<OutboxEntry> entries, String error) {
        for (OutboxEntry entry : entries) {
            db.update("UPDATE outbox SET state = ?, last_error = ? WHERE mutation_id = ?", PENDING, error,
                    entry.mutationId());
        }
    }

    /** After a restart nothing is on its way: an upload cut off by a crash is simply sent again. */
    public void resetUploading() {
        db.update("UPDATE outbox SET state = ? WHERE state = ?", PENDING, UPLOADING);
    }

    /** The server processed it (applied, or a duplicate of an applied one): it leaves the queue. */
    public void acknowledge(String mutationId) {
        db.update("DELETE FROM outbox WHERE mutation_id = ?", mutationId);
    }

    /** Every entry up to the server's {@code acknowledgedThrough} leaves, even if its own answer was lost. */
    public List<OutboxEntry> acknowledgeThrough(long seq) {
        List<OutboxEntry> entries = db.query("SELECT * FROM outbox WHERE seq <= ? ORDER BY seq", Outbox::entry, seq);
        db.update("DELETE FROM outbox WHERE seq <= ?", seq);
        return entries;
    }

    /** The server refused it for good: it leaves the queue and is kept, with the reason, for the user to see. */
    public void reject(OutboxEntry entry, PushResult result) {
        db.update("INSERT INTO rejected_mutations (mutation_id, seq, type, record_id, payload, hlc, code, reason, "
                        + "problems, rejected_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", entry.mutationId(), entry.seq(),
                entry.type().name(), entry.recordId(), entry.payload(), entry.hlc().toString(), result.code(),
                result.reason(), WireJson.writeProblems(result.problems()), clock.millis());
        acknowledge(entry.mutationId());
    }

    public List<RejectedMutation> rejected() {
        return db.query("SELECT * FROM rejected_mutations ORDER BY seq", row -> new RejectedMutation(
                row.getString("mutation_id"), row.getRequiredLong("seq"), MutationType.valueOf(row.getString("type")),
                row.getString("record_id"), new Rejection(row.getString("code"), row.getString("reason"),
                WireJson.readProblems(row.getString("problems")),
                Instant.ofEpochMilli(row.getRequiredLong("rejected_at")))));
    }

    private static OutboxEntry entry(SqlRow row) {
        return new OutboxEntry(row.getString("mutation_id"), row.getRequiredLong("seq"),
                MutationType.valueOf(row.getString("type")), row.getString("record_id"), row.getString("payload"),
                Hlc.parse(row.getString("hlc")), (int) row.getRequiredLong("attempts"), row.getString("last_error"));
    }

    /** The state each record's queued mutations of these types put it in: UPLOADING if any is on its way. */
    public Map<String, SyncState> recordStates(MutationType... types) {
        Map<String, SyncState> states = new HashMap<>();
        for (MutationType type : types) {
            db.query("SELECT record_id, state FROM outbox WHERE type = ?", row -> {
                SyncState state = UPLOADING.equals(row.getString("state")) ? SyncState.UPLOADING : SyncState.PENDING;
                states.merge(row.getString("record_id"), state, SyncState::worst);
                return null;
            }, type.name());
        }
        return states;
    }

    /** Records some mutation of this type was refused for. */
    public Set<String> rejectedRecords(MutationType type) {
        return new HashSet<>(db.query("SELECT record_id FROM rejected_mutations WHERE type = ?",
                row -> row.getString("record_id"), type.name()));
    }
}

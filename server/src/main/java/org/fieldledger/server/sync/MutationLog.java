package org.fieldledger.server.sync;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.fieldledger.model.sync.PushResult;
import org.fieldledger.model.sync.PushStatus;
import org.fieldledger.model.sync.WireJson;
import org.fieldledger.server.storage.KnownRows;
import org.fieldledger.server.storage.Sql;
import org.fieldledger.server.storage.WriteTransaction;

/** Per device: how far its sequence has been processed, and the outcome of every processed seq. */
@Singleton
class MutationLog {
    /**
     * Locks the rows of these devices for this transaction (creating each on its first push) and returns how far each
     * device's sequence has been processed. Two pushes from one device (a retry racing the original) queue here instead
     * of both processing the same seq. All in one exchange with the database, and in the order of their ids, so that
     * two server instances locking some of the same devices never wait for each other in a circle.
     *
     * @param users the user each device belongs to, by device id
     */
    Map<String, Long> lockDevices(Connection connection, Map<String, String> users) throws SQLException {
        // Reads only the rows it locked: as committed, even beside a transaction before that has not committed yet.
        return WriteTransaction.onLockedRows(connection, c -> lockAndRead(c, users));
    }

    private static Map<String, Long> lockAndRead(Connection connection, Map<String, String> users)
            throws SQLException {
        List<String> deviceIds = new ArrayList<>(new TreeSet<>(users.keySet()));
        int[] locked = Sql.updateEach(connection, LOCK_DEVICE, deviceIds.stream().map(id -> new Object[] {id})
                .toList());
        for (int i = 0; i < locked.length; i++) {
            if (locked[i] == 0) {
                String deviceId = deviceIds.get(i);
                Sql.update(connection, "INSERT INTO sync_device (device_id, user_id, acknowledged_through)"
                        + " VALUES (?, ?, 0) ON CONFLICT (device_id) DO NOTHING", deviceId, users.get(deviceId));
                Sql.update(connection, LOCK_DEVICE, deviceId);
            }
        }
        Map<String, Long> acknowledged = new HashMap<>();
        Sql.queryIn(connection, "SELECT device_id, acknowledged_through FROM sync_device WHERE device_id IN (%s)",
                row -> acknowledged.put(row.getString(1), row.getLong(2)), deviceIds);
        return acknowledged;
    }

    /** Writes a device's row without changing it: PostgreSQL then holds the row's lock to the end of the transaction. */
    private static final String LOCK_DEVICE = "UPDATE sync_device SET acknowledged_through = acknowledged_through"
            + " WHERE device_id = ?";

    long acknowledgedThrough(Connection connection, String deviceId) throws SQLException {
        return Sql.queryOne(connection, "SELECT acknowledged_through FROM sync_device WHERE device_id = ?",
                row -> row.getLong(1), deviceId).orElse(0L);
    }

    /** What is stored at a seq, with its outcome. */
    record StoredMutation(Sequencing.Stored identity, PushResult result) {
    }

    Optional<StoredMutation> find(Connection connection, String deviceId, long seq) throws SQLException {
        return Sql.queryOne(connection, "SELECT mutation_id, content_sha256, status, code, reason, problems, position"
                + " FROM device_mutation WHERE device_id = ? AND seq = ?", row -> {
                    String id = row.getString(1);
                    long position = row.getLong(7);
                    Long stored = row.wasNull() ? null : position;
                    String problems = row.getString(6);
                    PushResult result = new PushResult(id, seq, PushStatus.valueOf(row.getString(3)), null, stored,
                            row.getString(4), row.getString(5),
                            problems == null ? java.util.List.of() : WireJson.readProblems(problems));
                    return new StoredMutation(new Sequencing.Stored(id, row.getString(2)), result);
                }, deviceId, seq);
    }

    /**
     * The first seq at which each mutation id was processed, or null: asked for every mutation, and read ahead for a
     * whole transaction in one query. Every write to device_mutation is in this class, which tells it what it wrote.
     */
    private final KnownRows<String, Long> firstSeqs = new KnownRows<>(null, (connection, mutationIds) -> {
        Map<String, Long> seqs = new HashMap<>();
        Sql.queryIn(connection, "SELECT mutation_id, MIN(seq) FROM device_mutation WHERE mutation_id IN (%s)"
                + " GROUP BY mutation_id", row -> seqs.put(row.getString(1), row.getLong(2)), mutationIds);
        return seqs;
    });

    /** Reads ahead, in one query, the seqs {@link #seqOf} will be asked for these mutation ids. */
    void readAhead(Connection connection, List<String> mutationIds) throws SQLException {
        firstSeqs.get(connection, mutationIds);
    }

    /** The first seq at which this mutation id was processed, by any device; null if it never was. */
    Long seqOf(Connection connection, String mutationId) throws SQLException {
        return firstSeqs.get(connection, mutationId);
    }

    /**
     * Stores the outcome of the device's next seq; {@link #acknowledge} then moves the device past it. The mutation's
     * text is kept only when it was not applied: an applied one is recorded by its ledger entry, and a second copy
     * here was a third of the bytes every push wrote.
     */
    void record(Connection connection, String deviceId, String userId, String type, String contentSha256,
                String mutationJson, PushResult result, String receivedAt) throws SQLException {
        Sql.insertLater(connection, "device_mutation", "(device_id, seq, mutation_id, mutation_type,"
                        + " content_sha256, mutation, status, code, reason, problems, position, user_id, received_at)",
                deviceId, result.seq(), result.id(), type, contentSha256,
                result.status() == PushStatus.APPLIED ? null : mutationJson, result.status().name(),
                result.code(), result.reason(), result.problems().isEmpty() ? null
                        : WireJson.writeProblems(result.problems()), result.position(), userId, receivedAt);
        if (firstSeqs.get(connection, result.id()) == null) {
            firstSeqs.put(connection, result.id(), result.seq());
        }
    }

    /**
     * Every seq up to each device's is processed: written once, just before the transaction commits, after the outcomes
     * it covers (a statement in the push's work would wait for the transaction before it to commit).
     *
     * @param seqs how far each device's sequence is now processed, by device id
     */
    void acknowledge(Connection connection, Map<String, Long> seqs) {
        Map<String, Long> all = WriteTransaction.get(connection, ACKNOWLEDGED);
        all = all == null ? new TreeMap<>() : new TreeMap<>(all);
        all.putAll(seqs);
        WriteTransaction.set(connection, ACKNOWLEDGED, java.util.Collections.unmodifiableMap(all));
    }

    /** How far each device of the transaction is processed, by device id in order: the order the rows were locked. */
    private static final WriteTransaction.Deferred<Map<String, Long>> ACKNOWLEDGED = (connection, seqs) ->
            Sql.updateEach(connection, "UPDATE sync_device SET acknowledged_through = ? WHERE device_id = ?", seqs
                    .entrySet().stream().map(device -> new Object[] {device.getValue(), device.getKey()}).toList());
}

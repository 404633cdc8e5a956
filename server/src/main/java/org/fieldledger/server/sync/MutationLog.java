package org.fieldledger.server.sync;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fieldledger.model.sync.PushResult;
import org.fieldledger.model.sync.PushStatus;
import org.fieldledger.model.sync.WireJson;
import org.fieldledger.server.storage.Sql;

/** Per device: how far its sequence has been processed, and the outcome of every processed seq. */
@Singleton
class MutationLog {
    /**
     * Locks the device's row for this transaction (creating it on the first push) and returns how far its sequence
     * has been processed. Two pushes from one device (a retry racing the original) queue here instead of both
     * processing the same seq.
     */
    long lockDevice(Connection connection, String deviceId, String userId) throws SQLException {
        int locked = Sql.update(connection, "UPDATE sync_device SET acknowledged_through = acknowledged_through"
                + " WHERE device_id = ?", deviceId);
        if (locked == 0) {
            Sql.update(connection, "INSERT INTO sync_device (device_id, user_id, acknowledged_through) VALUES (?, ?, 0)"
                    + " ON CONFLICT (device_id) DO NOTHING", deviceId, userId);
            Sql.update(connection, "UPDATE sync_device SET acknowledged_through = acknowledged_through"
                    + " WHERE device_id = ?", deviceId);
        }
        return acknowledgedThrough(connection, deviceId);
    }

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

    /** The seqs at which any of these mutation ids were processed: one query for a group instead of one each. */
    Map<String, Long> seqsOf(Connection connection, List<String> mutationIds) throws SQLException {
        Map<String, Long> seqs = new HashMap<>();
        Sql.queryIn(connection, "SELECT mutation_id, seq FROM device_mutation WHERE mutation_id IN (%s)", row -> {
            seqs.putIfAbsent(row.getString(1), row.getLong(2));
            return null;
        }, mutationIds);
        return seqs;
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
    }

    /** Every seq up to {@code seq} is processed: once per commit, after the outcomes it covers are recorded. */
    void acknowledge(Connection connection, String deviceId, long seq) throws SQLException {
        Sql.update(connection, "UPDATE sync_device SET acknowledged_through = ? WHERE device_id = ?", seq, deviceId);
    }
}

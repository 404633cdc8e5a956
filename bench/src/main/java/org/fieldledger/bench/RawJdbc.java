package org.fieldledger.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The raw limit: the rows an applied visit leaves (its device_mutation outcome, without the mutation's text, which the
 * server keeps only for a mutation it did not apply; the visit row, which points at its ledger entry for its state; that
 * entry; the three photos its answers claim; and the device's acknowledgement) written by plain batched JDBC, one
 * commit per push batch, into a fresh database of the same kind that the server's own migrations created. No HTTP, no
 * JSON parsing, no validation, no ledger chain lock: what the database alone can take.
 */
final class RawJdbc {
    private RawJdbc() {
    }

    /** @return rows-per-visit inserted per second (one visit = one mutation) */
    static double insertAll(Backend backend, Workload work, int writers) throws Exception {
        try (Connection connection = backend.connect();
             PreparedStatement device = connection.prepareStatement("INSERT INTO sync_device (device_id, user_id,"
                     + " acknowledged_through) VALUES (?, ?, 0) ON CONFLICT (device_id) DO NOTHING")) {
            for (int k = 0; k < work.devices; k++) {
                int d = work.device(k);
                device.setString(1, Workload.deviceId(d));
                device.setString(2, "raw-user-" + d);
                device.addBatch();
            }
            device.executeBatch();
        }
        // Row values are made before the clock starts: only the database's work is timed.
        List<Row[]> rows = new ArrayList<>();
        for (int k = 0; k < work.devices; k++) {
            int d = work.device(k);
            Row[] device = new Row[work.visitsPerDevice];
            for (int i = work.firstVisit; i < work.endVisit(); i++) {
                String payload = work.payload(d, i);
                String mutation = work.mutation(d, i, payload);
                String visitId = work.visitId(d, i);
                device[i - work.firstVisit] = new Row(visitId, payload, Workload.sha256Hex(mutation),
                        Workload.sha256Hex(payload), Workload.sha256Hex(visitId), work.photoSha256s(d, i));
            }
            rows.add(device);
        }
        AtomicLong positions = new AtomicLong(1_000_000_000L * (1 + work.firstDevice)
                + (long) work.firstVisit * work.devices);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            long start = System.nanoTime();
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                running.add(pool.submit(() -> {
                    try (Connection connection = backend.connect()) {
                        for (int k = writer; k < work.devices; k += writers) {
                            writeDevice(connection, work, work.device(k), rows.get(k), positions);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> writer : running) {
                writer.get();
            }
            return work.total() / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    private record Row(String visitId, String payload, String mutationSha256, String payloadSha256,
                       String previousHash, List<String> photos) {
    }

    private static void writeDevice(Connection connection, Workload work, int d, Row[] rows, AtomicLong positions)
            throws SQLException {
        connection.setAutoCommit(false);
        String now = Instant.now().toString();
        try (PreparedStatement mutations = connection.prepareStatement("INSERT INTO device_mutation (device_id, seq,"
                + " mutation_id, mutation_type, content_sha256, mutation, status, code, reason, problems, position,"
                + " user_id, received_at) VALUES (?, ?, ?, 'SUBMIT_VISIT', ?, NULL, 'APPLIED', NULL, NULL, NULL, ?, ?, ?)");
             PreparedStatement visits = connection.prepareStatement("INSERT INTO visit (id, revision_of, site_id, area,"
                     + " template_id, template_version, inspector_id, device_id, submitted_at, received_at, passed,"
                     + " superseded_by, content_sha256, state_position) VALUES (?, NULL, ?, ?, ?, 1, ?, ?, ?, ?, ?, NULL, ?, ?)");
             PreparedStatement ledger = connection.prepareStatement("INSERT INTO ledger_entry (position, entity_type,"
                     + " entity_id, action, area, actor, device_id, mutation_id, recorded_at, payload, previous_hash,"
                     + " entry_hash) VALUES (?, 'VISIT', ?, 'SUBMITTED', ?, ?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement photos = connection.prepareStatement("INSERT INTO visit_photo (visit_id, question_id,"
                     + " sha256, site_id, area, kind) VALUES (?, ?, ?, ?, ?, ?)");
             PreparedStatement acknowledge = connection.prepareStatement("UPDATE sync_device SET"
                     + " acknowledged_through = ? WHERE device_id = ?")) {
            String deviceId = Workload.deviceId(d);
            String user = "raw-user-" + d;
            for (int start = 0; start < work.visitsPerDevice; start += work.batchSize) {
                int end = Math.min(work.visitsPerDevice, start + work.batchSize);
                for (int i = start; i < end; i++) {
                    Row row = rows[i];
                    String payload = row.payload();
                    String visitId = row.visitId();
                    long position = positions.incrementAndGet();
                    mutations.setString(1, deviceId);
                    mutations.setLong(2, work.firstVisit + i + 1L);
                    mutations.setString(3, "m-" + visitId);
                    mutations.setString(4, row.mutationSha256());
                    mutations.setLong(5, position);
                    mutations.setString(6, user);
                    mutations.setString(7, now);
                    mutations.addBatch();
                    visits.setString(1, visitId);
                    visits.setString(2, Workload.siteId(d));
                    visits.setString(3, Workload.AREA);
                    visits.setString(4, Workload.TEMPLATE);
                    visits.setString(5, user);
                    visits.setString(6, deviceId);
                    visits.setString(7, now);
                    visits.setString(8, now);
                    visits.setBoolean(9, true);
                    visits.setString(10, row.payloadSha256());
                    visits.setLong(11, position);
                    visits.addBatch();
                    ledger.setLong(1, position);
                    ledger.setString(2, visitId);
                    ledger.setString(3, Workload.AREA);
                    ledger.setString(4, user);
                    ledger.setString(5, deviceId);
                    ledger.setString(6, "m-" + visitId);
                    ledger.setString(7, now);
                    ledger.setString(8, payload);
                    ledger.setString(9, row.previousHash());
                    ledger.setString(10, row.payloadSha256());
                    ledger.addBatch();
                    for (int p = 0; p < row.photos().size(); p++) {
                        photos.setString(1, visitId);
                        photos.setString(2, p < 2 ? "photos" : "signature");
                        photos.setString(3, row.photos().get(p));
                        photos.setString(4, Workload.siteId(d));
                        photos.setString(5, Workload.AREA);
                        photos.setString(6, p < 2 ? "PHOTO" : "SIGNATURE");
                        photos.addBatch();
                    }
                }
                mutations.executeBatch();
                visits.executeBatch();
                ledger.executeBatch();
                photos.executeBatch();
                acknowledge.setLong(1, work.firstVisit + end);
                acknowledge.setString(2, deviceId);
                acknowledge.executeUpdate();
                connection.commit();
            }
        }
    }
}

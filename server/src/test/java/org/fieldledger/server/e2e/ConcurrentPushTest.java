package org.fieldledger.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fieldledger.server.e2e.FieldWorld.SMOKE_ALARM;
import static org.fieldledger.server.e2e.FieldWorld.WANGYIN;
import static org.fieldledger.server.e2e.FieldWorld.alarmAnswers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.fieldledger.model.site.SiteId;
import org.fieldledger.model.sync.Mutation;
import org.fieldledger.model.sync.PushResponse;
import org.fieldledger.model.sync.PushResult;
import org.fieldledger.model.sync.PushStatus;
import org.fieldledger.model.visit.AnswerValue;
import org.fieldledger.server.ledger.LedgerVerifier;
import org.fieldledger.server.storage.Database;
import org.fieldledger.server.storage.Sql;
import org.fieldledger.server.testing.Backend;
import org.fieldledger.server.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Many devices pushing at the same moment, as at the end of a working day: the server may commit the groups of
 * several devices together, and none of that may show. Every mutation is applied once, in its device's order, and a
 * device whose push breaks the server costs no other device anything.
 */
class ConcurrentPushTest {
    @Nested
    class OnSqlite extends Contract {
        OnSqlite() {
            super(Backend.SQLITE);
        }
    }

    @Nested
    class OnPostgres extends Contract {
        OnPostgres() {
            super(Backend.POSTGRES);
        }
    }

    abstract static class Contract {
        private static final int DEVICES = 8;
        private static final int PUSHES = 4;
        private static final int BATCH = 30;
        private static final String BROKEN = "tablet-broken";
        private static final long CRASH_AT = 7;

        private final Backend backend;
        private FieldWorld world;
        private SiteId household;

        Contract(Backend backend) {
            this.backend = backend;
        }

        @BeforeEach
        void start() {
            world = FieldWorld.start(backend, Map.of("test.crash-at-seq", CRASH_AT, "test.crash-device", BROKEN));
            household = world.household("wy-household-120", WANGYIN, "新村120号");
        }

        @AfterEach
        void stop() {
            world.close();
        }

        private List<Mutation> batch(String device, int firstSeq, int size) {
            List<Mutation> batch = new ArrayList<>();
            for (int seq = firstSeq; seq < firstSeq + size; seq++) {
                String id = device + "-v" + seq;
                batch.add(Pushes.submitVisit("m-" + id, seq, device, Pushes.alarmVisit(id, household, SMOKE_ALARM,
                        alarmAnswers("SA-" + id))));
            }
            return batch;
        }

        @Test
        void everyDeviceGetsEachMutationAppliedOnceAndABrokenPushCostsNoOtherDeviceAnything() throws Exception {
            long head = world.ledgerHead();
            List<String> devices = new ArrayList<>();
            List<String> tokens = new ArrayList<>();
            for (int d = 0; d < DEVICES; d++) {
                devices.add("tablet-" + d);
                tokens.add(world.server.login("wang.inspector", TestServer.USER_PASSWORD, devices.get(d))
                        .accessToken());
            }
            String brokenToken = world.server.login("li.inspector", TestServer.USER_PASSWORD, BROKEN).accessToken();

            ExecutorService phones = Executors.newFixedThreadPool(DEVICES + 1);
            List<Future<List<PushResponse>>> pushed = new ArrayList<>();
            for (int d = 0; d < DEVICES; d++) {
                String device = devices.get(d);
                String token = tokens.get(d);
                pushed.add(phones.submit(() -> {
                    List<PushResponse> responses = new ArrayList<>();
                    for (int p = 0; p < PUSHES; p++) {
                        responses.add(Pushes.response(Pushes.push(world.server, token, device,
                                batch(device, p * BATCH + 1, BATCH).toArray(Mutation[]::new))));
                    }
                    return responses;
                }));
            }
            Future<TestServer.Response> broken = phones.submit(() -> Pushes.push(world.server, brokenToken, BROKEN,
                    batch(BROKEN, 1, BATCH).toArray(Mutation[]::new)));
            phones.shutdown();

            for (int d = 0; d < DEVICES; d++) {
                List<PushResponse> responses = pushed.get(d).get();
                assertThat(responses.get(PUSHES - 1).acknowledgedThrough()).isEqualTo(PUSHES * BATCH);
                List<PushResult> results = responses.stream().flatMap(r -> r.results().stream()).toList();
                assertThat(results).extracting(PushResult::status).containsOnly(PushStatus.APPLIED);
                assertThat(results).extracting(PushResult::position).as("ledger order is device order")
                        .isSorted().doesNotHaveDuplicates();
            }
            assertThat(broken.get().status()).as("the push that broke the server").isEqualTo(500);
            assertThat(world.count("SELECT COUNT(*) FROM visit WHERE device_id = ?", BROKEN))
                    .as("what came before the broken mutation is kept").isEqualTo(CRASH_AT - 1);
            assertThat(world.count("SELECT acknowledged_through FROM sync_device WHERE device_id = ?", BROKEN))
                    .isEqualTo(CRASH_AT - 1);
            int applied = DEVICES * PUSHES * BATCH + (int) CRASH_AT - 1;
            assertThat(world.count("SELECT COUNT(*) FROM visit")).isEqualTo(applied);
            assertThat(world.count("SELECT COUNT(*) FROM device_mutation")).isEqualTo(applied);
            assertThat(world.count("SELECT COUNT(DISTINCT entity_id) FROM ledger_entry WHERE entity_type = 'VISIT'"
                    + " AND action = 'SUBMITTED' AND position > ?", head)).isEqualTo(applied);
            assertThat(world.server.bean(LedgerVerifier.class).verify().valid()).isTrue();
        }
    
        /**
         * Each device checks its own household again and again, its alarm failing the sound test on every other visit
         * and passing on the next, in pushes of more than one group, all devices at once: a device's visits land in
         * transactions in a row, each reading ahead the actions open at its site while the one before, which opened or
         * closed them, may not have committed yet. Every failed visit opens one action, and the visit after it closes
         * it, whatever the transactions read before the ones before them committed.
         */
        @Test
        void actionsOpenedAndClosedByDevicesPushingAtOnceAreEachOpenedOnceAndClosedByTheVisitThatFixedThem()
                throws Exception {
            int devices = 6;
            int visits = 4 * BATCH;
            List<String> tokens = new ArrayList<>();
            List<SiteId> sites = new ArrayList<>();
            for (int d = 0; d < devices; d++) {
                tokens.add(world.server.login("wang.inspector", TestServer.USER_PASSWORD, "tablet-fix-" + d)
                        .accessToken());
                sites.add(world.household("wy-household-fix-" + d, WANGYIN, "新村" + (200 + d) + "号"));
            }
            ExecutorService phones = Executors.newFixedThreadPool(devices);
            List<Future<?>> pushed = new ArrayList<>();
            for (int d = 0; d < devices; d++) {
                String device = "tablet-fix-" + d;
                String token = tokens.get(d);
                SiteId site = sites.get(d);
                pushed.add(phones.submit(() -> {
                    for (int first = 1; first <= visits; first += 2 * BATCH) {
                        List<Mutation> batch = new ArrayList<>();
                        for (int seq = first; seq < first + 2 * BATCH; seq++) {
                            String id = device + "-v" + seq;
                            Map<String, AnswerValue> answers = new java.util.LinkedHashMap<>(alarmAnswers("SA-" + id));
                            answers.put("test_sounds", new AnswerValue.YesNo(seq % 2 == 0));
                            batch.add(Pushes.submitVisit("m-" + id, seq, device, Pushes.alarmVisit(id, site,
                                    SMOKE_ALARM, answers)));
                        }
                        List<PushResult> results = Pushes.response(Pushes.push(world.server, token, device,
                                batch.toArray(Mutation[]::new))).results();
                        assertThat(results).extracting(PushResult::status).containsOnly(PushStatus.APPLIED);
                    }
                    return null;
                }));
            }
            phones.shutdown();
            for (Future<?> push : pushed) {
                push.get();
            }

            for (int d = 0; d < devices; d++) {
                String device = "tablet-fix-" + d;
                String site = sites.get(d).value();
                List<String> actions = world.server.bean(Database.class).read(connection -> Sql.query(connection,
                        "SELECT raised_by || ' closed by ' || COALESCE(closed_by, '(open)') FROM corrective_action"
                                + " WHERE site_id = ? ORDER BY raised_by", row -> row.getString(1), site));
                List<String> expected = new ArrayList<>();
                for (int seq = 1; seq <= visits; seq += 2) {
                    expected.add(device + "-v" + seq + " closed by " + device + "-v" + (seq + 1));
                }
                expected.sort(null);
                assertThat(actions).as(device).containsExactlyElementsOf(expected);
            }
            assertThat(world.server.bean(LedgerVerifier.class).verify().valid()).isTrue();
        }

        /**
         * Each device's visit shares a photo with the same visit of the device before it and another with that of the
         * device after it, each device at its own site, all pushing at once. More devices push than one transaction
         * takes, so the visits of some photos are in two transactions, the second reading ahead while the first still
         * commits. Whichever stores its visit first, and whatever the other read before that committed, the flags
         * recorded for both visits of every shared photo name it.
         */
        @Test
        void photosSharedAcrossSitesByDevicesPushingAtOnceAreFlaggedOnEveryVisitThatClaimsThem() throws Exception {
            int devices = 20;
            int pushes = 2;
            List<String> tokens = new ArrayList<>();
            List<SiteId> sites = new ArrayList<>();
            for (int d = 0; d < devices; d++) {
                tokens.add(world.server.login("wang.inspector", TestServer.USER_PASSWORD, "shared-" + d)
                        .accessToken());
                sites.add(world.household("wy-household-2" + d, WANGYIN, "新村2" + d + "号"));
            }
            ExecutorService phones = Executors.newFixedThreadPool(devices);
            List<Future<List<PushResponse>>> pushed = new ArrayList<>();
            for (int d = 0; d < devices; d++) {
                int device = d;
                pushed.add(phones.submit(() -> {
                    List<PushResponse> responses = new ArrayList<>();
                    for (int p = 0; p < pushes; p++) {
                        List<Mutation> batch = new ArrayList<>();
                        for (int seq = p * BATCH + 1; seq <= (p + 1) * BATCH; seq++) {
                            batch.add(sharingVisit(device, devices, seq, sites.get(device)));
                        }
                        responses.add(Pushes.response(Pushes.push(world.server, tokens.get(device), "shared-" + device,
                                batch.toArray(Mutation[]::new))));
                    }
                    return responses;
                }));
            }
            phones.shutdown();
            for (Future<List<PushResponse>> device : pushed) {
                assertThat(device.get().stream().flatMap(response -> response.results().stream()))
                        .extracting(PushResult::status).containsOnly(PushStatus.APPLIED);
            }

            // The flags as recorded when the visits were stored (the ledger's EVIDENCE_FLAGGED entries carry them),
            // not as the evidence page works them out again from every claim.
            Database database = world.server.bean(Database.class);
            for (int d = 0; d < devices; d++) {
                for (int seq = 1; seq <= pushes * BATCH; seq++) {
                    String visit = "shared-" + d + "-v" + seq;
                    String recorded = database.read(connection -> Sql.queryOne(connection, "SELECT flags FROM"
                            + " visit_evidence WHERE visit_id = ?", row -> row.getString(1), visit)).orElse("(none)");
                    assertThat(recorded).as("flags recorded for " + visit).contains(
                            TestPhotos.sha256(sharedPhoto((d + devices - 1) % devices, seq)),
                            TestPhotos.sha256(sharedPhoto(d, seq))).contains("REUSED_ACROSS_SITES");
                }
            }
            assertThat(world.server.bean(LedgerVerifier.class).verify().valid()).isTrue();
        }

        /** Device {@code d}'s visit {@code seq}: its photos are the ones it shares with the devices on either side. */
        private static Mutation sharingVisit(int d, int devices, int seq, SiteId site) {
            String id = "shared-" + d + "-v" + seq;
            Map<String, AnswerValue> answers = alarmAnswers("SA-" + id);
            answers.put("photos", new AnswerValue.Photos(List.of(
                    TestPhotos.ref(sharedPhoto((d + devices - 1) % devices, seq)),
                    TestPhotos.ref(sharedPhoto(d, seq)))));
            answers.put("resident_signature", new AnswerValue.Signature(
                    TestPhotos.ref(TestPhotos.plainJpeg("signature-" + id))));
            return Pushes.submitVisit("m-" + id, seq, "shared-" + d, Pushes.alarmVisit(id, site, SMOKE_ALARM, answers));
        }

        /** The photo that device {@code d}'s visit {@code seq} shares with the same visit of device {@code d + 1}. */
        private static byte[] sharedPhoto(int d, int seq) {
            return TestPhotos.plainJpeg("shared-" + d + "-" + seq);
        }
    }
}

package org.fieldledger.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fieldledger.server.e2e.FieldWorld.SMOKE_ALARM;
import static org.fieldledger.server.e2e.FieldWorld.WANGYIN;
import static org.fieldledger.server.e2e.FieldWorld.alarmAnswers;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.fieldledger.client.FieldDevice;
import org.fieldledger.model.catalog.ProjectId;
import org.fieldledger.model.review.CompletionId;
import org.fieldledger.model.review.CompletionStatus;
import org.fieldledger.model.site.SiteId;
import org.fieldledger.model.sync.CompletionFields;
import org.fieldledger.model.sync.CompletionSubmission;
import org.fieldledger.model.sync.CompletionUpdate;
import org.fieldledger.model.sync.Hlc;
import org.fieldledger.model.sync.Mutation;
import org.fieldledger.model.sync.MutationType;
import org.fieldledger.model.sync.PushResponse;
import org.fieldledger.model.sync.PushResult;
import org.fieldledger.model.sync.PushStatus;
import org.fieldledger.model.sync.VisitSubmission;
import org.fieldledger.model.template.TemplateRef;
import org.fieldledger.model.visit.AnswerValue;
import org.fieldledger.model.visit.ProblemCode;
import org.fieldledger.model.visit.VisitId;
import org.fieldledger.server.storage.Database;
import org.fieldledger.server.storage.Sql;
import org.fieldledger.server.testing.Backend;
import org.fieldledger.server.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The push protocol under retries, reordering and bad input, with hand-built batches; and the ledger after it all. */
class PushProtocolTest {
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
        private static final String DEVICE = "tablet-wang-10";

        private final Backend backend;
        private FieldWorld world;
        private SiteId household;
        private String token;

        Contract(Backend backend) {
            this.backend = backend;
        }

        @BeforeEach
        void start() {
            world = FieldWorld.start(backend);
            household = world.household("wy-household-090", WANGYIN, "新村90号");
            token = world.server.login("wang.inspector", TestServer.USER_PASSWORD, DEVICE).accessToken();
        }

        @AfterEach
        void stop() {
            world.close();
        }

        private Mutation visit(String id, long seq) {
            return Pushes.submitVisit("m-" + id, seq, DEVICE, Pushes.alarmVisit(id, household, SMOKE_ALARM,
                    alarmAnswers("SA-2024-" + id)));
        }

        private PushResponse push(Mutation... mutations) {
            return Pushes.response(Pushes.push(world.server, token, DEVICE, mutations));
        }

        @Test
        void retriedAndReorderedBatchesApplyEachMutationOnceInDeviceOrder() {
            Mutation v1 = visit("v1", 1);
            Mutation v2 = visit("v2", 2);
            Mutation v3 = visit("v3", 3);
            Mutation v4 = visit("v4", 4);
            PushResponse early = push(v3, v4);
            assertThat(early.results()).extracting(PushResult::status).containsExactly(PushStatus.DEFERRED,
                    PushStatus.DEFERRED);
            assertThat(early.acknowledgedThrough()).isZero();

            PushResponse first = push(v1, v2);
            PushResponse retried = push(v1, v2);
            PushResponse late = push(v3, v4);

            assertThat(first.results()).extracting(PushResult::status).containsOnly(PushStatus.APPLIED);
            assertThat(retried.results()).extracting(PushResult::status).containsOnly(PushStatus.DUPLICATE);
            assertThat(retried.results()).extracting(PushResult::position)
                    .isEqualTo(first.results().stream().map(PushResult::position).toList());
            assertThat(late.results()).extracting(PushResult::status).containsOnly(PushStatus.APPLIED);
            assertThat(late.acknowledgedThrough()).isEqualTo(4);
            List<Long> positions = List.of(first.results().get(0).position(), first.results().get(1).position(),
                    late.results().get(0).position(), late.results().get(1).position());
            assertThat(positions).as("ledger order is device order").isSorted();
            for (String visit : List.of("v1", "v2", "v3", "v4")) {
                assertThat(world.submissions(new VisitId(visit))).isEqualTo(1);
            }
        }

        @Test
        void theSameIdOrSeqWithOtherContentIsAConflictNotADuplicate() {
            Mutation original = visit("v1", 1);
            push(original);
            assertThat(push(original).results().get(0).status()).isEqualTo(PushStatus.DUPLICATE);
            Mutation changed = Pushes.submitVisit("m-v1", 1, DEVICE, Pushes.alarmVisit("v1", household, SMOKE_ALARM,
                    alarmAnswers("SA-OTHER-SERIAL")));

            PushResult sameSeq = push(changed).results().get(0);
            PushResult reusedId = push(Pushes.submitVisit("m-v1", 2, DEVICE, Pushes.alarmVisit("v2", household,
                    SMOKE_ALARM, alarmAnswers("SA-2024-v2")))).results().get(0);

            assertThat(sameSeq.status()).isEqualTo(PushStatus.REJECTED);
            assertThat(sameSeq.code()).isEqualTo("MUTATION_CONFLICT");
            assertThat(reusedId.status()).isEqualTo(PushStatus.REJECTED);
            assertThat(reusedId.code()).isEqualTo("MUTATION_CONFLICT");
            assertThat(world.server.get("/api/v1/visits/v1", world.token("du.supervisor")).json()
                    .path("answers").path("alarm_serial").path("value").asText()).isEqualTo("SA-2024-v1");
            assertThat(world.count("SELECT COUNT(*) FROM visit")).isEqualTo(1);
        }

        @Test
        void unacceptableVisitsAreRejectedWithTheirReasonsStoredAndNothingApplied() {
            long head = world.ledgerHead();
            Map<String, AnswerValue> missing = alarmAnswers("SA-2024-00091");
            missing.remove("test_sounds");
            Mutation unknownVersion = Pushes.submitVisit("m-v9", 1, DEVICE, Pushes.alarmVisit("v9", household,
                    TemplateRef.parse("smoke-alarm-installation@9"), alarmAnswers("SA-2024-00099")));
            Mutation unanswered = Pushes.submitVisit("m-v10", 2, DEVICE, Pushes.alarmVisit("v10", household,
                    SMOKE_ALARM, missing));

            PushResponse response = push(unknownVersion, unanswered);

            PushResult version = response.results().get(0);
            assertThat(version.status()).isEqualTo(PushStatus.REJECTED);
            assertThat(version.code()).isEqualTo("UNKNOWN_TEMPLATE_VERSION");
            assertThat(version.reason()).contains("smoke-alarm-installation@9");
            PushResult answers = response.results().get(1);
            assertThat(answers.code()).isEqualTo("VALIDATION_FAILED");
            assertThat(answers.problems()).extracting(problem -> problem.questionId() + ":" + problem.code())
                    .containsExactly("test_sounds:" + ProblemCode.REQUIRED_ANSWER_MISSING);
            assertThat(response.acknowledgedThrough()).as("refused, but processed: the device moves on").isEqualTo(2);
            assertThat(world.ledgerHead()).isEqualTo(head);
            assertThat(world.count("SELECT COUNT(*) FROM visit")).isZero();
            assertThat(world.count("SELECT COUNT(*) FROM device_mutation WHERE status = 'REJECTED'"
                    + " AND mutation LIKE '%SA-2024-00091%'")).as("kept with its reason").isEqualTo(1);
            PushResult again = push(unanswered).results().get(0);
            assertThat(again.status()).isEqualTo(PushStatus.DUPLICATE);
            assertThat(again.originalStatus()).isEqualTo(PushStatus.REJECTED);
            assertThat(again.code()).isEqualTo("VALIDATION_FAILED");
        }

        @Test
        void aBatchSpanningSeveralCommitGroupsAnswersEveryMutationOnItsOwn() {
            long head = world.ledgerHead();
            Map<String, AnswerValue> missing = alarmAnswers("SA-2024-missing");
            missing.remove("test_sounds");
            Mutation[] batch = new Mutation[120];
            for (int seq = 1; seq <= batch.length; seq++) {
                batch[seq - 1] = visit("g" + seq, seq);
            }
            // A rejection in each of the three groups of 50, and mutation ids reused inside a group and across one.
            batch[29] = Pushes.submitVisit("m-g30", 30, DEVICE, Pushes.alarmVisit("g30", household, SMOKE_ALARM,
                    missing));
            batch[50] = Pushes.submitVisit("m-g49", 51, DEVICE, Pushes.alarmVisit("g51", household, SMOKE_ALARM,
                    alarmAnswers("SA-2024-g51")));
            batch[99] = Pushes.submitVisit("m-g10", 100, DEVICE, Pushes.alarmVisit("g100", household, SMOKE_ALARM,
                    alarmAnswers("SA-2024-g100")));

            PushResponse response = push(batch);
            PushResponse retried = push(batch);

            assertThat(response.acknowledgedThrough()).isEqualTo(120);
            for (PushResult result : response.results()) {
                long seq = result.seq();
                if (seq == 30) {
                    assertThat(result.code()).isEqualTo("VALIDATION_FAILED");
                } else if (seq == 51 || seq == 100) {
                    assertThat(result.code()).as("seq " + seq).isEqualTo("MUTATION_CONFLICT");
                } else {
                    assertThat(result.status()).as("seq " + seq).isEqualTo(PushStatus.APPLIED);
                }
            }
            assertThat(response.results()).extracting(PushResult::position).filteredOn(java.util.Objects::nonNull)
                    .as("ledger order is device order across groups").isSorted().hasSize(117);
            assertThat(world.ledgerHead() - head).as("each applied visit and nothing of a rejected one")
                    .isGreaterThanOrEqualTo(117);
            assertThat(world.count("SELECT COUNT(*) FROM visit")).isEqualTo(117);
            assertThat(world.count("SELECT COUNT(*) FROM device_mutation WHERE device_id = ?", DEVICE))
                    .isEqualTo(120);
            assertThat(world.count("SELECT COUNT(*) FROM device_mutation d WHERE device_id = ? AND mutation IS NULL"
                    + " AND EXISTS (SELECT 1 FROM ledger_entry e WHERE e.mutation_id = d.mutation_id"
                    + " AND e.action = 'SUBMITTED' AND e.payload LIKE '%SA-2024-g%')", DEVICE))
                    .as("an applied mutation's content is kept once, by its ledger entry").isEqualTo(117);
            assertThat(world.count("SELECT COUNT(*) FROM device_mutation WHERE device_id = ? AND mutation LIKE ?",
                    DEVICE, "%\"seq\":%")).as("a refused one's, as it was received").isEqualTo(3);
            assertThat(retried.results()).extracting(PushResult::status).containsOnly(PushStatus.DUPLICATE);
            assertThat(retried.results()).extracting(PushResult::originalStatus)
                    .isEqualTo(response.results().stream().map(PushResult::status).toList());
        }

        @Test
        void aUserOfSeveralAreasPullsEveryChangeOfThemInPositionOrderPageByPage() {
            SiteId liuxing = world.household("lx-household-007", FieldWorld.LIUXING, "柳行7号");
            String liuToken = world.server.login("liu.inspector", TestServer.USER_PASSWORD, "tablet-liu-07")
                    .accessToken();
            for (int i = 1; i <= 4; i++) {
                push(visit("w" + i, i));
                Pushes.response(Pushes.push(world.server, liuToken, "tablet-liu-07", Pushes.submitVisit("m-l" + i, i,
                        "tablet-liu-07", Pushes.alarmVisit("l" + i, liuxing, SMOKE_ALARM, alarmAnswers("SA-L-" + i)))));
            }
            world.server.createUser("both.inspector", "INSPECTOR", WANGYIN, FieldWorld.LIUXING);
            String both = world.server.login("both.inspector", TestServer.USER_PASSWORD).accessToken();

            List<Long> pulled = new java.util.ArrayList<>();
            String cursor = null;
            boolean more = true;
            while (more) {
                var page = world.server.get("/api/v1/sync/pull?limit=3" + (cursor == null ? "" : "&cursor=" + cursor),
                        both).json();
                page.path("changes").forEach(change -> pulled.add(change.path("position").asLong()));
                cursor = page.path("cursor").asText();
                more = page.path("hasMore").asBoolean();
            }

            List<Long> expected = world.server.bean(Database.class).read(connection -> Sql.query(connection,
                    "SELECT position FROM ledger_entry WHERE (area IS NULL OR area IN (?, ?)) AND entity_type IN"
                            + " ('TEMPLATE', 'SITE', 'VISIT', 'COMPLETION', 'CORRECTIVE_ACTION', 'ASSIGNMENT')"
                            + " ORDER BY position",
                    row -> row.getLong(1), WANGYIN, FieldWorld.LIUXING));
            assertThat(pulled).isEqualTo(expected);
            assertThat(world.count("SELECT COUNT(*) FROM ledger_entry WHERE entity_type = 'VISIT'")).isEqualTo(8);
        }

        @Test
        void malformedForgedAndOversizedPushesAreRefusedWithJsonErrorsAndChangeNothing() {
            long head = world.ledgerHead();

            TestServer.Response malformed = world.server.post("/api/v1/sync/push", "{\"deviceId\": \"" + DEVICE
                    + "\", \"mutations\": [", token);
            TestServer.Response unknownField = world.server.post("/api/v1/sync/push", "{\"deviceId\": \"" + DEVICE
                    + "\", \"mutations\": [], \"priority\": \"high\"}", token);
            TestServer.Response otherDevice = Pushes.push(world.server, token, "tablet-someone-else", visit("v1", 1));
            TestServer.Response unsigned = Pushes.push(world.server, unsignedCopyOf(token), DEVICE, visit("v1", 1));
            TestServer.Response oversized = world.server.post("/api/v1/sync/push", "{\"deviceId\": \"" + DEVICE
                    + "\", \"mutations\": [], \"padding\": \"" + "x".repeat(9 * 1024 * 1024) + "\"}", token);

            assertThat(malformed.status()).isEqualTo(400);
            assertThat(malformed.code()).isEqualTo("MALFORMED_REQUEST");
            assertThat(unknownField.status()).isEqualTo(400);
            assertThat(unknownField.message()).contains("priority");
            assertThat(otherDevice.status()).isEqualTo(403);
            assertThat(unsigned.status()).isEqualTo(401);
            assertThat(unsigned.code()).isEqualTo("UNAUTHENTICATED");
            assertThat(oversized.status()).isEqualTo(413);
            assertThat(oversized.code()).isEqualTo("PAYLOAD_TOO_LARGE");
            assertThat(world.ledgerHead()).isEqualTo(head);
            assertThat(world.count("SELECT COUNT(*) FROM device_mutation")).isZero();
            assertThat(world.server.get("/api/v1/ledger/verify", world.token("du.supervisor")).json().path("valid")
                    .asBoolean()).isTrue();
        }

        @Test
        void aVisitSubmittedDirectlyGetsA4xxNamingEachProblemAndChangesNothing() {
            long head = world.ledgerHead();
            String inspector = world.token("wang.inspector");
            Map<String, AnswerValue> missing = alarmAnswers("SA-2024-00095");
            missing.remove("test_sounds");
            missing.put("contact_phone", new AnswerValue.Text("05371234567"));

            TestServer.Response unanswered = world.server.post("/api/v1/visits", payload(Pushes.alarmVisit("v95",
                    household, SMOKE_ALARM, missing)), inspector);
            TestServer.Response unknownVersion = world.server.post("/api/v1/visits", payload(Pushes.alarmVisit("v96",
                    household, TemplateRef.parse("smoke-alarm-installation@9"), alarmAnswers("SA-2024-00096"))),
                    inspector);
            TestServer.Response otherTown = world.server.post("/api/v1/visits", payload(Pushes.alarmVisit("v97",
                    household, SMOKE_ALARM, alarmAnswers("SA-2024-00097"))), world.token("liu.inspector"));

            assertThat(unanswered.status()).isEqualTo(422);
            assertThat(unanswered.code()).isEqualTo("VALIDATION_FAILED");
            List<String> problems = new java.util.ArrayList<>();
            unanswered.json().path("details").forEach(detail -> problems.add(detail.path("field").asText() + ":"
                    + detail.path("code").asText()));
            assertThat(problems).containsExactlyInAnyOrder("test_sounds:REQUIRED_ANSWER_MISSING",
                    "contact_phone:TEXT_PATTERN_MISMATCH");
            assertThat(unknownVersion.status()).isEqualTo(422);
            assertThat(unknownVersion.json().path("details").get(0).path("code").asText())
                    .isEqualTo("UNKNOWN_TEMPLATE_VERSION");
            assertThat(otherTown.status()).isEqualTo(403);
            assertThat(world.ledgerHead()).isEqualTo(head);
            assertThat(world.count("SELECT COUNT(*) FROM visit")).isZero();

            TestServer.Response accepted = world.server.post("/api/v1/visits", payload(Pushes.alarmVisit("v98",
                    household, SMOKE_ALARM, alarmAnswers("SA-2024-00098"))), inspector);
            assertThat(accepted.status()).isEqualTo(201);
            assertThat(accepted.json().path("outcome").path("passed").asBoolean()).isTrue();
            assertThat(world.submissions(new VisitId("v98"))).isEqualTo(1);
        }

        private static String payload(org.fieldledger.model.sync.VisitSubmission visit) {
            return org.fieldledger.model.sync.WireJson.writePayload(MutationType.SUBMIT_VISIT, visit);
        }

        @Test
        void aTownOfficeSubmitsACompletionFromTheConsoleWithDirectErrors() {
            VisitId visit = new VisitId("v120");
            Pushes.response(Pushes.push(world.server, token, DEVICE, Pushes.submitVisit("m-v120", 1, DEVICE,
                    Pushes.alarmVisit(visit.value(), household, SMOKE_ALARM, alarmAnswers("SA-2024-00120")))));
            String office = world.token("wangyin.office");
            String claim = "{\"id\": \"c-120\", \"projectId\": \"gaoxin-2024-2\", \"metric\": \"%s\","
                    + " \"siteId\": \"" + household.value() + "\", \"quantity\": 1, \"evidence\": [\"v120\"],"
                    + " \"note\": null}";

            TestServer.Response unknownTarget = world.server.post("/api/v1/completions",
                    String.format(claim, "安装烟感"), office);
            TestServer.Response byInspector = world.server.post("/api/v1/completions",
                    String.format(claim, "为独居、行动不便的老年人安装火灾探测报警器"), world.token("wang.inspector"));
            TestServer.Response accepted = world.server.post("/api/v1/completions",
                    String.format(claim, "为独居、行动不便的老年人安装火灾探测报警器"), office);

            assertThat(unknownTarget.status()).isEqualTo(422);
            assertThat(unknownTarget.json().path("details").get(0).path("code").asText()).isEqualTo("UNKNOWN_TARGET");
            assertThat(byInspector.status()).isEqualTo(403);
            assertThat(accepted.status()).isEqualTo(201);
            assertThat(accepted.json().path("status").asText()).isEqualTo("SUBMITTED");
            assertThat(world.count("SELECT COUNT(*) FROM completion")).isEqualTo(1);
        }

        @Test
        void aRejectedCompletionReachesTheInspectorsDeviceAndOnlyASupervisorDecides() {
            FieldDevice inspector = world.device("wang.inspector", "tablet-wang-11", Clock.systemUTC());
            VisitId visit = syncedAlarmCheck(inspector, "SA-2024-00092");
            String office = world.server.login("wangyin.office", TestServer.USER_PASSWORD, "office-wangyin-1")
                    .accessToken();
            CompletionSubmission claim = new CompletionSubmission(new CompletionId("c-household-090"),
                    new ProjectId("gaoxin-2024-2"), "为独居、行动不便的老年人安装火灾探测报警器", household, BigDecimal.ONE,
                    List.of(visit), "已安装并测试");
            PushResponse submitted = Pushes.response(Pushes.push(world.server, office, "office-wangyin-1",
                    new Mutation("m-c-090", 1, MutationType.SUBMIT_COMPLETION,
                            new Hlc(Instant.now().toEpochMilli(), 0, "office-wangyin-1"), claim)));
            assertThat(submitted.results().get(0).status()).isEqualTo(PushStatus.APPLIED);

            String path = "/api/v1/completions/c-household-090/reject";
            TestServer.Response byInspector = world.server.post(path, "{\"reason\": \"自己核验\"}",
                    world.token("wang.inspector"));
            TestServer.Response bySupervisor = world.server.post(path, "{\"reason\": \"照片中看不清报警器序列号\"}",
                    world.token("du.supervisor"));
            TestServer.Response twice = world.server.post("/api/v1/completions/c-household-090/verify", "{}",
                    world.token("du.supervisor"));

            assertThat(byInspector.status()).isEqualTo(403);
            assertThat(bySupervisor.status()).isEqualTo(200);
            assertThat(twice.status()).isEqualTo(409);
            assertThat(inspector.sync().isComplete()).isTrue();
            assertThat(inspector.completions()).singleElement().satisfies(state -> {
                assertThat(state.completion().status()).isEqualTo(CompletionStatus.REJECTED);
                assertThat(state.completion().decisionReason()).isEqualTo("照片中看不清报警器序列号");
            });
        }

        /**
         * An edit whose merge logs the value it replaces and that is refused only afterwards (its evidence visit does
         * not exist) is refused whole: no conflict entry, no change. The edit after it in the same batch applies.
         */
        @Test
        void visitsOfOneBatchMeetEachOtherAsIfTheyHadComeInSeparateBatches() {
            SiteId neighbour = world.household("wy-household-094", WANGYIN, "新村94号");
            AnswerValue.Photos shared = new AnswerValue.Photos(List.of(FieldWorld.photo("shared-094"),
                    FieldWorld.photo("own-094")));
            Map<String, AnswerValue> first = alarmAnswers("SA-2024-k1");
            first.put("photos", shared);
            Map<String, AnswerValue> second = alarmAnswers("SA-2024-k2");
            second.put("photos", new AnswerValue.Photos(List.of(FieldWorld.photo("shared-094"),
                    FieldWorld.photo("own-095"))));
            var original = Pushes.alarmVisit("k1", household, SMOKE_ALARM, first);
            var elsewhere = Pushes.alarmVisit("k2", neighbour, SMOKE_ALARM, second);

            PushResponse response = push(Pushes.submitVisit("m-k1", 1, DEVICE, original),
                    Pushes.submitVisit("m-k2", 2, DEVICE, elsewhere),
                    Pushes.submitVisit("m-k3", 3, DEVICE, correction("k3", original)),
                    Pushes.submitVisit("m-k2-again", 4, DEVICE, elsewhere),
                    Pushes.submitVisit("m-k1-changed", 5, DEVICE, Pushes.alarmVisit("k1", household, SMOKE_ALARM,
                            alarmAnswers("SA-2024-k1-changed"))),
                    Pushes.submitVisit("m-k4", 6, DEVICE, correction("k4", original)));

            assertThat(response.results()).extracting(PushResult::status).containsExactly(PushStatus.APPLIED,
                    PushStatus.APPLIED, PushStatus.APPLIED, PushStatus.APPLIED, PushStatus.REJECTED,
                    PushStatus.REJECTED);
            assertThat(response.results().get(3).position()).as("the visit sent again is the one stored")
                    .isEqualTo(response.results().get(1).position());
            assertThat(response.results()).extracting(PushResult::code).endsWith("VISIT_IMMUTABLE",
                    "REVISION_CONFLICT");
            assertThat(world.count("SELECT COUNT(*) FROM visit WHERE id = 'k1' AND superseded_by = 'k3'"))
                    .isEqualTo(1);
            assertThat(world.count("SELECT COUNT(*) FROM visit WHERE id IN ('k1', 'k2', 'k3', 'k4')")).isEqualTo(3);
            assertThat(world.count("SELECT COUNT(*) FROM visit_photo WHERE visit_id IN ('k1', 'k2', 'k3')"))
                    .isEqualTo(9);
            for (String visit : List.of("k1", "k2")) {
                assertThat(world.count("SELECT COUNT(*) FROM ledger_entry WHERE action = 'EVIDENCE_FLAGGED'"
                        + " AND entity_id = ? AND payload LIKE '%REUSED_ACROSS_SITES%'", visit)).as(visit)
                        .isEqualTo(1);
            }
            assertThat(world.server.get("/api/v1/ledger/verify", world.token("du.supervisor")).json()
                    .path("valid").asBoolean()).isTrue();
        }

        private static VisitSubmission correction(String id, VisitSubmission of) {
            return new VisitSubmission(new VisitId(id), of.id(), of.siteId(), of.template(), of.startedAt(),
                    of.submittedAt(), of.location(), of.answers());
        }

        @Test
        void anEditRefusedAfterItsMergeWasLoggedLeavesNoTraceAndTheNextEditApplies() {
            VisitId visit = syncedAlarmCheck(world.device("wang.inspector", "tablet-wang-12", Clock.systemUTC()),
                    "SA-2024-00093");
            String office = world.server.login("wangyin.office", TestServer.USER_PASSWORD, "office-wangyin-2")
                    .accessToken();
            CompletionId id = new CompletionId("c-household-091");
            long now = Instant.now().toEpochMilli();
            Mutation claim = new Mutation("m-c-091", 1, MutationType.SUBMIT_COMPLETION,
                    new Hlc(now, 0, "office-wangyin-2"), new CompletionSubmission(id, new ProjectId("gaoxin-2024-2"),
                    "为独居、行动不便的老年人安装火灾探测报警器", household, BigDecimal.ONE, List.of(visit), "已安装"));
            Mutation wrongEvidence = new Mutation("m-c-091-e", 2, MutationType.UPDATE_COMPLETION,
                    new Hlc(now + 1, 0, "office-wangyin-2"), new CompletionUpdate(id, new CompletionFields(null,
                    List.of(new VisitId("no-such-visit")), null)));
            Mutation note = new Mutation("m-c-091-n", 3, MutationType.UPDATE_COMPLETION,
                    new Hlc(now + 2, 0, "office-wangyin-2"), new CompletionUpdate(id, new CompletionFields(null,
                    null, "已安装并测试")));

            PushResponse response = Pushes.response(Pushes.push(world.server, office, "office-wangyin-2", claim,
                    wrongEvidence, note));

            assertThat(response.results()).extracting(PushResult::status)
                    .containsExactly(PushStatus.APPLIED, PushStatus.REJECTED, PushStatus.APPLIED);
            assertThat(response.results().get(1).code()).isEqualTo("UNKNOWN_VISIT");
            assertThat(response.acknowledgedThrough()).isEqualTo(3);
            assertThat(world.count("SELECT COUNT(*) FROM conflict_log WHERE entity_id = 'c-household-091'"
                    + " AND field = 'evidence'")).isZero();
            assertThat(world.count("SELECT COUNT(*) FROM conflict_log WHERE entity_id = 'c-household-091'"
                    + " AND field = 'note'")).isEqualTo(1);
            assertThat(world.count("SELECT COUNT(*) FROM ledger_entry WHERE entity_id = 'c-household-091'"))
                    .isEqualTo(2);
            assertThat(world.server.get("/api/v1/ledger/verify", world.token("du.supervisor")).json()
                    .path("valid").asBoolean()).isTrue();
        }

        @Test
        void afterAllOfThatTheLedgerVerifiesAndAHandEditedRowIsNamed() {
            push(visit("v1", 1), visit("v2", 2));
            String supervisor = world.token("du.supervisor");
            TestServer.Response verified = world.server.get("/api/v1/ledger/verify", supervisor);
            assertThat(verified.status()).isEqualTo(200);
            assertThat(verified.json().path("valid").asBoolean()).isTrue();
            assertThat(world.server.get("/api/v1/ledger/verify", world.token("wang.inspector")).status())
                    .isEqualTo(403);

            long position = world.server.bean(Database.class).read(connection -> Sql.queryOne(connection,
                    "SELECT position FROM ledger_entry WHERE entity_type = 'VISIT' AND entity_id = 'v1'",
                    row -> row.getLong(1))).orElseThrow();
            world.server.bean(Database.class).write(connection -> Sql.update(connection,
                    "UPDATE ledger_entry SET actor = 'someone-else' WHERE position = ?", position));

            TestServer.Response broken = world.server.get("/api/v1/ledger/verify", supervisor);
            assertThat(broken.json().path("valid").asBoolean()).isFalse();
            assertThat(broken.json().path("firstBroken").asLong()).isEqualTo(position);
        }

        /** An alarm check of the household recorded on {@code inspector} and synced: evidence for a completion. */
        private VisitId syncedAlarmCheck(FieldDevice inspector, String alarmSerial) {
            inspector.sync();
            VisitId visit = FieldWorld.recordAlarmCheck(inspector, household, alarmSerial);
            assertThat(inspector.sync().isComplete()).isTrue();
            return visit;
        }

        /** The same claims with the signature stripped and {@code alg: none}: the oldest JWT forgery. */
        private static String unsignedCopyOf(String token) {
            String[] parts = token.split("\\.");
            String header = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes());
            return header + "." + parts[1] + ".";
        }
    }

}

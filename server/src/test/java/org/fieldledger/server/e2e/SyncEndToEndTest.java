package org.fieldledger.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fieldledger.server.e2e.FieldWorld.LIUXING;
import static org.fieldledger.server.e2e.FieldWorld.WANGYIN;
import static org.fieldledger.server.e2e.FieldWorld.recordAlarmCheck;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.fieldledger.client.FieldDevice;
import org.fieldledger.client.LocalVisit;
import org.fieldledger.client.SyncReport;
import org.fieldledger.client.SyncState;
import org.fieldledger.model.site.SiteId;
import org.fieldledger.model.sync.SiteFields;
import org.fieldledger.model.visit.VisitId;
import org.fieldledger.server.testing.Backend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Devices built on client-core against the real server: the sync invariants of DESIGN.md, end to end. */
class SyncEndToEndTest {
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
        private final Backend backend;
        private FieldWorld world;

        Contract(Backend backend) {
            this.backend = backend;
        }

        @AfterEach
        void stop() {
            if (world != null) {
                world.close();
            }
        }

        @Test
        void twoDevicesInOneTownSyncInEitherOrderAndBothEndWithWhatTheServerHas() {
            world = FieldWorld.start(backend);
            SiteId household37 = world.household("wy-household-037", WANGYIN, "前村37号");
            SiteId household38 = world.household("wy-household-038", WANGYIN, "前村38号");
            FieldDevice wang = world.device("wang.inspector", "tablet-wang-01", Clock.systemUTC());
            FieldDevice li = world.device("li.inspector", "tablet-li-0001", Clock.systemUTC());
            assertThat(wang.sync().isComplete()).isTrue();
            assertThat(li.sync().isComplete()).isTrue();
            assertThat(wang.templates()).extracting(t -> t.ref().toString()).contains("smoke-alarm-installation@1");

            List<VisitId> recorded = new ArrayList<>();
            recorded.add(recordAlarmCheck(wang, household37, "SA-2024-00137"));
            recorded.add(recordAlarmCheck(li, household38, "SA-2024-00138"));
            recorded.add(recordAlarmCheck(wang, household38, "SA-2024-00238"));
            assertThat(wang.visit(recorded.get(0)).state()).isEqualTo(SyncState.PENDING);

            assertThat(li.sync().isComplete()).isTrue();
            assertThat(wang.sync().isComplete()).isTrue();
            assertThat(li.sync().isComplete()).isTrue();

            for (FieldDevice device : List.of(wang, li)) {
                assertThat(device.visits()).extracting(LocalVisit::id).containsAll(recorded);
                assertThat(device.visits()).allSatisfy(visit -> assertThat(visit.state()).isEqualTo(SyncState.SYNCED));
                assertThat(device.pendingCount()).isZero();
            }
            String supervisor = world.token("du.supervisor");
            for (VisitId visit : recorded) {
                assertThat(world.server.get("/api/v1/visits/" + visit.value(), supervisor).status()).isEqualTo(200);
                assertThat(world.submissions(visit)).isEqualTo(1);
            }
        }

        @Test
        void aServerDyingMidPushLosesNothingAndDuplicatesNothing() {
            world = FieldWorld.start(backend, Map.of("test.crash-at-seq", 3));
            SiteId household = world.household("wy-household-041", WANGYIN, "后村41号");
            FieldDevice device = world.device("wang.inspector", "tablet-wang-02", Clock.systemUTC());
            device.sync();
            List<VisitId> recorded = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                recorded.add(recordAlarmCheck(device, household, "SA-2024-0041" + i));
            }

            SyncReport cut = device.sync();

            assertThat(cut.isComplete()).isFalse();
            assertThat(world.submissions(recorded.get(0))).isEqualTo(1);
            assertThat(world.submissions(recorded.get(1))).isEqualTo(1);
            assertThat(world.submissions(recorded.get(2))).isZero();
            assertThat(device.pendingCount()).as("nothing leaves the outbox without an answer").isEqualTo(5);

            world.server.restart(Map.of("test.crash-at-seq", -1));
            SyncReport resumed = device.sync(true);

            assertThat(resumed.isComplete()).isTrue();
            assertThat(resumed.duplicates()).isEqualTo(2);
            assertThat(resumed.applied()).isEqualTo(3);
            for (VisitId visit : recorded) {
                assertThat(world.submissions(visit)).as(visit.value()).isEqualTo(1);
                assertThat(device.visit(visit).state()).isEqualTo(SyncState.SYNCED);
            }
            assertThat(device.pendingCount()).isZero();
        }

        @Test
        void skewedDeviceClocksAreOrderedByHybridClockAndEveryLosingValueIsLogged() {
            world = FieldWorld.start(backend);
            SiteId household = world.household("wy-household-052", WANGYIN, "东街52号");
            Clock dayBehind = Clock.offset(Clock.systemUTC(), Duration.ofDays(-1));
            Clock dayAhead = Clock.offset(Clock.systemUTC(), Duration.ofDays(1));
            FieldDevice behind = world.device("wang.inspector", "tablet-behind-1", dayBehind);
            FieldDevice ahead = world.device("li.inspector", "tablet-ahead-01", dayAhead);
            behind.sync();
            ahead.sync();

            behind.updateSite(household, new SiteFields(null, "东街52号（老宅）", null));
            ahead.updateSite(household, new SiteFields(null, "东街52号东侧平房", null));
            assertThat(behind.sync().isComplete()).isTrue();
            assertThat(ahead.sync().isComplete()).isTrue();
            assertThat(behind.sync().isComplete()).as("sees the other edit, and the server's clock").isTrue();
            behind.updateSite(household, new SiteFields(null, "东街52号，门牌已更新", null));
            assertThat(behind.sync().isComplete()).isTrue();
            assertThat(ahead.sync().isComplete()).isTrue();

            // The device a day ahead was clamped to the server's clock, so it could not win for a day; the device a
            // day behind took the server's clock on its sync, so the edit it made after seeing the other one wins.
            String finalAddress = "东街52号，门牌已更新";
            assertThat(behind.site(household).site().address()).isEqualTo(finalAddress);
            assertThat(ahead.site(household).site().address()).isEqualTo(finalAddress);
            String supervisor = world.token("du.supervisor");
            var conflicts = world.server.get("/api/v1/conflicts?entityType=SITE&entityId=" + household.value(),
                    supervisor).json().path("items");
            List<String> lost = new ArrayList<>();
            conflicts.forEach(conflict -> lost.add(conflict.path("lostValue").asText()));
            assertThat(lost).containsExactlyInAnyOrder(WANGYIN + "东街52号", "东街52号（老宅）", "东街52号东侧平房");
            var clamped = world.server.get("/api/v1/conflicts?entityType=MUTATION", supervisor).json().path("items");
            assertThat(clamped).hasSize(1);
            assertThat(clamped.get(0).path("reason").asText()).isEqualTo("CLOCK_AHEAD");
        }

        @Test
        void anInspectorOfAnotherTownCanNeitherPullNorPushItsRecords() {
            world = FieldWorld.start(backend);
            SiteId wangyinHousehold = world.household("wy-household-060", WANGYIN, "南村60号");
            SiteId liuxingHousehold = world.household("lx-household-012", LIUXING, "柳行12号");
            FieldDevice wang = world.device("wang.inspector", "tablet-wang-03", Clock.systemUTC());
            wang.sync();
            recordAlarmCheck(wang, wangyinHousehold, "SA-2024-00060");
            wang.sync();
            FieldDevice liu = world.device("liu.inspector", "tablet-liu-001", Clock.systemUTC());
            liu.sync();

            assertThat(liu.sites()).extracting(site -> site.site().id()).containsExactly(liuxingHousehold);
            assertThat(liu.visits()).isEmpty();
            var liuSession = world.server.login("liu.inspector", org.fieldledger.server.testing.TestServer.USER_PASSWORD);
            var pull = world.server.get("/api/v1/sync/pull?area=" + java.net.URLEncoder.encode(WANGYIN,
                    java.nio.charset.StandardCharsets.UTF_8), liuSession.accessToken());
            assertThat(pull.status()).isEqualTo(403);
            assertThat(pull.code()).isEqualTo("FORBIDDEN");

            long head = world.ledgerHead();
            var liuDevice = world.server.login("liu.inspector", org.fieldledger.server.testing.TestServer.USER_PASSWORD,
                    "tablet-liu-002");
            var push = Pushes.push(world.server, liuDevice.accessToken(), "tablet-liu-002",
                    Pushes.updateAddress("m-liu-1", 1, wangyinHousehold, "冒充修改", "tablet-liu-002"));
            assertThat(push.status()).isEqualTo(403);
            assertThat(push.message()).contains(WANGYIN);
            assertThat(world.ledgerHead()).as("nothing written").isEqualTo(head);
            assertThat(world.server.get("/api/v1/sites/" + wangyinHousehold.value(), world.token("du.supervisor"))
                    .json().path("address").asText()).isEqualTo(WANGYIN + "南村60号");
        }

        @Test
        void aVisitAgainstARetiredChecklistVersionRecordedOfflineIsStillAccepted() {
            world = FieldWorld.start(backend);
            SiteId household = world.household("wy-household-070", WANGYIN, "北村70号");
            FieldDevice device = world.device("wang.inspector", "tablet-wang-04", Clock.systemUTC());
            device.sync();
            VisitId visit = recordAlarmCheck(device, household, "SA-2024-00070");

            var retired = world.server.post("/api/v1/admin/templates/smoke-alarm-installation/versions/1/retire", "",
                    world.server.adminToken());
            assertThat(retired.status()).isEqualTo(200);
            assertThat(device.sync().isComplete()).isTrue();

            assertThat(device.visit(visit).state()).isEqualTo(SyncState.SYNCED);
            assertThat(world.submissions(visit)).isEqualTo(1);
        }

        @Test
        void aFailedCheckOpensACorrectiveActionThatAFollowUpVisitCloses() {
            world = FieldWorld.start(backend);
            SiteId household = world.household("wy-household-080", WANGYIN, "西村80号");
            FieldDevice device = world.device("wang.inspector", "tablet-wang-05", Clock.systemUTC());
            device.sync();
            VisitId draft = device.startVisit(household, FieldWorld.SMOKE_ALARM);
            FieldWorld.answerAll(device, draft, "SA-2024-00080");
            device.answer(draft, "test_sounds", new org.fieldledger.model.visit.AnswerValue.YesNo(false));
            submit(device, draft);
            device.sync();
            assertThat(device.openCorrectiveActions()).extracting(action -> action.questionId())
                    .containsExactly("test_sounds");

            recordAlarmCheck(device, household, "SA-2024-00080");
            device.sync();

            assertThat(device.openCorrectiveActions()).isEmpty();
        }

        @Test
        void anAssignmentReachesItsInspectorAndTheirVisitMarksItDone() {
            world = FieldWorld.start(backend);
            SiteId household = world.household("wy-household-110", WANGYIN, "南街110号");
            FieldDevice wang = world.device("wang.inspector", "tablet-wang-06", Clock.systemUTC());
            FieldDevice li = world.device("li.inspector", "tablet-li-0006", Clock.systemUTC());
            String request = "{\"id\": \"a-110\", \"siteId\": \"" + household.value() + "\", \"templateId\":"
                    + " \"smoke-alarm-installation\", \"assignee\": \"wang.inspector\", \"dueOn\": \"2026-12-15\","
                    + " \"note\": \"老人白天在家\"}";

            var byInspector = world.server.post("/api/v1/assignments", request, world.token("li.inspector"));
            var byOffice = world.server.post("/api/v1/assignments", request, world.token("wangyin.office"));

            assertThat(byInspector.status()).isEqualTo(403);
            assertThat(byOffice.status()).isEqualTo(201);
            wang.sync();
            li.sync();
            assertThat(wang.assignments()).singleElement().satisfies(assignment -> {
                assertThat(assignment.site()).isEqualTo(household);
                assertThat(assignment.dueOn()).hasToString("2026-12-15");
            });
            assertThat(li.assignments()).as("assigned to someone else").isEmpty();

            VisitId visit = recordAlarmCheck(wang, household, "SA-2024-00110");
            wang.sync();

            assertThat(wang.assignments()).isEmpty();
            var listed = world.server.get("/api/v1/assignments?site=" + household.value(), world.token("wangyin.office"))
                    .json().path("items").get(0);
            assertThat(listed.path("status").asText()).isEqualTo("DONE");
            assertThat(listed.path("doneBy").asText()).isEqualTo(visit.value());
        }

        private static void submit(FieldDevice device, VisitId draft) {
            try {
                device.submit(draft, FieldWorld.WANGYIN_HOUSEHOLD_37);
            } catch (org.fieldledger.client.InvalidVisitException e) {
                throw new AssertionError(e);
            }
        }

        static String ids(List<LocalVisit> visits) {
            return visits.stream().map(visit -> visit.id().value()).collect(Collectors.joining(","));
        }
    }
}

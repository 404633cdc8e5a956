package org.fieldledger.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Map;
import org.fieldledger.client.support.Notices;
import org.fieldledger.model.review.Completion;
import org.fieldledger.model.review.CompletionId;
import org.fieldledger.model.review.CompletionStatus;
import org.fieldledger.model.review.CorrectiveAction;
import org.fieldledger.model.review.CorrectiveActionId;
import org.fieldledger.model.site.Site;
import org.fieldledger.model.sync.ChangeKind;
import org.fieldledger.model.sync.CompletionState;
import org.fieldledger.model.sync.Hlc;
import org.fieldledger.model.sync.Mutation;
import org.fieldledger.model.sync.TemplateState;
import org.fieldledger.model.sync.VisitState;
import org.fieldledger.model.visit.AnswerValue;
import org.fieldledger.model.visit.CheckOutcome;
import org.fieldledger.model.visit.Visit;
import org.fieldledger.model.visit.VisitId;
import org.fieldledger.model.visit.VisitStatus;
import org.junit.jupiter.api.Test;

/** The cursor pull: pages until hasMore is false, each page and its cursor in one local transaction. */
class PullTest extends FieldDeviceTestBase {
    private void publishHouseholds(int from, int to) {
        for (int n = from; n <= to; n++) {
            peer.publishSite(Notices.household(n));
        }
    }

    @Test
    void pullsEveryPageUntilHasMoreIsFalse() {
        publishHouseholds(6, 455);

        SyncReport report = device().sync();

        assertThat(report.pulled()).isEqualTo(450);
        assertThat(device().sites()).hasSize(456);
        assertThat(peer.pullCursors()).hasSize(4);
        assertThat(peer.pullCursors().get(1)).isEqualTo(cursorAfter(8));
        assertThat(peer.pullCursors().subList(2, 4)).containsExactly(cursorAfter(208), cursorAfter(408));
    }

    @Test
    void pullCutOffBetweenPagesResumesAtTheNextPage() {
        publishHouseholds(6, 455);
        peer.failPullAfter(1, 503);

        SyncReport first = device().sync();

        assertThat(first.outcome()).isEqualTo(SyncReport.Outcome.NETWORK_ERROR);
        assertThat(first.pulled()).isEqualTo(200);
        assertThat(device().sites()).hasSize(206);

        devices.crashAndReopen();
        SyncReport resumed = device().sync(true);

        assertThat(resumed.pulled()).isEqualTo(250);
        assertThat(device().sites()).hasSize(456);
        assertThat(peer.pullCursors().get(peer.pullCursors().size() - 2)).isEqualTo(cursorAfter(208));
    }

    @Test
    void replayingTheWholeFeedLeavesTheNewestStateOfEachRecord() {
        Site renamed = new Site(Notices.household(3).id(), "王因街道前村3号 王淑珍户", "HOUSEHOLD", Notices.WANGYIN,
                "王因街道前村3号", Notices.QIANCUN, Notices.household(3).projects());
        peer.publishSite(renamed);
        device().sync();
        devices.database().update("UPDATE device_state SET pull_cursor = NULL");

        SyncReport replay = device().sync();

        assertThat(replay.pulled()).isEqualTo(9);
        assertThat(device().site(renamed.id()).site().name()).isEqualTo("王因街道前村3号 王淑珍户");
    }

    @Test
    void cursorTheServerNoLongerAcceptsIsDroppedAndTheFeedPulledFromTheStart() {
        devices.database().update("UPDATE device_state SET pull_cursor = 'djI6c2hhcmQtNzo4'");
        peer.publishSite(Notices.household(6));

        SyncReport report = device().sync();

        assertThat(report.outcome()).isEqualTo(SyncReport.Outcome.COMPLETED);
        assertThat(report.errors()).singleElement().asString().contains("refused the stored cursor");
        assertThat(report.pulled()).isEqualTo(9);
        assertThat(device().sites()).hasSize(7);
        assertThat(device().sync().errors()).isEmpty();
    }

    @Test
    void everyKindOfChangeReachesTheDevice() throws Exception {
        VisitId visit = submitHouseholdVisit(1);
        device().sync();
        CompletionId claim = new CompletionId("b1f0c2d4-77aa-4e1b-8d0f-6a5c3e2b1f90");
        peer.publish(ChangeKind.COMPLETION, new CompletionState(new Completion(claim, Notices.SMOKE_ALARMS,
                "为独居、行动不便的老年人安装火灾探测报警器", Notices.household(1).id(), BigDecimal.ONE,
                Collections.singletonList(visit), "wangyin-office", Instant.parse("2026-11-24T01:00:00Z"),
                CompletionStatus.REJECTED, "duchashi-li", Instant.parse("2026-11-26T07:30:00Z"), "照片无法辨认序列号"),
                "已安装并测试"));
        peer.publish(ChangeKind.CORRECTIVE_ACTION, new CorrectiveAction(new CorrectiveActionId("ca-1-power"), visit,
                Notices.household(1).id(), "power_status", "报警器低电量提示", LocalDate.parse("2026-12-07"),
                CorrectiveAction.Status.OPEN, null));
        peer.publish(ChangeKind.TEMPLATE, new TemplateState(Notices.canteenTemplate(), true));

        device().sync();

        assertThat(device().completions()).singleElement().satisfies(state -> {
            assertThat(state.completion().status()).isEqualTo(CompletionStatus.REJECTED);
            assertThat(state.completion().decisionReason()).isEqualTo("照片无法辨认序列号");
        });
        assertThat(device().openCorrectiveActions()).extracting(CorrectiveAction::questionId)
                .containsExactly("power_status");
        assertThat(device().templates()).extracting(t -> t.ref().toString())
                .containsExactly("smoke-alarm-installation@1");
        assertThat(device().template(Notices.CANTEEN_CHECK)).isNotNull();
    }

    @Test
    void ownVisitComesBackSyncedWithWhatTheServerKnowsOfIt() throws Exception {
        VisitId visit = submitHouseholdVisit(1);

        device().sync();

        LocalVisit synced = device().visit(visit);
        assertThat(synced.state()).isEqualTo(SyncState.SYNCED);
        assertThat(synced.inspectorName()).isEqualTo("王建国");
        assertThat(synced.outcome().passed()).isTrue();
        assertThat(synced.visit().answers()).isEqualTo(Notices.householdAnswers("独居老人1", "JTY-GD-2024-1001"));
    }

    @Test
    void pulledVisitNeverOverwritesALocalUnsyncedOne() throws Exception {
        VisitId visit = submitHouseholdVisit(1);
        Map<String, AnswerValue> otherAnswers = Notices.householdAnswers("李秀英", "JTY-GD-2024-9999");
        Visit other = new Visit(visit, null, Notices.household(1).id(), Notices.SMOKE_ALARM, "inspector-zhao",
                "tablet-00000001", Instant.parse("2026-11-23T07:00:00Z"), Instant.parse("2026-11-23T07:20:00Z"), null,
                otherAnswers, VisitStatus.SUBMITTED);
        peer.publish(ChangeKind.VISIT, new VisitState(other, "赵磊", Instant.parse("2026-11-23T07:30:00Z"),
                CheckOutcome.of(Notices.smokeAlarmTemplate(), otherAnswers), null));
        peer.deferOnceFrom(1);

        device().sync();

        LocalVisit kept = device().visit(visit);
        assertThat(kept.state()).isEqualTo(SyncState.PENDING);
        assertThat(kept.visit().inspector()).isEqualTo("inspector-wang");
        assertThat(kept.visit().answers().get("alarm_serial")).isEqualTo(new AnswerValue.Text("JTY-GD-2024-1001"));
    }

    @Test
    void serverVisitsOfOtherInspectorsAreShownSynced() {
        Map<String, AnswerValue> answers = Notices.householdAnswers("李秀英", "JTY-GD-2024-0211");
        Visit theirs = new Visit(new VisitId("e7d2a1c0-2b44-4f0a-9e3c-51a2b3c4d5e6"), null, Notices.household(2).id(),
                Notices.SMOKE_ALARM, "inspector-zhao", "tablet-00000001", Instant.parse("2026-11-22T07:00:00Z"),
                Instant.parse("2026-11-22T07:20:00Z"), null, answers, VisitStatus.SUBMITTED);
        peer.publish(ChangeKind.VISIT, new VisitState(theirs, "赵磊", Instant.parse("2026-11-22T07:30:00Z"),
                CheckOutcome.of(Notices.smokeAlarmTemplate(), answers), null));

        device().sync();

        assertThat(device().visits(Notices.household(2).id())).singleElement().satisfies(visit -> {
            assertThat(visit.state()).isEqualTo(SyncState.SYNCED);
            assertThat(visit.inspectorName()).isEqualTo("赵磊");
        });
    }

    @Test
    void deviceADayBehindStampsItsNextEditAfterTheServerClockItPulled() throws Exception {
        devices.clock().advance(Duration.ofDays(-1));
        device().sync();
        Hlc serverClockSeen = Hlc.parse(devices.database().query("SELECT hlc FROM device_state",
                row -> row.getString("hlc")).get(0));

        submitHouseholdVisit(1);
        device().sync();

        Mutation sent = peer.pushes().get(0).mutations().get(0);
        assertThat(sent.hlc()).isGreaterThan(serverClockSeen);
        assertThat(sent.hlc().wallMillis()).isGreaterThan(devices.clock().millis());
    }

    private static String cursorAfter(long position) {
        return java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("v1:" + position).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}

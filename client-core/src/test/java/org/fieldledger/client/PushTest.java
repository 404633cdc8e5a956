package org.fieldledger.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.fieldledger.client.support.Notices;
import org.fieldledger.model.site.SiteId;
import org.fieldledger.model.sync.MutationType;
import org.fieldledger.model.sync.PushRequest;
import org.fieldledger.model.sync.PushResult;
import org.fieldledger.model.sync.SiteFields;
import org.fieldledger.model.visit.Problem;
import org.fieldledger.model.visit.ProblemCode;
import org.fieldledger.model.visit.VisitId;
import org.junit.jupiter.api.Test;

/** How the device acts on each push status (docs/protocol.md, "Push"). */
class PushTest extends FieldDeviceTestBase {
    private static final List<Problem> SERIAL_PROBLEM = Collections.singletonList(new Problem("alarm_serial",
            ProblemCode.TEXT_PATTERN_MISMATCH, "'报警器序列号' (alarm_serial) does not match the platform's register"));

    @Test
    void appliedMutationLeavesTheOutboxAndItsVisitIsSynced() throws Exception {
        VisitId visit = submitHouseholdVisit(1);

        SyncReport report = device().sync();

        assertThat(report.outcome()).isEqualTo(SyncReport.Outcome.COMPLETED);
        assertThat(report.pushed()).isEqualTo(1);
        assertThat(report.applied()).isEqualTo(1);
        assertThat(device().pendingCount()).isZero();
        assertThat(device().visit(visit).state()).isEqualTo(SyncState.SYNCED);
        assertThat(device().site(Notices.household(1).id()).state()).isEqualTo(SyncState.SYNCED);
        assertThat(peer.timesApplied()).containsValue(1).hasSize(1);
    }

    @Test
    void mutationsArriveInSeqOrderWithTheDeviceIdAndHlcStamps() throws Exception {
        submitHouseholdVisit(1);
        device().updateSite(Notices.household(2).id(), new SiteFields(null, "王因街道前村2号（西院）", null));
        submitHouseholdVisit(3);

        device().sync();

        PushRequest push = peer.pushes().get(0);
        assertThat(push.deviceId()).isEqualTo("tablet-7f3a9c21");
        assertThat(push.mutations()).extracting(m -> m.seq()).containsExactly(1L, 2L, 3L);
        assertThat(push.mutations()).extracting(m -> m.type()).containsExactly(MutationType.SUBMIT_VISIT,
                MutationType.UPDATE_SITE, MutationType.SUBMIT_VISIT);
        assertThat(push.mutations().get(0).hlc().node()).isEqualTo("tablet-7f3a9c21");
        assertThat(push.mutations().get(1).hlc()).isGreaterThan(push.mutations().get(0).hlc());
        assertThat(push.mutations().get(2).hlc()).isGreaterThan(push.mutations().get(1).hlc());
    }

    @Test
    void retriedPushAppliesEachMutationOnce() throws Exception {
        VisitId first = submitHouseholdVisit(1);
        VisitId second = submitHouseholdVisit(2);
        peer.losePushResponses(true);

        SyncReport lost = device().sync();

        assertThat(lost.outcome()).isEqualTo(SyncReport.Outcome.NETWORK_ERROR);
        assertThat(device().pendingCount()).isEqualTo(2);
        assertThat(device().visit(first).state()).isEqualTo(SyncState.PENDING);
        peer.losePushResponses(false);

        SyncReport retried = device().sync(true);

        assertThat(retried.outcome()).isEqualTo(SyncReport.Outcome.COMPLETED);
        assertThat(retried.duplicates()).isEqualTo(2);
        assertThat(device().pendingCount()).isZero();
        assertThat(device().visit(first).state()).isEqualTo(SyncState.SYNCED);
        assertThat(device().visit(second).state()).isEqualTo(SyncState.SYNCED);
        assertThat(peer.timesApplied().values()).containsExactly(1, 1);
    }

    @Test
    void rejectedVisitLeavesTheOutboxAndStaysVisibleWithCodeReasonAndProblems() throws Exception {
        VisitId visit = submitHouseholdVisit(1);
        peer.decide(mutation -> PushResult.rejected(mutation.id(), mutation.seq(), "VALIDATION_FAILED",
                "1 answer is not acceptable", SERIAL_PROBLEM));

        SyncReport report = device().sync();

        assertThat(report.rejected()).isEqualTo(1);
        assertThat(device().pendingCount()).isZero();
        LocalVisit rejected = device().visit(visit);
        assertThat(rejected.state()).isEqualTo(SyncState.REJECTED);
        assertThat(rejected.rejection().code()).isEqualTo("VALIDATION_FAILED");
        assertThat(rejected.rejection().reason()).isEqualTo("1 answer is not acceptable");
        assertThat(rejected.rejection().problems()).isEqualTo(SERIAL_PROBLEM);
        assertThat(device().site(Notices.household(1).id()).state()).isEqualTo(SyncState.REJECTED);
        assertThat(device().rejected()).singleElement().satisfies(refused -> {
            assertThat(refused.recordId()).isEqualTo(visit.value());
            assertThat(refused.type()).isEqualTo(MutationType.SUBMIT_VISIT);
            assertThat(refused.seq()).isEqualTo(1);
        });
    }

    @Test
    void correctionOfARejectedVisitTakesItsPlaceAndClearsTheSite() throws Exception {
        VisitId visit = submitHouseholdVisit(1);
        peer.decide(mutation -> mutation.seq() == 1 ? PushResult.rejected(mutation.id(), mutation.seq(),
                "VALIDATION_FAILED", "1 answer is not acceptable", SERIAL_PROBLEM) : null);
        device().sync();

        VisitId correction = device().correct(visit);
        device().answer(correction, "alarm_serial", new org.fieldledger.model.visit.AnswerValue.Text("JTY-GD-2024-0137"));
        device().submit(correction);
        device().sync();

        assertThat(device().visit(correction).visit().revisionOf()).isNull();
        assertThat(device().visit(correction).state()).isEqualTo(SyncState.SYNCED);
        assertThat(device().visit(visit).state()).isEqualTo(SyncState.REJECTED);
        assertThat(device().visit(visit).supersededBy()).isEqualTo(correction);
        assertThat(device().site(Notices.household(1).id()).state()).isEqualTo(SyncState.SYNCED);
        assertThat(device().rejected()).hasSize(1);
    }

    @Test
    void duplicateOfARejectedMutationIsShownAsRejected() throws Exception {
        VisitId visit = submitHouseholdVisit(1);
        peer.decide(mutation -> PushResult.rejected(mutation.id(), mutation.seq(), "UNKNOWN_SITE",
                "场所不存在或不在辖区内", null));
        peer.losePushResponses(true);
        device().sync();
        peer.losePushResponses(false);

        SyncReport report = device().sync(true);

        assertThat(report.duplicates()).isEqualTo(1);
        assertThat(device().visit(visit).state()).isEqualTo(SyncState.REJECTED);
        assertThat(device().visit(visit).rejection().code()).isEqualTo("UNKNOWN_SITE");
        assertThat(device().pendingCount()).isZero();
    }

    @Test
    void deferredMutationsStayQueuedAndGoAgainOnTheNextSync() throws Exception {
        VisitId first = submitHouseholdVisit(1);
        VisitId second = submitHouseholdVisit(2);
        VisitId third = submitHouseholdVisit(3);
        peer.deferOnceFrom(2);

        SyncReport report = device().sync();

        assertThat(report.applied()).isEqualTo(1);
        assertThat(report.deferred()).isEqualTo(2);
        assertThat(report.outcome()).isEqualTo(SyncReport.Outcome.COMPLETED);
        assertThat(report.errors()).anyMatch(error -> error.contains("deferred"));
        assertThat(device().visit(first).state()).isEqualTo(SyncState.SYNCED);
        assertThat(device().visit(second).state()).isEqualTo(SyncState.PENDING);
        assertThat(outboxSeqs()).containsExactly(2L, 3L);

        device().sync();

        assertThat(device().visit(third).state()).isEqualTo(SyncState.SYNCED);
        assertThat(peer.seqsReceived()).containsExactly(1L, 2L, 3L, 2L, 3L);
        assertThat(peer.timesApplied().values()).containsExactly(1, 1, 1);
    }

    @Test
    void mutationsUpToAcknowledgedThroughLeaveEvenWithoutTheirOwnResult() throws Exception {
        VisitId first = submitHouseholdVisit(1);
        VisitId second = submitHouseholdVisit(2);
        peer.omitResultsOnce();

        device().sync();

        assertThat(device().pendingCount()).isZero();
        assertThat(device().visit(first).state()).isEqualTo(SyncState.SYNCED);
        assertThat(device().visit(second).state()).isEqualTo(SyncState.SYNCED);
    }

    @Test
    void largeOutboxGoesInBatchesOfAtMost500InSeqOrder() {
        SiteId site = Notices.household(1).id();
        for (int i = 1; i <= 1001; i++) {
            device().updateSite(site, new SiteFields(null, "王因街道前村1号 第" + i + "次核对", null));
        }

        device().sync();

        assertThat(peer.pushes()).extracting(push -> push.mutations().size()).containsExactly(500, 500, 1);
        List<Long> expected = new ArrayList<>();
        for (long seq = 1; seq <= 1001; seq++) {
            expected.add(seq);
        }
        assertThat(peer.seqsReceived()).isEqualTo(expected);
        assertThat(device().pendingCount()).isZero();
    }

    @Test
    void payloadTooLargeHalvesTheBatchAndGoesOn() {
        SiteId site = Notices.household(1).id();
        for (int i = 1; i <= 8; i++) {
            device().updateSite(site, new SiteFields(null, "王因街道前村1号 第" + i + "次核对", null));
        }
        peer.failPushes(413);

        SyncReport report = device().sync();

        assertThat(report.outcome()).isEqualTo(SyncReport.Outcome.COMPLETED);
        assertThat(peer.pushes()).extracting(push -> push.mutations().size()).containsExactly(4, 4);
        assertThat(device().pendingCount()).isZero();
    }

    @Test
    void refusedSiteEditIsUndoneOnTheDeviceAndKeptAsRejected() {
        SiteId site = Notices.household(1).id();
        device().updateSite(site, new SiteFields("王因街道前村1号 张桂兰户（已搬离）", null, null));
        assertThat(device().site(site).site().name()).isEqualTo("王因街道前村1号 张桂兰户（已搬离）");
        peer.decide(mutation -> PushResult.rejected(mutation.id(), mutation.seq(), "VALIDATION_FAILED",
                "场所名称由街道办维护", null));

        device().sync();

        assertThat(device().site(site).site().name()).isEqualTo(Notices.household(1).name());
        assertThat(device().rejected()).extracting(RejectedMutation::type).containsExactly(MutationType.UPDATE_SITE);
    }
}

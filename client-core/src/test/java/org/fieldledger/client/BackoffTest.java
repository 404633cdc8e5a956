package org.fieldledger.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.fieldledger.model.visit.VisitId;
import org.junit.jupiter.api.Test;

/** A failed sync keeps everything queued and backs off; the next sync after the back-off retries on its own. */
class BackoffTest extends FieldDeviceTestBase {
    @Test
    void serverErrorKeepsEverythingQueuedAndBacksOffWithJitter() throws Exception {
        VisitId visit = submitHouseholdVisit(1);
        peer.failPushes(503);
        Instant failedAt = devices.clock().instant();

        SyncReport report = device().sync();

        assertThat(report.outcome()).isEqualTo(SyncReport.Outcome.NETWORK_ERROR);
        assertThat(report.errors()).anyMatch(error -> error.contains("503"));
        assertThat(report.nextAttemptAt()).isBetween(failedAt.plusMillis(2500), failedAt.plusMillis(5000));
        assertThat(device().visit(visit).state()).isEqualTo(SyncState.PENDING);
        assertThat(device().pendingCount()).isEqualTo(1);
    }

    @Test
    void syncDuringTheBackoffDoesNotTouchTheNetwork() throws Exception {
        submitHouseholdVisit(1);
        peer.failPushes(503);
        device().sync();
        int requestsSoFar = peer.pushes().size() + peer.pullCursors().size();

        SyncReport report = device().sync();

        assertThat(report.outcome()).isEqualTo(SyncReport.Outcome.BACKING_OFF);
        assertThat(report.nextAttemptAt()).isAfter(devices.clock().instant());
        assertThat(peer.pushes().size() + peer.pullCursors().size()).isEqualTo(requestsSoFar);
    }

    @Test
    void forcedSyncGoesOutDuringTheBackoff() throws Exception {
        submitHouseholdVisit(1);
        peer.failPushes(503);
        device().sync();

        SyncReport report = device().sync(true);

        assertThat(report.outcome()).isEqualTo(SyncReport.Outcome.COMPLETED);
        assertThat(device().pendingCount()).isZero();
    }

    @Test
    void syncAfterTheBackoffRetriesWithoutNewEdits() throws Exception {
        VisitId visit = submitHouseholdVisit(1);
        peer.failPushes(500);
        device().sync();
        devices.clock().advance(Duration.ofSeconds(6));

        SyncReport report = device().sync();

        assertThat(report.outcome()).isEqualTo(SyncReport.Outcome.COMPLETED);
        assertThat(device().visit(visit).state()).isEqualTo(SyncState.SYNCED);
    }

    @Test
    void backoffGrowsWithEachFailureInARow() throws Exception {
        submitHouseholdVisit(1);
        peer.failPushes(503, 503, 503, 503);
        long[] waits = new long[4];
        for (int i = 0; i < 4; i++) {
            Instant now = devices.clock().instant();
            waits[i] = Duration.between(now, device().sync(true).nextAttemptAt()).toMillis();
        }

        assertThat(waits[0]).isBetween(2_500L, 5_000L);
        assertThat(waits[1]).isBetween(5_000L, 10_000L);
        assertThat(waits[2]).isBetween(10_000L, 20_000L);
        assertThat(waits[3]).isBetween(20_000L, 40_000L);
        assertThat(device().sync(true).outcome()).isEqualTo(SyncReport.Outcome.COMPLETED);
        assertThat(device().sync().nextAttemptAt()).isNull();
    }

    @Test
    void backoffSurvivesARestart() throws Exception {
        submitHouseholdVisit(1);
        peer.failPushes(503);
        device().sync();

        devices.crashAndReopen();

        assertThat(device().sync().outcome()).isEqualTo(SyncReport.Outcome.BACKING_OFF);
    }

    @Test
    void clockMovedBackADayDoesNotHoldSyncBackForADay() throws Exception {
        submitHouseholdVisit(1);
        peer.failPushes(503);
        device().sync();

        devices.clock().advance(Duration.ofDays(-1));

        assertThat(device().sync().outcome()).isEqualTo(SyncReport.Outcome.COMPLETED);
    }

    @Test
    void failedPullAfterAGoodPushKeepsWhatWasPushedAndRetriesThePull() throws Exception {
        VisitId visit = submitHouseholdVisit(1);
        peer.failPulls(502);

        SyncReport report = device().sync();

        assertThat(report.outcome()).isEqualTo(SyncReport.Outcome.NETWORK_ERROR);
        assertThat(report.applied()).isEqualTo(1);
        assertThat(device().visit(visit).state()).isEqualTo(SyncState.SYNCED);
        assertThat(device().sync(true).outcome()).isEqualTo(SyncReport.Outcome.COMPLETED);
    }

    @Test
    void refusedBatchIsReportedAndKeptQueued() throws Exception {
        submitHouseholdVisit(1);
        peer.failPushes(403);

        SyncReport report = device().sync();

        assertThat(report.outcome()).isEqualTo(SyncReport.Outcome.REFUSED);
        assertThat(report.errors()).anyMatch(error -> error.contains("403 FORBIDDEN"));
        assertThat(device().pendingCount()).isEqualTo(1);
    }
}

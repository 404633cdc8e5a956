package org.fieldledger.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.fieldledger.client.SyncListener.Phase;
import org.fieldledger.client.support.Notices;
import org.junit.jupiter.api.Test;

/** What a sync tells its listener as it goes, and what the device says about its syncs afterwards, offline. */
class SyncProgressTest extends FieldDeviceTestBase {
    /** Every call a listener gets, as text, in order. */
    private static final class Recorder implements SyncListener {
        final List<String> events = new ArrayList<>();

        @Override
        public void phaseStarted(Phase phase, long total) {
            events.add("start " + phase + " " + total);
        }

        @Override
        public void progressed(Phase phase, long done, long total) {
            events.add(phase + " " + done + "/" + total);
        }

        @Override
        public void phaseFinished(Phase phase) {
            events.add("finish " + phase);
        }
    }

    @Test
    void listenerFollowsPushThenPullWithCounts() throws Exception {
        submitHouseholdVisit(1);
        submitHouseholdVisit(2);
        peer.publishSite(Notices.household(6));
        Recorder listener = new Recorder();

        SyncReport report = device().sync(false, listener);

        assertThat(report.outcome()).isEqualTo(SyncReport.Outcome.COMPLETED);
        assertThat(listener.events).startsWith("start PUSH 2", "PUSH 2/2", "finish PUSH", "start PHOTOS 0",
                "finish PHOTOS", "start PULL -1")
                .endsWith("finish PULL");
        assertThat(listener.events).contains("PULL " + report.pulled() + "/-1");
    }

    @Test
    void failedPushIsNotReportedFinished() throws Exception {
        submitHouseholdVisit(1);
        peer.failPushes(503);
        Recorder listener = new Recorder();

        SyncReport report = device().sync(false, listener);

        assertThat(report.outcome()).isEqualTo(SyncReport.Outcome.NETWORK_ERROR);
        assertThat(listener.events).containsExactly("start PUSH 1");
    }

    @Test
    void nothingToPushStillStartsAndFinishesThePhase() {
        Recorder listener = new Recorder();

        device().sync(false, listener);

        // every phase is reported, empty or not, so a progress screen can show each step as done
        assertThat(listener.events).startsWith("start PUSH 0", "finish PUSH", "start PHOTOS 0", "finish PHOTOS",
                "start PULL -1");
    }

    @Test
    void syncStatusTellsTheLastCompletedSyncAndFailuresSince() throws Exception {
        SyncStatus synced = device().syncStatus();
        assertThat(synced.lastSyncedAt()).isNotNull();
        assertThat(synced.failuresInARow()).isZero();
        assertThat(synced.lastError()).isNull();
        assertThat(synced.nextAttemptAt()).isNull();

        submitHouseholdVisit(1);
        peer.failPushes(503);
        device().sync();

        SyncStatus failed = device().syncStatus();
        assertThat(failed.lastSyncedAt()).isEqualTo(synced.lastSyncedAt());
        assertThat(failed.failuresInARow()).isEqualTo(1);
        assertThat(failed.lastError()).contains("503");
        assertThat(failed.nextAttemptAt()).isAfter(synced.lastSyncedAt());
        assertThat(failed.sessionExpired()).isFalse();
    }

    @Test
    void syncStatusTellsAnExpiredSession() {
        peer.expireAccessTokens();
        peer.revokeRefreshTokens();

        device().sync(true);

        assertThat(device().syncStatus().sessionExpired()).isTrue();
    }
}

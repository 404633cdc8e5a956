package org.fieldledger.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.fieldledger.client.support.Notices;
import org.fieldledger.model.visit.AnswerValue;
import org.fieldledger.model.visit.VisitId;
import org.junit.jupiter.api.Test;

/** The app can be killed at any point; reopening the database loses, duplicates and skips nothing. */
class OutboxDurabilityTest extends FieldDeviceTestBase {
    @Test
    void crashBetweenEnqueueAndPushLosesNothingAndDuplicatesNothing() throws Exception {
        VisitId first = submitHouseholdVisit(1);
        VisitId second = submitHouseholdVisit(2);
        VisitId third = submitHouseholdVisit(3);

        devices.crashAndReopen();

        assertThat(device().pendingCount()).isEqualTo(3);
        assertThat(outboxSeqs()).containsExactly(1L, 2L, 3L);
        assertThat(device().visit(second).state()).isEqualTo(SyncState.PENDING);
        VisitId fourth = submitHouseholdVisit(4);
        assertThat(outboxSeqs()).containsExactly(1L, 2L, 3L, 4L);

        device().sync();

        assertThat(peer.seqsReceived()).containsExactly(1L, 2L, 3L, 4L);
        assertThat(peer.timesApplied().values()).containsExactly(1, 1, 1, 1);
        for (VisitId visit : new VisitId[] {first, second, third, fourth}) {
            assertThat(device().visit(visit).state()).isEqualTo(SyncState.SYNCED);
        }
    }

    @Test
    void crashDuringUploadSendsTheSameMutationsAgainAndTheServerAppliesThemOnce() throws Exception {
        VisitId visit = submitHouseholdVisit(1);
        peer.losePushResponses(true);
        device().sync();

        devices.crashAndReopen();

        assertThat(device().visit(visit).state()).isEqualTo(SyncState.PENDING);
        peer.losePushResponses(false);
        device().sync(true);
        assertThat(device().visit(visit).state()).isEqualTo(SyncState.SYNCED);
        assertThat(peer.pushes()).allSatisfy(push ->
                assertThat(push.mutations()).extracting(m -> m.id()).containsExactly(
                        peer.pushes().get(0).mutations().get(0).id()));
        assertThat(peer.timesApplied().values()).containsExactly(1);
    }

    @Test
    void draftAndItsAnswersSurviveACrash() {
        VisitId draft = device().startVisit(Notices.household(1).id(), Notices.SMOKE_ALARM);
        device().answer(draft, "resident_name", new AnswerValue.Text("张桂兰"));

        devices.crashAndReopen();

        assertThat(device().visit(draft).visit().answers()).containsEntry("resident_name",
                new AnswerValue.Text("张桂兰"));
        assertThat(device().visit(draft).state()).isEqualTo(SyncState.LOCAL_ONLY);
    }

    @Test
    void sequenceContinuesAfterAcknowledgedMutationsAndARestart() throws Exception {
        submitHouseholdVisit(1);
        submitHouseholdVisit(2);
        device().sync();

        devices.crashAndReopen();
        submitHouseholdVisit(3);
        device().sync();

        assertThat(peer.seqsReceived()).containsExactly(1L, 2L, 3L);
        assertThat(peer.acknowledgedThrough()).isEqualTo(3);
    }

    @Test
    void deviceKeepsItsIdentityAndSessionAcrossRestarts() {
        devices.crashAndReopen();

        assertThat(device().deviceId()).isEqualTo("tablet-7f3a9c21");
        assertThat(device().user().username()).isEqualTo("wang.jianguo");
        assertThat(device().user().areas()).containsExactly(Notices.WANGYIN);
        assertThat(device().sync().outcome()).isEqualTo(SyncReport.Outcome.COMPLETED);
        assertThat(peer.loginCount()).isEqualTo(1);
    }
}

package org.fieldledger.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.UUID;
import org.fieldledger.client.support.Notices;
import org.fieldledger.model.catalog.Area;
import org.fieldledger.model.site.GeoPoint;
import org.fieldledger.model.site.Site;
import org.fieldledger.model.site.SiteId;
import org.fieldledger.model.sync.SiteFields;
import org.fieldledger.model.visit.AnswerValue;
import org.fieldledger.model.visit.Problem;
import org.fieldledger.model.visit.ProblemCode;
import org.fieldledger.model.visit.VisitId;
import org.fieldledger.model.visit.VisitStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Everything an inspector records works with the server gone: it is stopped before each test. */
class RecordingOfflineTest extends FieldDeviceTestBase {
    private final SiteId household1 = Notices.household(1).id();

    @BeforeEach
    void goOffline() {
        peer.close();
    }

    @Test
    void draftIsLocalOnlyAndKeepsItsAnswers() {
        VisitId draft = device().startVisit(household1, Notices.SMOKE_ALARM);
        device().answer(draft, "resident_name", new AnswerValue.Text("张桂兰"));

        LocalVisit visit = device().visit(draft);
        assertThat(visit.state()).isEqualTo(SyncState.LOCAL_ONLY);
        assertThat(visit.visit().status()).isEqualTo(VisitStatus.DRAFT);
        assertThat(visit.visit().inspector()).isEqualTo("inspector-wang");
        assertThat(visit.visit().answers()).containsEntry("resident_name", new AnswerValue.Text("张桂兰"));
        assertThat(device().pendingCount()).isZero();
    }

    @Test
    void answerReportsTheProblemsOfThatQuestionAtOnce() {
        VisitId draft = device().startVisit(household1, Notices.SMOKE_ALARM);

        assertThat(device().answer(draft, "contact_phone", new AnswerValue.Text("05372345678")))
                .extracting(Problem::code).containsExactly(ProblemCode.TEXT_PATTERN_MISMATCH);
        assertThat(device().answer(draft, "contact_phone", new AnswerValue.Text("13905371234"))).isEmpty();
    }

    @Test
    void problemsListsEveryProblemOfTheDraftAtOnce() {
        VisitId draft = device().startVisit(household1, Notices.SMOKE_ALARM);
        Notices.householdAnswers("张桂兰", "JTY-GD-2024-0137").forEach((question, answer) ->
                device().answer(draft, question, answer));
        device().answer(draft, "test_sounds", null);
        device().answer(draft, "distance_to_wall_m", new AnswerValue.Numeric(new BigDecimal("25.125")));
        device().answer(draft, "photos", new AnswerValue.Photos(Collections.singletonList(Notices.photo('a'))));

        assertThat(device().problems(draft)).extracting(Problem::questionId, Problem::code).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("test_sounds", ProblemCode.REQUIRED_ANSWER_MISSING),
                org.assertj.core.groups.Tuple.tuple("distance_to_wall_m", ProblemCode.OUT_OF_RANGE),
                org.assertj.core.groups.Tuple.tuple("distance_to_wall_m", ProblemCode.TOO_MANY_DECIMALS),
                org.assertj.core.groups.Tuple.tuple("photos", ProblemCode.TOO_FEW_PHOTOS));
    }

    @Test
    void invalidVisitIsRefusedWithAllItsProblemsAndNothingChanges() {
        VisitId draft = device().startVisit(household1, Notices.SMOKE_ALARM);
        device().answer(draft, "resident_name", new AnswerValue.Text("张桂兰"));

        InvalidVisitException refused = catchThrowableOfType(() -> device().submit(draft),
                InvalidVisitException.class);

        assertThat(refused.problems()).hasSize(14).allMatch(p -> p.code() == ProblemCode.REQUIRED_ANSWER_MISSING);
        assertThat(device().visit(draft).state()).isEqualTo(SyncState.LOCAL_ONLY);
        assertThat(device().pendingCount()).isZero();
        assertThat(outboxSeqs()).isEmpty();
    }

    @Test
    void submittedVisitIsPendingImmutableAndQueuedWithTheNextSeq() throws Exception {
        VisitId first = submitHouseholdVisit(1);
        VisitId second = submitHouseholdVisit(2);

        LocalVisit visit = device().visit(first);
        assertThat(visit.state()).isEqualTo(SyncState.PENDING);
        assertThat(visit.visit().status()).isEqualTo(VisitStatus.SUBMITTED);
        assertThat(visit.visit().submittedAt()).isEqualTo(devices.clock().instant());
        assertThat(visit.visit().location()).isEqualTo(Notices.QIANCUN);
        assertThat(visit.outcome().passed()).isTrue();
        assertThat(device().visit(second).state()).isEqualTo(SyncState.PENDING);
        assertThat(outboxSeqs()).containsExactly(1L, 2L);
        assertThatThrownBy(() -> device().answer(first, "resident_name", new AnswerValue.Text("李秀英")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot change");
        assertThatThrownBy(() -> device().submit(first)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void failedCheckIsRecordedWithTheQuestionsThatFailedIt() throws Exception {
        VisitId draft = device().startVisit(household1, Notices.SMOKE_ALARM);
        Notices.householdAnswers("张桂兰", "JTY-GD-2024-0137").forEach((question, answer) ->
                device().answer(draft, question, answer));
        device().answer(draft, "placement", new AnswerValue.SingleChoice("kitchen_or_bathroom"));
        device().answer(draft, "power_status", new AnswerValue.SingleChoice("low_battery"));

        LocalVisit submitted = device().submit(draft);

        assertThat(submitted.outcome().passed()).isFalse();
        assertThat(submitted.outcome().failedQuestions()).containsExactly("placement", "power_status");
    }

    @Test
    void correctionIsANewDraftThatPointsToTheOriginalAndCopiesItsAnswers() throws Exception {
        VisitId original = submitHouseholdVisit(1);

        VisitId correction = device().correct(original);
        device().answer(correction, "alarm_serial", new AnswerValue.Text("JTY-GD-2024-0138"));
        device().submit(correction);

        LocalVisit revised = device().visit(correction);
        assertThat(revised.visit().revisionOf()).isEqualTo(original);
        assertThat(revised.visit().answers().get("resident_name")).isEqualTo(new AnswerValue.Text("独居老人1"));
        assertThat(device().visit(original).supersededBy()).isEqualTo(correction);
        assertThat(device().visit(original).visit().answers().get("alarm_serial"))
                .isEqualTo(new AnswerValue.Text("JTY-GD-2024-1001"));
        assertThat(outboxSeqs()).containsExactly(1L, 2L);
    }

    @Test
    void aVisitIsCorrectedOnceAndTheNewestRevisionAfterThat() throws Exception {
        VisitId original = submitHouseholdVisit(1);
        VisitId correction = device().correct(original);

        assertThatThrownBy(() -> device().correct(original)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already been corrected by " + correction);
        device().submit(correction);
        assertThatThrownBy(() -> device().correct(original)).hasMessageContaining("correct that one instead");
        assertThat(device().correct(correction)).isNotNull();
    }

    @Test
    void draftIsEditedNotCorrected() {
        VisitId draft = device().startVisit(household1, Notices.SMOKE_ALARM);

        assertThatThrownBy(() -> device().correct(draft)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is a draft");
    }

    @Test
    void discardedDraftIsGone() {
        VisitId draft = device().startVisit(household1, Notices.SMOKE_ALARM);

        device().discardDraft(draft);

        assertThat(device().visit(draft)).isNull();
        assertThat(device().site(household1).state()).isEqualTo(SyncState.SYNCED);
    }

    @Test
    void siteShowsTheWorstStateOfItsVisits() throws Exception {
        assertThat(device().site(household1).state()).isEqualTo(SyncState.SYNCED);
        submitHouseholdVisit(1);
        assertThat(device().site(household1).state()).isEqualTo(SyncState.PENDING);
        device().startVisit(household1, Notices.SMOKE_ALARM);
        assertThat(device().site(household1).state()).isEqualTo(SyncState.LOCAL_ONLY);
        assertThat(device().sites()).filteredOn(site -> site.site().id().equals(Notices.household(2).id()))
                .extracting(LocalSite::state).containsExactly(SyncState.SYNCED);
    }

    @Test
    void siteFoundInTheFieldIsShownAtOnceAndQueued() {
        Site found = new Site(new SiteId(UUID.randomUUID().toString()), "王因街道后村12号 独居老人户", "HOUSEHOLD",
                Notices.WANGYIN, "王因街道后村12号", GeoPoint.of(35.3950, 116.6040),
                Collections.singletonList(Notices.SMOKE_ALARMS));

        LocalSite created = device().createSite(found);

        assertThat(created.site()).isEqualTo(found);
        assertThat(created.state()).isEqualTo(SyncState.PENDING);
        assertThat(device().startVisit(found.id(), Notices.SMOKE_ALARM)).isNotNull();
        assertThat(outboxSeqs()).containsExactly(1L);
    }

    @Test
    void siteOutsideTheUsersAreasIsRefusedBeforeItCanBlockTheOutbox() {
        Site elsewhere = new Site(new SiteId(UUID.randomUUID().toString()), "马集镇敬老院", "HOUSEHOLD",
                new Area("马集镇"), null, null, null);

        assertThatThrownBy(() -> device().createSite(elsewhere)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outside wang.jianguo's areas");
        assertThat(device().pendingCount()).isZero();
    }

    @Test
    void siteEditShowsAtOnceAndIsQueued() {
        LocalSite edited = device().updateSite(household1, new SiteFields(null, "王因街道前村1号（东院）", null));

        assertThat(edited.site().address()).isEqualTo("王因街道前村1号（东院）");
        assertThat(edited.site().name()).isEqualTo(Notices.household(1).name());
        assertThat(edited.state()).isEqualTo(SyncState.PENDING);
        assertThat(device().pendingCount()).isEqualTo(1);
    }

    @Test
    void templatesAndSitesPulledEarlierAreReadableOffline() {
        assertThat(device().templates()).extracting(t -> t.ref().toString())
                .containsExactly("canteen-food-safety@1", "smoke-alarm-installation@1");
        assertThat(device().sites()).hasSize(6);
        assertThat(device().template(Notices.SMOKE_ALARM).questions()).hasSize(15);
    }

    @Test
    void syncWithoutANetworkIsANetworkErrorAndKeepsEverything() throws Exception {
        submitHouseholdVisit(1);

        SyncReport report = device().sync();

        assertThat(report.outcome()).isEqualTo(SyncReport.Outcome.NETWORK_ERROR);
        assertThat(report.errors().get(0)).startsWith("network:");
        assertThat(device().pendingCount()).isEqualTo(1);
        assertThat(device().visits()).extracting(LocalVisit::state).containsExactly(SyncState.PENDING);
    }
}

package org.fieldledger.model.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fieldledger.model.sync.Notices.*;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fieldledger.model.review.Completion;
import org.fieldledger.model.review.CompletionStatus;
import org.fieldledger.model.site.GeoPoint;
import org.fieldledger.model.template.Template;
import org.fieldledger.model.visit.CheckOutcome;
import org.fieldledger.model.visit.Problem;
import org.fieldledger.model.visit.ProblemCode;
import org.fieldledger.model.visit.VisitId;
import org.fieldledger.model.visit.VisitValidator;
import org.junit.jupiter.api.Test;
import org.fieldledger.model.template.TemplateId;
import org.fieldledger.model.visit.Assignment;
import org.fieldledger.model.visit.AssignmentId;

class WireJsonRoundTripTest {
    private static PushRequest pushOfEveryType() {
        return new PushRequest(DEVICE, Arrays.asList(
                new Mutation("0d1f6e0a-5c55-4a55-9d59-2b4f1f0c8e11", 41, MutationType.SUBMIT_VISIT, hlc(1763889300000L, 0),
                        householdVisit()),
                new Mutation("m-42", 42, MutationType.CREATE_SITE, hlc(1763889300000L, 1), household37()),
                new Mutation("m-43", 43, MutationType.UPDATE_SITE, hlc(1763889300000L, 2), new SiteUpdate(HOUSEHOLD_37,
                        new SiteFields(null, "王因街道前村37号", GeoPoint.of(35.39, 116.60)))),
                new Mutation("m-44", 44, MutationType.SUBMIT_COMPLETION, hlc(1763889310000L, 0), completion()),
                new Mutation("m-45", 45, MutationType.UPDATE_COMPLETION, hlc(1763889320000L, 0),
                        new CompletionUpdate(completion().id(), new CompletionFields(new BigDecimal("2"),
                                Arrays.asList(HOUSEHOLD_VISIT, new VisitId("e7d2a1c0-2b44-4f0a-9e3c-51a2b3c4d5e6")),
                                null))),
                new Mutation("m-46", 46, MutationType.SUBMIT_VISIT, hlc(1763889330000L, 0), canteenVisit())));
    }

    @Test
    void pushRequestOfEveryMutationTypeRoundTrips() {
        PushRequest push = pushOfEveryType();

        String json = WireJson.writePushRequest(push);

        assertThat(WireJson.readPushRequest(json)).isEqualTo(push);
        assertThat(WireJson.writePushRequest(WireJson.readPushRequest(json))).isEqualTo(json);
    }

    /** The server stores a visit's state from the text of its submission: the same characters as encoding it whole. */
    @Test
    void aVisitsStateMadeFromItsSubmissionsTextIsItsStateWrittenWhole() {
        List<Object[]> cases = Arrays.asList(
                new Object[] {householdVisit(), smokeAlarmTemplate(), null},
                new Object[] {canteenVisit(), canteenTemplate(), new VisitId("e7d2a1c0-2b44-4f0a-9e3c-51a2b3c4d5e6")});
        for (Object[] visitCase : cases) {
            VisitSubmission submission = (VisitSubmission) visitCase[0];
            VisitState state = new VisitState(submission.toVisit("inspector-wang", DEVICE), "王建国",
                    Instant.parse("2026-03-12T03:20:00Z"),
                    CheckOutcome.of((Template) visitCase[1], submission.answers()), (VisitId) visitCase[2]);

            String composed = WireJson.writeVisitState(state, WireJson.writePayload(MutationType.SUBMIT_VISIT,
                    submission));

            assertThat(composed).isEqualTo(WireJson.writeChangeData(state));
            assertThat(WireJson.readChangeData(ChangeKind.VISIT, composed)).isEqualTo(state);
        }
    }

    @Test
    void pushRequestHasTheProtocolsShape() {
        String json = WireJson.writePushRequest(new PushRequest(DEVICE, Collections.singletonList(
                new Mutation("0d1f6e0a-5c55-4a55-9d59-2b4f1f0c8e11", 41, MutationType.SUBMIT_VISIT,
                        hlc(1763889300000L, 0), householdVisit()))));

        assertThat(json).startsWith("{\"deviceId\":\"tablet-7f3a9c21\",\"mutations\":[{\"id\":\"0d1f6e0a-5c55-4a55-9d59-"
                + "2b4f1f0c8e11\",\"seq\":41,\"type\":\"SUBMIT_VISIT\",\"hlc\":\"0001763889300000-000000-tablet-7f3a9c21\","
                + "\"payload\":{\"id\":\"c3e1a7d0-9a43-4c61-a0e5-4b2f5fd1d9aa\",\"revisionOf\":null,"
                + "\"siteId\":\"gx-wangyin-household-037\",\"template\":{\"id\":\"smoke-alarm-installation\",\"version\":1},"
                + "\"startedAt\":\"2026-11-23T08:41:10Z\",\"submittedAt\":\"2026-11-23T08:58:42.125Z\","
                + "\"location\":{\"latitude\":35.3921,\"longitude\":116.6012,\"accuracyMeters\":8.5},\"answers\":{");
        assertThat(json).contains("\"resident_name\":{\"type\":\"TEXT\",\"value\":\"张桂兰\"}",
                "\"distance_to_wall_m\":{\"type\":\"NUMBER\",\"value\":0.80}",
                "\"placement\":{\"type\":\"SINGLE_CHOICE\",\"value\":\"bedroom_ceiling\"}",
                "\"photos\":{\"type\":\"PHOTO\",\"value\":[\"aaaa",
                "\"resident_signature\":{\"type\":\"SIGNATURE\",\"value\":\"cccc",
                "\"location\":{\"type\":\"GPS\",\"value\":{\"latitude\":35.3921");
    }

    @Test
    void numbersKeepTheirDigitsSoTheServerCanHashWhatTheDeviceSent() {
        Map<String, org.fieldledger.model.visit.AnswerValue> answers = new LinkedHashMap<>();
        answers.put("chiller_temp_c", new org.fieldledger.model.visit.AnswerValue.Numeric(new BigDecimal("8.0")));
        answers.put("sampling_batches", new org.fieldledger.model.visit.AnswerValue.Numeric(new BigDecimal("1E+2")));

        String json = WireJson.writeAnswers(answers);

        assertThat(WireJson.readAnswers(json)).isEqualTo(answers);
        assertThat(WireJson.writeAnswers(WireJson.readAnswers(json))).isEqualTo(json);
    }

    @Test
    void pushResponseOfEveryStatusRoundTrips() {
        List<Problem> problems = VisitValidator.validateForSubmit(smokeAlarmTemplate(), Collections.singletonMap(
                "alarm_serial", new org.fieldledger.model.visit.AnswerValue.Text("37号")));
        PushResponse response = new PushResponse(Arrays.asList(
                PushResult.applied("0d1f6e0a-5c55-4a55-9d59-2b4f1f0c8e11", 41, 1207),
                PushResult.rejected("m-42", 42, "VALIDATION_FAILED", "15 answers are not acceptable", problems),
                PushResult.duplicateOf(PushResult.applied("m-40", 40, 1199)),
                PushResult.duplicateOf(PushResult.rejected("m-39", 39, "UNKNOWN_SITE", "没有这个场所", null)),
                PushResult.deferred("m-45", 45, "expected seq 43 first")), 42,
                Hlc.parse("0001763889301234-000002-server"));

        String json = WireJson.writePushResponse(response);

        assertThat(WireJson.readPushResponse(json)).isEqualTo(response);
        assertThat(json).contains("{\"id\":\"0d1f6e0a-5c55-4a55-9d59-2b4f1f0c8e11\",\"seq\":41,\"status\":\"APPLIED\","
                + "\"position\":1207}", "\"status\":\"DUPLICATE\",\"originalStatus\":\"APPLIED\",\"position\":1199",
                "\"acknowledgedThrough\":42,\"serverClock\":\"0001763889301234-000002-server\"");
    }

    @Test
    void pullResponseOfEveryChangeKindRoundTrips() {
        Template template = smokeAlarmTemplate();
        VisitSubmission visit = canteenVisit();
        Map<String, Hlc> clocks = new LinkedHashMap<>();
        clocks.put("address", Hlc.parse("0001763889300000-000002-tablet-7f3a9c21"));
        Completion verified = new Completion(completion().id(), SMOKE_ALARMS, SMOKE_ALARM_METRIC, HOUSEHOLD_37,
                BigDecimal.ONE, Collections.singletonList(HOUSEHOLD_VISIT), "wangyin-office",
                Instant.parse("2026-11-24T01:00:00Z"), CompletionStatus.VERIFIED, "duchashi-li",
                Instant.parse("2026-11-26T07:30:00Z"), null);
        PullResponse page = new PullResponse(Arrays.asList(
                Change.of(3, ChangeKind.TEMPLATE, new TemplateState(template, false)),
                Change.of(4, ChangeKind.TEMPLATE, new TemplateState(canteenTemplate(), true)),
                Change.of(1205, ChangeKind.SITE, new SiteState(household37(), clocks)),
                Change.of(1206, ChangeKind.SITE, new SiteState(canteen(), null)),
                Change.of(1207, ChangeKind.VISIT, new VisitState(visit.toVisit("inspector-wang", DEVICE), "王建国",
                        Instant.parse("2026-03-12T03:20:00Z"),
                        CheckOutcome.of(canteenTemplate(), visit.answers()), null)),
                Change.of(1208, ChangeKind.CORRECTIVE_ACTION, chillerTooWarm()),
                Change.of(1210, ChangeKind.COMPLETION, new CompletionState(rejectedCompletion(), "已安装并测试")),
                Change.of(1211, ChangeKind.COMPLETION, new CompletionState(verified, null)),
                Change.of(1212, ChangeKind.ASSIGNMENT, new Assignment(new AssignmentId("a-household-37"), HOUSEHOLD_37,
                        new TemplateId("smoke-alarm-installation"), "inspector-wang", LocalDate.parse("2026-12-15"),
                        "老人白天在家，下午去", Assignment.Status.DONE, HOUSEHOLD_VISIT))),
                "djE6MTIxMA", true, Hlc.parse("0001763889301234-000002-server"));

        String json = WireJson.writePullResponse(page);

        assertThat(WireJson.readPullResponse(json)).isEqualTo(page);
        assertThat(json).contains("\"kind\":\"TEMPLATE\",\"id\":\"smoke-alarm-installation@1\"",
                "\"outcome\":{\"passed\":false,\"failedQuestions\":[\"chiller_temp_c\"]}",
                "\"status\":\"REJECTED\"", "\"decisionReason\":\"照片无法辨认序列号\"", "\"dueOn\":\"2026-03-19\"",
                "\"fieldClocks\":{\"address\":\"0001763889300000-000002-tablet-7f3a9c21\"}", "\"retired\":true",
                "\"kind\":\"ASSIGNMENT\",\"id\":\"a-household-37\"", "\"dueOn\":\"2026-12-15\"");
    }

    @Test
    void publishedTemplateFilesReadAndWriteBackToTheSameDocument() {
        for (String file : new String[] {"/templates/smoke-alarm-installation.v1.json",
                "/templates/canteen-food-safety.v1.json"}) {
            String original = resource(file);

            Template template = WireJson.readTemplate(original);
            String written = WireJson.writeTemplate(template);

            assertThat(JsonTree.parse(written)).as(file).isEqualTo(JsonTree.parse(original));
            assertThat(WireJson.readTemplate(written)).isEqualTo(template);
        }
    }

    @Test
    void payloadsAndProblemsRoundTripAlone() {
        for (Mutation mutation : pushOfEveryType().mutations()) {
            String json = WireJson.writePayload(mutation.type(), mutation.payload());
            assertThat(WireJson.readPayload(mutation.type(), json)).isEqualTo(mutation.payload());
        }
        List<Problem> problems = Collections.singletonList(new Problem("photos", ProblemCode.TOO_FEW_PHOTOS,
                "'照片：报警器安装位置、手机接警截屏' (photos) needs at least 2 photos, has 1"));
        assertThat(WireJson.readProblems(WireJson.writeProblems(problems))).isEqualTo(problems);
    }

    @Test
    void singleChangeRoundTripsAsADeviceStoresIt() {
        Change change = Change.of(1208, ChangeKind.CORRECTIVE_ACTION, chillerTooWarm());

        assertThat(WireJson.readChange(WireJson.writeChange(change))).isEqualTo(change);
    }

    @Test
    void readsTheProtocolDocumentsPushResponseExample() {
        String json = "{\n  \"results\": [\n"
                + "    { \"id\": \"0d1f\", \"seq\": 41, \"status\": \"APPLIED\", \"position\": 1207 },\n"
                + "    { \"id\": \"5a02\", \"seq\": 42, \"status\": \"REJECTED\", \"code\": \"VALIDATION_FAILED\",\n"
                + "      \"reason\": \"2 answers are not acceptable\",\n"
                + "      \"problems\": [ { \"questionId\": \"alarm_serial\", \"code\": \"TEXT_PATTERN_MISMATCH\","
                + " \"message\": \"…\" } ] },\n"
                + "    { \"id\": \"77c1\", \"seq\": 40, \"status\": \"DUPLICATE\", \"originalStatus\": \"APPLIED\","
                + " \"position\": 1199 },\n"
                + "    { \"id\": \"9e44\", \"seq\": 45, \"status\": \"DEFERRED\", \"code\": \"SEQUENCE_GAP\","
                + " \"reason\": \"expected seq 43 first\" }\n  ],\n"
                + "  \"acknowledgedThrough\": 42,\n  \"serverClock\": \"0001763889301234-000002-server\"\n}";

        PushResponse response = WireJson.readPushResponse(json);

        assertThat(response.results()).extracting(PushResult::effectiveStatus).containsExactly(PushStatus.APPLIED,
                PushStatus.REJECTED, PushStatus.APPLIED, PushStatus.DEFERRED);
        assertThat(response.results().get(1).problems()).extracting(Problem::code)
                .containsExactly(ProblemCode.TEXT_PATTERN_MISMATCH);
        assertThat(response.acknowledgedThrough()).isEqualTo(42);
    }
}

package org.fieldledger.model.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fieldledger.model.sync.Notices.*;

import java.util.Arrays;
import java.util.Collections;
import org.junit.jupiter.api.Test;

class WireJsonStrictReadingTest {
    private static String push(String... mutations) {
        return "{\"deviceId\":\"" + DEVICE + "\",\"mutations\":[" + String.join(",", mutations) + "]}";
    }

    private static String visitMutation(long seq) {
        return mutationJson(new Mutation("m-" + seq, seq, MutationType.SUBMIT_VISIT, hlc(1763889300000L, (int) seq),
                householdVisit()));
    }

    private static String mutationJson(Mutation mutation) {
        return WireJson.writeMutation(mutation);
    }

    private static WireFormatException pushError(String json) {
        try {
            WireJson.readPushRequest(json);
        } catch (WireFormatException e) {
            return e;
        }
        throw new AssertionError("expected a WireFormatException for " + json);
    }

    @Test
    void answerOfTheWrongJsonTypeMakesJustThatMutationUnreadableAndNamesItsPath() {
        String bad = visitMutation(42).replace("\"value\":\"JTY-GD-2024-0137\"", "\"value\":137");

        PushRequest push = WireJson.readPushRequest(push(visitMutation(41), bad, visitMutation(43)));

        assertThat(push.mutations()).extracting(Mutation::isReadable).containsExactly(true, false, true);
        Mutation unreadable = push.mutations().get(1);
        assertThat(unreadable.id()).isEqualTo("m-42");
        assertThat(unreadable.seq()).isEqualTo(42);
        assertThat(unreadable.hlc()).isEqualTo(hlc(1763889300000L, 42));
        assertThat(unreadable.problem().path()).isEqualTo("mutations[1].payload.answers.alarm_serial.value");
        assertThat(unreadable.problem()).hasMessage(
                "mutations[1].payload.answers.alarm_serial.value: expected a string, was a number");
    }

    @Test
    void unknownMutationTypeIsUnreadableNotAnEnvelopeError() {
        String future = visitMutation(41).replace("\"type\":\"SUBMIT_VISIT\"", "\"type\":\"ATTACH_PHOTO\"");

        Mutation mutation = WireJson.readPushRequest(push(future)).mutations().get(0);

        assertThat(mutation.type()).isNull();
        assertThat(mutation.problem().getMessage()).startsWith("mutations[0].type: 'ATTACH_PHOTO' is not one of [");
        assertThat(WireJson.writeMutation(mutation)).contains("\"unreadable\":\"mutations[0].type:");
    }

    @Test
    void valueTheDomainRefusesIsReportedAtItsPath() {
        String bad = visitMutation(41).replace("\"siteId\":\"gx-wangyin-household-037\"", "\"siteId\":\"王因37号\"");

        Mutation mutation = WireJson.readPushRequest(push(bad)).mutations().get(0);

        assertThat(mutation.problem().path()).isEqualTo("mutations[0].payload.siteId");
        assertThat(mutation.problem().problem()).contains("site id '王因37号' must match");
    }

    @Test
    void unknownFieldInAPayloadIsUnreadable() {
        String bad = visitMutation(41).replace("\"revisionOf\":null", "\"revisionOf\":null,\"inspector\":\"li\"");

        Mutation mutation = WireJson.readPushRequest(push(bad)).mutations().get(0);

        assertThat(mutation.problem()).hasMessage("mutations[0].payload.inspector: unknown field");
    }

    @Test
    void envelopeProblemsThrow() {
        assertThat(pushError("{\"deviceId\":\"" + DEVICE + "\",\"mutations\":[],\"priority\":1}"))
                .hasMessage("priority: unknown field");
        assertThat(pushError("{\"mutations\":[]}")).hasMessage("deviceId: required field is missing");
        assertThat(pushError("{\"deviceId\":\"short\",\"mutations\":[]}").getMessage())
                .startsWith("$: device id 'short' must be 8-64 characters");
        assertThat(pushError(push(visitMutation(41).replace("\"seq\":41,", ""))))
                .hasMessage("mutations[0].seq: required field is missing");
        assertThat(pushError(push(visitMutation(41).replace("\"seq\":41", "\"seq\":\"41\""))))
                .hasMessage("mutations[0].seq: expected a number, was a string");
        assertThat(pushError(push(visitMutation(41).replace("\"id\":\"m-41\"", "\"id\":\"m 41\"")))
                .getMessage()).startsWith("mutations[0].id: mutation id 'm 41' must be");
        assertThat(pushError(push("[]"))).hasMessage("mutations[0]: expected an object, was an array");
        assertThat(pushError(push(visitMutation(42), visitMutation(41))).getMessage())
                .isEqualTo("$: mutations must be in ascending seq, but seq 41 follows 42");
    }

    @Test
    void malformedJsonDuplicateKeysAndTrailingDataAreRefused() {
        assertThat(pushError("{\"deviceId\":").getMessage()).startsWith("$: not valid JSON");
        assertThat(pushError("{\"deviceId\":'" + DEVICE + "',\"mutations\":[]}").getMessage())
                .startsWith("$: not valid JSON");
        assertThat(pushError("{\"deviceId\":\"" + DEVICE + "\",\"deviceId\":\"tablet-00000000\",\"mutations\":[]}"))
                .hasMessage("deviceId: field 'deviceId' appears twice");
        assertThat(pushError("{\"deviceId\":null,\"deviceId\":\"" + DEVICE + "\",\"mutations\":[]}"))
                .as("a field first sent as null is a field all the same")
                .hasMessage("deviceId: field 'deviceId' appears twice");
        assertThat(pushError(push() + " {}").getMessage()).isEqualTo("$: unexpected data after the JSON document");
        assertThat(pushError(null)).hasMessage("$: no JSON document");
    }

    @Test
    void absurdNumbersAreRefusedBeforeAnyoneFormatsThem() {
        String bad = visitMutation(41).replace("\"value\":0.80", "\"value\":1e999999999");

        Mutation mutation = WireJson.readPushRequest(push(bad)).mutations().get(0);

        assertThat(mutation.problem().path()).isEqualTo("mutations[0].payload.answers.distance_to_wall_m.value");
        assertThat(mutation.problem().problem()).contains("outside the supported range");
    }

    @Test
    void timesMustBeUtcWithAZ() {
        String bad = visitMutation(41).replace("2026-11-23T08:41:10Z", "2026-11-23T16:41:10+08:00");

        Mutation mutation = WireJson.readPushRequest(push(bad)).mutations().get(0);

        assertThat(mutation.problem()).hasMessage("mutations[0].payload.startedAt: '2026-11-23T16:41:10+08:00' is not "
                + "an ISO-8601 UTC time such as 2026-11-23T09:15:00Z");
    }

    @Test
    void timesAreReadExactlyAsTheIsoParserReadsThem() {
        for (String text : Arrays.asList("2026-11-23T08:41:10Z", "2026-11-23T08:58:42.125Z", "2028-02-29T23:59:59Z",
                "2026-02-29T10:00:00Z", "2026-12-31T23:59:59.999Z", "0000-01-01T00:00:00Z", "2026-13-01T00:00:00Z",
                "2026-00-10T00:00:00Z", "2026-04-31T00:00:00Z", "2026-11-23T24:00:00Z", "2026-11-23T23:60:00Z",
                "2026-11-23T23:59:60Z", "2026-11-23T08:41:10.5Z", "2026-11-23T08:41:10.123456789Z",
                "2026-11-23T08:41:1xZ", "2026-11-23 08:41:10Z", "2026-11-23T08:41:10.12aZ", "+12026-11-23T08:41:10Z")) {
            JsonIn time = JsonIn.root("{\"t\":\"" + text + "\"}").object().get("t");
            java.time.Instant expected;
            try {
                expected = java.time.Instant.parse(text);
            } catch (java.time.format.DateTimeParseException refused) {
                assertThatThrownBy(time::instant).as(text).isInstanceOf(WireFormatException.class)
                        .hasMessage("t: '" + text + "' is not an ISO-8601 UTC time such as 2026-11-23T09:15:00Z");
                continue;
            }
            assertThat(time.instant()).as(text).isEqualTo(expected);
        }
    }

    @Test
    void pullResponseErrorsNameTheChangeAndField() {
        PullResponse page = new PullResponse(Collections.singletonList(Change.of(7, ChangeKind.SITE,
                new SiteState(household37(), null))), "djE6Nw", false, Hlc.parse("0001763889301234-000002-server"));
        String json = WireJson.writePullResponse(page);

        assertThatThrownBy(() -> WireJson.readPullResponse(json.replace("\"area\":\"王因街道\"", "\"area\":\" \"")))
                .isInstanceOf(WireFormatException.class)
                .hasMessage("changes[0].data.area: area name must not be blank");
        assertThatThrownBy(() -> WireJson.readPullResponse(json.replace("\"kind\":\"SITE\"", "\"kind\":\"PHOTO\"")))
                .hasMessageStartingWith("changes[0].kind: 'PHOTO' is not one of [TEMPLATE, SITE");
        assertThatThrownBy(() -> WireJson.readPullResponse(json.replace("\"id\":\"gx-wangyin-household-037\",\"data\"",
                "\"id\":\"gx-wangyin-household-038\",\"data\"")))
                .hasMessageContaining("changes[0]: a SITE change of record gx-wangyin-household-037 cannot have id");
        assertThatThrownBy(() -> WireJson.readPullResponse(json.replace("\"fieldClocks\":{}",
                "\"fieldClocks\":{\"kind\":\"0001763889300000-000002-server\"}")))
                .hasMessageStartingWith("changes[0].data: 'kind' is not a mergeable site field");
        assertThatThrownBy(() -> WireJson.readPullResponse(json.replace(",\"hasMore\":false", "")))
                .hasMessage("hasMore: required field is missing");
    }

    @Test
    void templateOfAnotherFormatIsRefused() {
        String json = resource("/templates/smoke-alarm-installation.v1.json")
                .replace("fieldledger-template/1", "fieldledger-template/2");

        assertThatThrownBy(() -> WireJson.readTemplate(json)).isInstanceOf(WireFormatException.class)
                .hasMessage("format: unsupported template format 'fieldledger-template/2', expected "
                        + "fieldledger-template/1");
    }

    @Test
    void questionSettingOfAnotherTypeIsRefusedAtTheQuestion() {
        String json = resource("/templates/smoke-alarm-installation.v1.json")
                .replace("\"required\": true,\n      \"maxLength\": 30", "\"required\": true,\n      \"unit\": \"m\"");

        assertThatThrownBy(() -> WireJson.readTemplate(json))
                .hasMessage("questions[0]: question resident_name of type TEXT cannot have unit");
    }

    @Test
    void pushResultMustHaveTheShapeOfItsStatus() {
        String json = "{\"results\":[{\"id\":\"m-41\",\"seq\":41,\"status\":\"APPLIED\"}],\"acknowledgedThrough\":41,"
                + "\"serverClock\":\"0001763889301234-000002-server\"}";

        assertThatThrownBy(() -> WireJson.readPushResponse(json))
                .hasMessage("results[0]: a result has a ledger position exactly when it was applied");
    }

    @Test
    void mutationPayloadMustMatchItsType() {
        assertThatThrownBy(() -> new Mutation("m-41", 41, MutationType.UPDATE_SITE, hlc(1, 0), household37()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a UPDATE_SITE mutation carries a SiteUpdate, not a Site");
        assertThatThrownBy(() -> new PushRequest(DEVICE, Arrays.asList(
                new Mutation("m-41", 41, MutationType.CREATE_SITE, hlc(1, 0), household37()),
                new Mutation("m-41b", 41, MutationType.CREATE_SITE, hlc(1, 1), canteen()))))
                .hasMessage("mutations must be in ascending seq, but seq 41 follows 41");
    }
}

package org.fieldledger.server.e2e;

import java.time.Instant;
import java.util.Arrays;
import org.fieldledger.model.site.SiteId;
import org.fieldledger.model.sync.Hlc;
import org.fieldledger.model.sync.Mutation;
import org.fieldledger.model.sync.MutationType;
import org.fieldledger.model.sync.PushRequest;
import org.fieldledger.model.sync.PushResponse;
import org.fieldledger.model.sync.SiteFields;
import org.fieldledger.model.sync.SiteUpdate;
import org.fieldledger.model.sync.VisitSubmission;
import org.fieldledger.model.sync.WireJson;
import org.fieldledger.model.template.TemplateRef;
import org.fieldledger.model.visit.VisitId;
import org.fieldledger.server.testing.TestServer;

/** Pushes built by hand, for tests that need batches no well-behaved device would send. */
final class Pushes {
    private Pushes() {
    }

    static TestServer.Response push(TestServer server, String token, String deviceId, Mutation... mutations) {
        return server.post("/api/v1/sync/push", WireJson.writePushRequest(new PushRequest(deviceId,
                Arrays.asList(mutations))), token);
    }

    static PushResponse response(TestServer.Response response) {
        if (response.status() != 200) {
            throw new AssertionError("push refused: " + response);
        }
        return WireJson.readPushResponse(response.body());
    }

    /** A SUBMIT_VISIT of a passing smoke-alarm check, or of other answers. */
    static Mutation submitVisit(String id, long seq, String deviceId, VisitSubmission visit) {
        return new Mutation(id, seq, MutationType.SUBMIT_VISIT, new Hlc(Instant.now().toEpochMilli(), 0, deviceId),
                visit);
    }

    static VisitSubmission alarmVisit(String visitId, SiteId site, TemplateRef template,
                                      java.util.Map<String, org.fieldledger.model.visit.AnswerValue> answers) {
        Instant submitted = Instant.now().minusSeconds(60);
        return new VisitSubmission(new VisitId(visitId), null, site, template, submitted.minusSeconds(900), submitted,
                FieldWorld.WANGYIN_HOUSEHOLD_37, answers);
    }

    static Mutation updateAddress(String id, long seq, SiteId site, String address, String deviceId) {
        return new Mutation(id, seq, MutationType.UPDATE_SITE, new Hlc(Instant.now().toEpochMilli(), 0, deviceId),
                new SiteUpdate(site, new SiteFields(null, address, null)));
    }
}

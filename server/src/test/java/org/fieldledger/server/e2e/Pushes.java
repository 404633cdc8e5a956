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
import org.fieldledger.model.sync.WireJson;
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

    static Mutation updateAddress(String id, long seq, SiteId site, String address, String deviceId) {
        return new Mutation(id, seq, MutationType.UPDATE_SITE, new Hlc(Instant.now().toEpochMilli(), 0, deviceId),
                new SiteUpdate(site, new SiteFields(null, address, null)));
    }
}

package org.fieldledger.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fieldledger.server.e2e.FieldWorld.WANGYIN;
import static org.fieldledger.server.e2e.FieldWorld.recordAlarmCheck;

import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.fieldledger.client.FieldDevice;
import org.fieldledger.client.SyncReport;
import org.fieldledger.client.SyncState;
import org.fieldledger.client.transport.HttpResponse;
import org.fieldledger.client.transport.Transport;
import org.fieldledger.client.transport.UrlConnectionTransport;
import org.fieldledger.model.site.SiteId;
import org.fieldledger.model.visit.VisitId;
import org.fieldledger.server.testing.Backend;
import org.junit.jupiter.api.Test;

/**
 * On 2G a refresh can reach the server and its answer never come back. The device keeps the token it sent, and the
 * next sync retries with it: the inspector stays logged in and the queued visit goes through.
 */
class LostRefreshAnswerTest {
    @Test
    void theNextSyncRetriesTheRefreshAndTheVisitGoesThrough() {
        try (FieldWorld world = FieldWorld.start(Backend.SQLITE)) {
            SiteId household = world.household("wy-household-052", WANGYIN, "前村52号");
            DropsFirstRefreshAnswer network = new DropsFirstRefreshAnswer(new UrlConnectionTransport());
            FieldDevice device = world.device("wang.inspector", "tablet-wang-52", Clock.systemUTC(),
                    settings -> settings.transport(network));
            assertThat(device.sync().isComplete()).isTrue();
            VisitId visit = recordAlarmCheck(device, household, "SA-2024-00052");

            network.expireAccessToken();
            SyncReport cut = device.sync(true);
            assertThat(network.dropped.get()).as("the refresh reached the server").isTrue();
            assertThat(cut.outcome()).isEqualTo(SyncReport.Outcome.NETWORK_ERROR);
            assertThat(device.visit(visit).state()).isEqualTo(SyncState.PENDING);

            SyncReport retried = device.sync(true);
            assertThat(retried.outcome()).as("no new login needed").isEqualTo(SyncReport.Outcome.COMPLETED);
            assertThat(device.visit(visit).state()).isEqualTo(SyncState.SYNCED);
            assertThat(world.submissions(visit)).isEqualTo(1);
        }
    }

    /**
     * Delivers every request, but loses the answer to the first refresh, as a dropped connection does. Once told, it
     * sends the next call with a token the server no longer takes, as after a day offline, so the device must refresh.
     */
    private static final String EXPIRED_LOOKING_TOKEN = "eyJhbGciOiJFUzI1NiJ9.eyJleHAiOjF9.c2lnbmF0dXJl";

    private static final class DropsFirstRefreshAnswer implements Transport {
        private final Transport network;
        private final AtomicBoolean staleToken = new AtomicBoolean();
        private final AtomicBoolean dropped = new AtomicBoolean();

        DropsFirstRefreshAnswer(Transport network) {
            this.network = network;
        }

        void expireAccessToken() {
            staleToken.set(true);
        }

        @Override
        public HttpResponse send(String method, String url, Map<String, String> headers, byte[] body)
                throws IOException {
            Map<String, String> sent = new LinkedHashMap<>(headers);
            if (sent.containsKey("Authorization") && staleToken.compareAndSet(true, false)) {
                sent.put("Authorization", "Bearer " + EXPIRED_LOOKING_TOKEN);
            }
            HttpResponse response = network.send(method, url, sent, body);
            if (url.endsWith("/api/v1/auth/refresh") && dropped.compareAndSet(false, true)) {
                throw new IOException("connection reset before the answer arrived");
            }
            return response;
        }
    }
}

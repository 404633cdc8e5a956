package org.fieldledger.client.internal.sync;

import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.net.URLEncoder;
import org.fieldledger.client.SyncListener;
import org.fieldledger.client.SyncListener.Phase;
import org.fieldledger.client.internal.auth.ApiException;
import org.fieldledger.client.internal.auth.ServerApi;
import org.fieldledger.client.internal.auth.SessionExpiredException;
import org.fieldledger.client.internal.store.DeviceStateStore;
import org.fieldledger.client.internal.store.LocalDatabase;
import org.fieldledger.client.transport.HttpResponse;
import org.fieldledger.model.sync.Change;
import org.fieldledger.model.sync.HlcClock;
import org.fieldledger.model.sync.PullResponse;
import org.fieldledger.model.sync.WireJson;

/**
 * Pulls the feed page by page from the stored cursor (docs/protocol.md, "Pull"). Each page and the cursor after it are
 * applied in one local transaction: a pull cut off between pages resumes at the next page, and a page is never half
 * applied. Applying a page twice would be harmless anyway, since stores keep the highest position per record.
 */
final class Puller {
    static final int PAGE_SIZE = 200;

    private final LocalDatabase local;
    private final DeviceStateStore deviceState;
    private final ChangeApplier applier;
    private final HlcClock hlc;
    private final ServerApi api;

    Puller(LocalDatabase local, DeviceStateStore deviceState, ChangeApplier applier, HlcClock hlc, ServerApi api) {
        this.local = local;
        this.deviceState = deviceState;
        this.applier = applier;
        this.hlc = hlc;
        this.api = api;
    }

    void pullAll(Tally tally, SyncListener listener) throws IOException, ApiException, SessionExpiredException {
        listener.phaseStarted(Phase.PULL, -1);
        long done = 0;
        boolean restarted = false;
        while (true) {
            String cursor = local.transaction(deviceState::cursor);
            HttpResponse response;
            try {
                response = api.call("GET", path(cursor), null);
            } catch (ApiException e) {
                if (cursor == null || restarted || e.status() != 400 || !"INVALID_PARAMETER".equals(e.code())) {
                    throw e;
                }
                // A server that changed its cursor format refuses the old one; without this the device would never
                // pull again. Starting over is safe: every record keeps the state with the highest position.
                restarted = true;
                tally.errors.add("the server refused the stored cursor (" + e.getMessage() + "); pulling from the start");
                local.run(() -> deviceState.saveCursor(null));
                continue;
            }
            PullResponse page = WireJson.readPullResponse(response.bodyText());
            local.run(() -> {
                for (Change change : page.changes()) {
                    applier.apply(change);
                }
                if (page.cursor() != null) {
                    deviceState.saveCursor(page.cursor());
                }
                deviceState.saveHlc(hlc.receive(page.serverClock()));
            });
            tally.pulled += page.changes().size();
            done += page.changes().size();
            listener.progressed(Phase.PULL, done, -1);
            if (!page.hasMore()) {
                listener.phaseFinished(Phase.PULL);
                return;
            }
            if (page.changes().isEmpty() && page.cursor().equals(cursor)) {
                tally.errors.add("the server said more changes follow cursor " + cursor + " but sent none");
                listener.phaseFinished(Phase.PULL);
                return;
            }
        }
    }

    private static String path(String cursor) {
        String path = "/api/v1/sync/pull?limit=" + PAGE_SIZE;
        if (cursor == null) {
            return path;
        }
        try {
            // URLEncoder.encode(String, Charset) is Java 10 and Android API 33; the named-charset form works on 26.
            return path + "&cursor=" + URLEncoder.encode(cursor, "UTF-8");
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is always supported", e);
        }
    }
}

package org.fieldledger.client.internal.sync;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fieldledger.client.SyncListener;
import org.fieldledger.client.SyncListener.Phase;
import org.fieldledger.client.internal.auth.ApiException;
import org.fieldledger.client.internal.auth.ServerApi;
import org.fieldledger.client.internal.auth.SessionExpiredException;
import org.fieldledger.client.internal.outbox.Outbox;
import org.fieldledger.client.internal.outbox.OutboxEntry;
import org.fieldledger.client.internal.store.DeviceStateStore;
import org.fieldledger.client.internal.store.LocalDatabase;
import org.fieldledger.client.internal.store.SiteStore;
import org.fieldledger.model.site.SiteId;
import org.fieldledger.model.sync.HlcClock;
import org.fieldledger.model.sync.Mutation;
import org.fieldledger.model.sync.MutationType;
import org.fieldledger.model.sync.PushRequest;
import org.fieldledger.model.sync.PushResponse;
import org.fieldledger.model.sync.PushResult;
import org.fieldledger.model.sync.PushStatus;
import org.fieldledger.model.sync.WireJson;

/**
 * Sends the outbox in seq order, in batches, and applies each answer in one local transaction (docs/protocol.md,
 * "Push"). Nothing leaves the outbox but on the server's word, so a push cut off anywhere (no response, a crash
 * before the answer is applied) is simply sent again, and the server answers the repeats as DUPLICATE.
 */
final class Pusher {
    private static final int MAX_BATCH = PushRequest.MAX_MUTATIONS;

    private final LocalDatabase local;
    private final Outbox outbox;
    private final SiteStore sites;
    private final DeviceStateStore deviceState;
    private final HlcClock hlc;
    private final ServerApi api;
    private final String deviceId;

    Pusher(LocalDatabase local, Outbox outbox, SiteStore sites, DeviceStateStore deviceState, HlcClock hlc,
           ServerApi api, String deviceId) {
        this.local = local;
        this.outbox = outbox;
        this.sites = sites;
        this.deviceState = deviceState;
        this.hlc = hlc;
        this.api = api;
        this.deviceId = deviceId;
    }

    void pushAll(Tally tally, SyncListener listener) throws IOException, ApiException, SessionExpiredException {
        long total = local.transaction(outbox::size);
        long answeredBefore = tally.answered();
        listener.phaseStarted(Phase.PUSH, total);
        int batchSize = MAX_BATCH;
        while (true) {
            int size = batchSize;
            List<OutboxEntry> batch = local.transaction(() -> {
                List<OutboxEntry> entries = outbox.head(size);
                outbox.markUploading(entries);
                return entries;
            });
            if (batch.isEmpty()) {
                listener.phaseFinished(Phase.PUSH);
                return;
            }
            PushResponse response;
            try {
                response = send(batch, tally);
            } catch (ApiException e) {
                local.run(() -> outbox.markPending(batch, e.code() + ": " + e.getMessage()));
                // The 8 MB limit is on bytes, not count: halve the batch rather than stall on a few large payloads.
                if (e.status() == 413 && batch.size() > 1) {
                    batchSize = batch.size() / 2;
                    continue;
                }
                throw e;
            } catch (IOException | SessionExpiredException | RuntimeException e) {
                local.run(() -> outbox.markPending(batch, e.getMessage()));
                throw e;
            }
            boolean progress = local.transaction(() -> apply(batch, response, tally));
            long done = tally.answered() - answeredBefore;
            total = Math.max(total, done);
            listener.progressed(Phase.PUSH, done, total);
            if (!progress) {
                return;
            }
        }
    }

    private PushResponse send(List<OutboxEntry> batch, Tally tally)
            throws IOException, ApiException, SessionExpiredException {
        List<Mutation> mutations = new ArrayList<>(batch.size());
        for (OutboxEntry entry : batch) {
            mutations.add(entry.toMutation());
        }
        tally.pushed += batch.size();
        String body = WireJson.writePushRequest(new PushRequest(deviceId, mutations));
        return WireJson.readPushResponse(api.call("POST", "/api/v1/sync/push", body).bodyText());
    }

    /**
     * Applies one push answer; returns whether the outbox moved on. After a deferral it stops: every later seq would
     * be deferred too until the gap is filled.
     */
    private boolean apply(List<OutboxEntry> batch, PushResponse response, Tally tally) {
        deviceState.saveHlc(hlc.receive(response.serverClock()));
        Map<String, OutboxEntry> sent = new HashMap<>();
        for (OutboxEntry entry : batch) {
            sent.put(entry.mutationId(), entry);
        }
        Set<SiteId> refusedSiteEdits = new LinkedHashSet<>();
        boolean deferred = false;
        int before = outbox.size();
        for (PushResult result : response.results()) {
            OutboxEntry entry = sent.remove(result.id());
            if (entry == null || entry.seq() != result.seq()) {
                tally.errors.add("the server answered for mutation " + result.id() + " (seq " + result.seq()
                        + "), which was not sent as such");
                continue;
            }
            count(result, tally);
            switch (result.effectiveStatus()) {
                case APPLIED:
                    outbox.acknowledge(entry.mutationId());
                    break;
                case REJECTED:
                    outbox.reject(entry, result);
                    if (entry.type() == MutationType.UPDATE_SITE || entry.type() == MutationType.CREATE_SITE) {
                        refusedSiteEdits.add(new SiteId(entry.recordId()));
                    }
                    break;
                case DEFERRED:
                default:
                    deferred = true;
                    sent.put(entry.mutationId(), entry);
                    break;
            }
        }
        outbox.acknowledgeThrough(response.acknowledgedThrough());
        List<OutboxEntry> unanswered = new ArrayList<>(sent.values());
        outbox.markPending(unanswered, deferred ? "deferred by the server: an earlier seq has not arrived" : null);
        for (SiteId site : refusedSiteEdits) {
            sites.recompute(site);
        }
        if (deferred) {
            tally.errors.add("the server deferred mutations: it is missing an earlier seq than "
                    + batch.get(0).seq() + "..." + batch.get(batch.size() - 1).seq());
        }
        return !deferred && outbox.size() < before;
    }

    private static void count(PushResult result, Tally tally) {
        if (result.status() == PushStatus.APPLIED) {
            tally.applied++;
        } else if (result.status() == PushStatus.DUPLICATE) {
            tally.duplicates++;
        } else if (result.status() == PushStatus.REJECTED) {
            tally.rejected++;
        } else {
            tally.deferred++;
        }
    }
}

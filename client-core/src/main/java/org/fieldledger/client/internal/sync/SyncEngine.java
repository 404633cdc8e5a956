package org.fieldledger.client.internal.sync;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import org.fieldledger.client.SyncListener;
import org.fieldledger.client.SyncReport;
import org.fieldledger.client.SyncReport.Outcome;
import org.fieldledger.client.internal.auth.ApiException;
import org.fieldledger.client.internal.auth.ServerApi;
import org.fieldledger.client.internal.auth.SessionExpiredException;
import org.fieldledger.client.internal.outbox.Outbox;
import org.fieldledger.client.internal.photo.PhotoUploader;
import org.fieldledger.client.internal.store.DeviceStateStore;
import org.fieldledger.client.internal.store.DeviceStateStore.Backoff;
import org.fieldledger.client.internal.store.DeviceStateStore.Session;
import org.fieldledger.client.internal.store.LocalDatabase;
import org.fieldledger.client.internal.store.ReviewStore;
import org.fieldledger.client.internal.store.SiteStore;
import org.fieldledger.client.internal.store.TemplateStore;
import org.fieldledger.client.internal.store.VisitStore;
import org.fieldledger.model.sync.HlcClock;
import org.fieldledger.model.sync.WireFormatException;

/**
 * One sync: push the outbox, then pull the feed. A failure stops it where it is, keeps everything queued, records the
 * error and sets an exponential back-off; the next sync after the back-off starts again from the outbox, whether or not
 * anything new was recorded. The back-off lives in the database, so it survives the app being killed.
 */
public final class SyncEngine {
    private final LocalDatabase local;
    private final DeviceStateStore deviceState;
    private final Pusher pusher;
    private final Puller puller;
    private final PhotoUploader photos;
    private final BackoffPolicy backoff;
    private final Clock clock;

    public SyncEngine(LocalDatabase local, DeviceStateStore deviceState, Outbox outbox, TemplateStore templates,
                      SiteStore sites, VisitStore visits, ReviewStore reviews, HlcClock hlc, ServerApi api,
                      String deviceId, BackoffPolicy backoff, Clock clock, PhotoUploader photos) {
        this.photos = photos;
        this.local = local;
        this.deviceState = deviceState;
        this.pusher = new Pusher(local, outbox, sites, deviceState, hlc, api, deviceId);
        this.puller = new Puller(local, deviceState, new ChangeApplier(templates, sites, visits, reviews), hlc, api);
        this.backoff = backoff;
        this.clock = clock;
    }

    public SyncReport sync(boolean force, SyncListener listener) {
        Tally tally = new Tally();
        Session session = local.transaction(deviceState::session);
        if (session.user() == null) {
            tally.errors.add("nobody has logged in on this device");
            return tally.report(Outcome.NOT_LOGGED_IN, null);
        }
        if (session.expired()) {
            tally.errors.add("session expired, log in again");
            return tally.report(Outcome.SESSION_EXPIRED, null);
        }
        Backoff state = local.transaction(deviceState::backoff);
        if (!force && BackoffPolicy.stillWaiting(state.retryAt(), clock.millis())) {
            tally.errors.add("backing off after " + state.failures() + " failed sync(s): " + state.lastError());
            return tally.report(Outcome.BACKING_OFF, Instant.ofEpochMilli(state.retryAt()));
        }
        try {
            pusher.pushAll(tally, listener);
            uploadPhotos(tally, listener);
            puller.pullAll(tally, listener);
            local.run(() -> deviceState.recordSuccess(clock.millis()));
            return tally.report(Outcome.COMPLETED, null);
        } catch (SessionExpiredException e) {
            tally.errors.add(e.getMessage());
            return tally.report(Outcome.SESSION_EXPIRED, null);
        } catch (IOException e) {
            return fail(tally, Outcome.NETWORK_ERROR, "network: " + e);
        } catch (ApiException e) {
            return fail(tally, e.isTransient() ? Outcome.NETWORK_ERROR : Outcome.REFUSED,
                    "server: " + e.status() + " " + e.code() + ": " + e.getMessage());
        } catch (WireFormatException e) {
            return fail(tally, Outcome.REFUSED, "the server's answer could not be read: " + e.getMessage());
        }
    }

    /** After the push: a photo goes once its visit's record has been accepted. */
    private void uploadPhotos(Tally tally, SyncListener listener)
            throws IOException, ApiException, SessionExpiredException {
        PhotoUploader.Counts counts = photos.uploadAll(listener);
        tally.photosUploaded += counts.uploaded;
        tally.photosFailed += counts.failed;
        if (counts.failed > 0) {
            tally.errors.add(counts.failed + " photo(s) refused by the server; see LocalVisit.photos()");
        }
    }

    private SyncReport fail(Tally tally, Outcome outcome, String error) {
        tally.errors.add(error);
        long now = clock.millis();
        long retryAt = local.transaction(() -> {
            long failures = deviceState.backoff().failures() + 1;
            long at = now + backoff.delayMillis(failures);
            deviceState.recordFailure(failures, at, error);
            return at;
        });
        return tally.report(outcome, Instant.ofEpochMilli(retryAt));
    }
}

package org.fieldledger.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import org.fieldledger.client.internal.auth.ServerApi;
import org.fieldledger.client.internal.outbox.Outbox;
import org.fieldledger.client.internal.photo.PhotoStore;
import org.fieldledger.client.internal.photo.PhotoUploader;
import org.fieldledger.client.internal.record.Recorder;
import org.fieldledger.client.internal.record.Views;
import org.fieldledger.client.internal.store.DeviceStateStore;
import org.fieldledger.client.internal.store.LocalDatabase;
import org.fieldledger.client.internal.store.LocalSchema;
import org.fieldledger.client.internal.store.ReviewStore;
import org.fieldledger.client.internal.store.SiteStore;
import org.fieldledger.client.internal.store.TemplateStore;
import org.fieldledger.client.internal.store.VisitStore;
import org.fieldledger.client.internal.sync.BackoffPolicy;
import org.fieldledger.client.internal.sync.SyncEngine;
import org.fieldledger.model.review.CorrectiveAction;
import org.fieldledger.model.visit.Assignment;
import org.fieldledger.model.site.GeoPoint;
import org.fieldledger.model.site.Site;
import org.fieldledger.model.site.SiteId;
import org.fieldledger.model.sync.CompletionState;
import org.fieldledger.model.sync.HlcClock;
import org.fieldledger.model.sync.SiteFields;
import org.fieldledger.model.template.Template;
import org.fieldledger.model.template.TemplateRef;
import org.fieldledger.model.visit.AnswerValue;
import org.fieldledger.model.visit.PhotoRef;
import org.fieldledger.model.visit.Problem;
import org.fieldledger.model.visit.VisitId;

/**
 * The device library's one entry point: everything an inspector's app records and reads, offline, and {@link #sync}
 * to exchange it with the server when a network appears (docs/client-core.md).
 *
 * <p><b>Threading.</b> Every method is safe to call from any thread. Local calls (recording, reading) take a short
 * database lock and do no network I/O; still, they touch the disk, so call them off Android's main thread.
 * {@link #login} and {@link #sync} block on the network; they are serialised with each other and do not hold the
 * database lock while waiting for the server, so recording goes on during a slow sync.
 */
public final class FieldDevice {
    private final LocalDatabase local;
    private final String deviceId;
    private final DeviceStateStore deviceState;
    private final TemplateStore templates;
    private final VisitStore visits;
    private final ReviewStore reviews;
    private final Outbox outbox;
    private final Recorder recorder;
    private final Views views;
    private final ServerApi api;
    private final SyncEngine engine;
    private final PhotoStore photos;
    private final java.time.Clock clock;
    private final ReentrantLock networkLock = new ReentrantLock();

    private FieldDevice(FieldDeviceConfig config) {
        local = new LocalDatabase(config.database());
        LocalSchema.migrate(config.database());
        deviceState = new DeviceStateStore(config.database());
        deviceId = local.transaction(() -> deviceState.initialize(config.deviceId()));
        HlcClock hlc = new HlcClock(config.clock(), deviceId, local.transaction(deviceState::hlc));
        templates = new TemplateStore(config.database());
        SiteStore sites = new SiteStore(config.database());
        visits = new VisitStore(config.database());
        reviews = new ReviewStore(config.database());
        outbox = new Outbox(config.database(), deviceState, hlc, config.clock());
        local.run(outbox::resetUploading);
        clock = config.clock();
        photos = new PhotoStore(config.database(), config.photoDirectory());
        local.run(photos::resetUploading);
        recorder = new Recorder(sites, templates, visits, outbox, config.clock(), deviceId);
        views = new Views(sites, visits, outbox);
        api = new ServerApi(config.serverBaseUrl(), config.transport(), local, deviceState, config.clock());
        engine = new SyncEngine(local, deviceState, outbox, templates, sites, visits, reviews, hlc, api, deviceId,
                new BackoffPolicy(config.random()), config.clock(), new PhotoUploader(local, photos, api,
                config.photoUploadListener(), config.uploadChunkBytes()));
    }

    /**
     * Opens the device: migrates its database to the current schema, creates the device id on first open, and
     * returns any upload a crash cut off to the queue. Works offline.
     */
    public static FieldDevice open(FieldDeviceConfig config) {
        return new FieldDevice(config);
    }

    public String deviceId() {
        return deviceId;
    }

    /** Who is logged in, or null before the first login. Known offline once logged in. */
    public User user() {
        return local.transaction(deviceState::session).user();
    }

    /**
     * Logs in ({@code POST /api/v1/auth/login}), registering this device to the user. A device's records belong to
     * one user: logging in as another is refused while this database holds the first one's data.
     *
     * @throws LoginFailedException when the server refuses, with its code
     * @throws IOException when the server cannot be reached
     */
    public User login(String username, String password) throws IOException, LoginFailedException {
        networkLock.lock();
        try {
            User current = user();
            if (current != null && !current.username().equals(username)) {
                throw new LoginFailedException("DEVICE_OWNED_BY_ANOTHER_USER", "this device holds the records of "
                        + current.username() + "; only they can log in on it");
            }
            return api.login(username, password, deviceId);
        } finally {
            networkLock.unlock();
        }
    }

    public List<LocalSite> sites() {
        return local.transaction(views::sites);
    }

    /** A site, or null. */
    public LocalSite site(SiteId id) {
        return local.transaction(() -> views.site(id));
    }

    /** Checklist versions a new visit may use (not retired). */
    public List<Template> templates() {
        return local.transaction(templates::usable);
    }

    /** Any checklist version on the device, retired or not, or null. */
    public Template template(TemplateRef ref) {
        return local.transaction(() -> templates.find(ref));
    }

    /** Starts a visit of a site against a checklist version; returns the new draft's id. Needs a first login. */
    public VisitId startVisit(SiteId site, TemplateRef template) {
        User user = requireUser();
        return local.transaction(() -> recorder.startVisit(user, site, template));
    }

    /**
     * Sets one answer of a draft, or clears it with null. Returns the problems the draft now has with that question
     * (a required answer still missing is not one of them until {@link #problems}).
     */
    public List<Problem> answer(VisitId draft, String questionId, AnswerValue value) {
        return local.transaction(() -> recorder.answer(draft, questionId, value));
    }

    /** Every problem that would stop the draft being submitted, all at once; empty when it can be submitted. */
    public List<Problem> problems(VisitId draft) {
        return local.transaction(() -> recorder.problems(draft));
    }

    /** Submits a draft without a location fix; see {@link #submit(VisitId, GeoPoint)}. */
    public LocalVisit submit(VisitId draft) throws InvalidVisitException {
        return submit(draft, null);
    }

    /**
     * Submits a draft: from now on it never changes, and it is queued for the server (PENDING). In the same local
     * transaction its SUBMIT_VISIT mutation takes the device's next sequence number.
     *
     * @param location where the device is, or null without a fix
     * @throws InvalidVisitException with every problem, when the answers do not pass the checklist; nothing changes
     */
    public LocalVisit submit(VisitId draft, GeoPoint location) throws InvalidVisitException {
        List<Problem> problems = local.transaction(() -> {
            List<Problem> found = recorder.submit(draft, location);
            if (found.isEmpty()) {
                photos.keepOnly(draft, visits.find(draft).visit().answers());
            }
            return found;
        });
        if (!problems.isEmpty()) {
            throw new InvalidVisitException(problems);
        }
        return visit(draft);
    }

    public void discardDraft(VisitId draft) {
        local.run(() -> {
            recorder.discardDraft(draft);
            photos.keepOnly(draft, java.util.Collections.<String, AnswerValue>emptyMap());
        });
    }

    /** Attaches a photo file; see {@link #attachPhoto(VisitId, String, InputStream)}. */
    public PhotoRef attachPhoto(VisitId draft, String questionId, Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return attachPhoto(draft, questionId, in);
        }
    }

    /**
     * Attaches a photo to a draft's PHOTO question (added after the photos it has) or SIGNATURE question (replacing
     * its image). The bytes are copied into the photo directory and hashed at once, so the app may delete its own copy
     * when this returns; they are uploaded after the visit's record has been accepted, and deleted from the device
     * once the server confirms it holds them. Reads the whole stream: call it off the main thread.
     *
     * @return the photo's reference, now part of the question's answer
     * @throws IllegalArgumentException when the bytes are not a JPEG, PNG, HEIC or WebP image, or the question takes
     *     no photos
     * @throws IllegalStateException when no photo directory is configured or the visit is not a draft
     */
    public PhotoRef attachPhoto(VisitId draft, String questionId, InputStream in) throws IOException {
        local.transaction(() -> recorder.photoQuestion(draft, questionId));
        PhotoStore.Copy copy = photos.copyIn(in);
        try {
            local.run(() -> {
                recorder.attachPhoto(draft, questionId, copy.ref());
                photos.attach(draft, questionId, copy, clock.millis());
            });
        } catch (RuntimeException e) {
            local.run(() -> photos.deleteFileIfUnused(copy.ref()));
            throw e;
        }
        return copy.ref();
    }

    /** The photos attached to a visit on this device, with their upload state. */
    public List<LocalPhoto> photos(VisitId visit) {
        return local.transaction(() -> photos.ofVisit(visit));
    }

    /** This device's copy of a photo, or null once the server holds it and the copy was deleted (or never here). */
    public Path photoFile(PhotoRef photo) {
        Path file = photos.file(photo);
        return file != null && Files.exists(file) ? file : null;
    }

    /**
     * Starts a correction of a submitted visit as a new draft with the same answers and {@code revisionOf} set. A
     * visit can be corrected once; correct the newest revision. A REJECTED visit's correction takes its place.
     */
    public VisitId correct(VisitId visit) {
        User user = requireUser();
        return local.transaction(() -> recorder.correct(user, visit));
    }

    /**
     * Records a site found in the field (a household not on the list), in one of the user's areas. Mint its id on the
     * device, e.g. {@code new SiteId(UUID.randomUUID().toString())}.
     */
    public LocalSite createSite(Site site) {
        User user = requireUser();
        return local.transaction(() -> {
            recorder.createSite(user, site);
            return views.site(site.id());
        });
    }

    /** Edits a site's name, address or location; merged on the server field by field, the later edit winning. */
    public LocalSite updateSite(SiteId site, SiteFields fields) {
        return local.transaction(() -> {
            recorder.updateSite(site, fields);
            return views.site(site);
        });
    }

    /** Every visit on the device, newest first: drafts, submitted here, pulled. */
    public List<LocalVisit> visits() {
        return local.transaction(visits::all);
    }

    public List<LocalVisit> visits(SiteId site) {
        return local.transaction(() -> visits.ofSite(site));
    }

    /** A visit, or null. */
    public LocalVisit visit(VisitId id) {
        return local.transaction(() -> visits.find(id));
    }

    /** Every change the server refused, with its reasons, oldest first. They stay until the app's data is cleared. */
    public List<RejectedMutation> rejected() {
        return local.transaction(outbox::rejected);
    }

    /** Mutations waiting for the server. */
    public int pendingCount() {
        return local.transaction(outbox::size);
    }

    /** Completion claims of the user's areas as last pulled, with the supervisors' decisions. */
    public List<CompletionState> completions() {
        return local.transaction(reviews::completions);
    }

    /** Open corrective actions (限时销号) of the user's areas as last pulled. */
    public List<CorrectiveAction> openCorrectiveActions() {
        return local.transaction(reviews::openCorrectiveActions);
    }

    /**
     * The visits the town office has asked this user for, as last pulled and still open: assigned to them, or to any
     * inspector of the site's area. The next visit of the site with the checklist marks one done (on the next pull).
     * Empty before the first login.
     */
    public List<Assignment> assignments() {
        User user = user();
        return user == null ? java.util.Collections.<Assignment>emptyList()
                : local.transaction(() -> reviews.openAssignments(user.id()));
    }

    /** Where this device stands with the server: last completed sync, failures since, an expired session. Offline. */
    public SyncStatus syncStatus() {
        return local.transaction(() -> {
            DeviceStateStore.Backoff backoff = deviceState.backoff();
            return new SyncStatus(instant(backoff.lastSyncedAt()), backoff.failures(), backoff.lastError(),
                    instant(backoff.retryAt()), deviceState.session().expired());
        });
    }

    /** Syncs unless an earlier failure's back-off is still running; see {@link #sync(boolean)}. */
    public SyncReport sync() {
        return sync(false);
    }

    /**
     * Pushes the outbox and pulls what changed. Blocks on the network. Never throws for network or server trouble:
     * the report says what happened, and everything not acknowledged stays queued for the next sync.
     *
     * @param force go to the network even while backing off after a failure (the user pressed "sync now")
     */
    public SyncReport sync(boolean force) {
        return sync(force, SyncListener.NONE);
    }

    /**
     * {@link #sync(boolean)}, telling {@code listener} how each phase goes (for progress bars). The listener is called
     * on this thread.
     */
    public SyncReport sync(boolean force, SyncListener listener) {
        Objects.requireNonNull(listener, "listener (SyncListener.NONE for none)");
        networkLock.lock();
        try {
            return engine.sync(force, listener);
        } finally {
            networkLock.unlock();
        }
    }

    private static Instant instant(Long epochMillis) {
        return epochMillis == null ? null : Instant.ofEpochMilli(epochMillis);
    }

    private User requireUser() {
        User user = user();
        if (user == null) {
            throw new IllegalStateException("log in once before recording: visits are recorded in a user's name");
        }
        return user;
    }
}

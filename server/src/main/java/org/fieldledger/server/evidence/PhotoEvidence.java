package org.fieldledger.server.evidence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.fieldledger.model.site.GeoPoint;
import org.fieldledger.model.site.Site;
import org.fieldledger.model.visit.AnswerValue;
import org.fieldledger.model.visit.EvidenceFlag;
import org.fieldledger.model.visit.PhotoFormat;
import org.fieldledger.model.visit.PhotoRef;
import org.fieldledger.model.visit.Visit;
import org.fieldledger.model.visit.VisitId;
import org.fieldledger.server.ledger.Ledger;
import org.fieldledger.server.ledger.LedgerRecord;
import org.fieldledger.server.site.SiteRepository;
import org.fieldledger.server.visit.VisitRepository;

/**
 * Photo evidence: which photos each visit claims, which have arrived, and what is suspicious about them. A visit and
 * its photos arrive in either order (the record first, usually; a photo first when another visit already sent it), so
 * the flags are worked out again whenever either arrives, and every new flag is recorded in the ledger
 * ({@code EVIDENCE / EVIDENCE_FLAGGED}) as well as shown with the visit. Nothing here refuses anything: a flag is for
 * the supervisor to judge.
 */
@Singleton
public class PhotoEvidence {
    static final String ENTITY = "EVIDENCE";

    private final VisitPhotos photos;
    private final VisitRepository visits;
    private final SiteRepository sites;
    private final Ledger ledger;
    private final PhotoSettings settings;
    private final ObjectMapper json;
    private final Clock clock;

    PhotoEvidence(VisitPhotos photos, VisitRepository visits, SiteRepository sites, Ledger ledger,
                  PhotoSettings settings, ObjectMapper json, Clock clock) {
        this.photos = photos;
        this.visits = visits;
        this.sites = sites;
        this.ledger = ledger;
        this.settings = settings;
        this.json = json;
        this.clock = clock;
    }

    /** Who caused a change, for its ledger entries. */
    public record Actor(String userId, String deviceId, String mutationId) {
        LedgerRecord record(String visitId, String action, String area, String payload) {
            return new LedgerRecord(ENTITY, visitId, action, area, userId, deviceId, mutationId, payload);
        }
    }

    /** One suspicious thing about one photo of a visit. */
    public record Finding(EvidenceFlag code, String questionId, String sha256, String message) {
    }

    /** A photo a visit claims, as the supervisor sees it. */
    public record PhotoStatus(String questionId, String sha256, String kind, String status, Long size,
                              String contentType, Instant takenAt, GeoPoint location, List<EvidenceFlag> flags) {
    }

    /** A visit's photos and flags; {@code complete} only when every photo it claims has arrived. */
    public record VisitEvidence(boolean complete, int missingPhotos, List<PhotoStatus> photos,
                                List<Finding> flags) {
    }

    /** Called in the transaction that stores a submitted visit. */
    public void afterVisit(Connection connection, Actor actor, Visit visit, Site site) throws SQLException {
        Set<String> affected = new LinkedHashSet<>();
        affected.add(visit.id().value());
        for (Map.Entry<String, AnswerValue> answer : visit.answers().entrySet()) {
            String kind = answer.getValue() instanceof AnswerValue.Signature ? "SIGNATURE" : "PHOTO";
            for (PhotoRef ref : new LinkedHashSet<>(refs(answer.getValue()))) {
                for (VisitPhotos.Claim other : photos.ofPhoto(connection, ref.sha256())) {
                    if (!other.siteId().equals(site.id().value())) {
                        affected.add(other.visitId());
                    }
                }
                VisitPhotos.Claim claim = new VisitPhotos.Claim(visit.id().value(), answer.getKey(), ref.sha256(),
                        site.id().value(), site.area().name(), kind);
                photos.claim(connection, claim);
                Optional<VisitPhotos.Blob> held = photos.blob(connection, ref.sha256());
                if (held.isPresent()) {
                    // The photo came first (another visit's, or sent ahead): this visit has received it too.
                    recordReceipt(connection, actor, claim, held.get().size(), held.get().contentType());
                }
            }
        }
        for (String visitId : affected) {
            reflag(connection, actor, visitId);
        }
    }

    /**
     * Called in the transaction that records a finished upload, after its bytes are in the blob store. A photo sent
     * again is recorded once.
     */
    public void received(Connection connection, Actor actor, String sha256, long size, PhotoFormat format,
                         ExifFacts exif) throws SQLException {
        VisitPhotos.Blob blob = new VisitPhotos.Blob(sha256, size, format.mediaType(), exif.present(), exif.takenAt(),
                exif.location());
        if (!photos.storeBlob(connection, blob, actor.userId(), Instant.now(clock))) {
            return;
        }
        Set<String> affected = new LinkedHashSet<>();
        for (VisitPhotos.Claim claim : photos.ofPhoto(connection, sha256)) {
            recordReceipt(connection, actor, claim, size, format.mediaType());
            affected.add(claim.visitId());
        }
        for (String visitId : affected) {
            reflag(connection, actor, visitId);
        }
    }

    /** Whether any visit the caller may see claims this photo; empty when no visit claims it at all. */
    public Optional<Boolean> visibleTo(Connection connection, org.fieldledger.server.auth.Caller caller,
                                       String sha256) throws SQLException {
        List<VisitPhotos.Claim> claims = photos.ofPhoto(connection, sha256);
        if (claims.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(claims.stream().anyMatch(claim -> caller.canSee(claim.area())));
    }

    /** The stored photo's content type, when the server holds it. */
    public Optional<String> contentType(Connection connection, String sha256) throws SQLException {
        return photos.blob(connection, sha256).map(VisitPhotos.Blob::contentType);
    }

    /** How many of the visit's photos have not arrived. */
    public int missingPhotos(Connection connection, VisitId visit) throws SQLException {
        int missing = 0;
        for (VisitPhotos.Claim claim : photos.ofVisit(connection, visit.value())) {
            if (photos.blob(connection, claim.sha256()).isEmpty()) {
                missing++;
            }
        }
        return missing;
    }

    public VisitEvidence evidence(Connection connection, VisitId visitId) throws SQLException {
        Visit visit = visits.find(connection, visitId).orElseThrow().state().visit();
        Site site = sites.find(connection, visit.site()).orElse(null);
        List<PhotoStatus> statuses = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        int missing = 0;
        for (VisitPhotos.Claim claim : photos.ofVisit(connection, visitId.value())) {
            Optional<VisitPhotos.Blob> blob = photos.blob(connection, claim.sha256());
            List<Finding> found = check(connection, claim, blob.orElse(null), visit, site);
            findings.addAll(found);
            List<EvidenceFlag> codes = found.stream().map(Finding::code).toList();
            if (blob.isEmpty()) {
                missing++;
                statuses.add(new PhotoStatus(claim.questionId(), claim.sha256(), claim.kind(), "MISSING", null, null,
                        null, null, codes));
            } else {
                VisitPhotos.Blob held = blob.get();
                statuses.add(new PhotoStatus(claim.questionId(), claim.sha256(), claim.kind(), "RECEIVED", held.size(),
                        held.contentType(), held.takenAt(), held.location(), codes));
            }
        }
        return new VisitEvidence(missing == 0, missing, statuses, findings);
    }

    public String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("evidence is always writable as JSON", e);
        }
    }

    private void recordReceipt(Connection connection, Actor actor, VisitPhotos.Claim claim, long size,
                               String contentType) throws SQLException {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("visitId", claim.visitId());
        payload.put("questionId", claim.questionId());
        payload.put("sha256", claim.sha256());
        payload.put("size", size);
        payload.put("contentType", contentType);
        ledger.append(connection, actor.record(claim.visitId(), "PHOTO_RECEIVED", claim.area(), write(payload)));
    }

    private void reflag(Connection connection, Actor actor, String visitId) throws SQLException {
        VisitEvidence evidence = evidence(connection, new VisitId(visitId));
        String flags = write(evidence.flags());
        String recorded = photos.recordedFlags(connection, visitId);
        if (flags.equals(recorded) || (recorded == null && evidence.flags().isEmpty())) {
            return;
        }
        photos.recordFlags(connection, visitId, flags);
        String area = visits.find(connection, new VisitId(visitId)).orElseThrow().area();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("visitId", visitId);
        payload.put("flags", evidence.flags());
        ledger.append(connection, actor.record(visitId, "EVIDENCE_FLAGGED", area, write(payload)));
    }

    private List<Finding> check(Connection connection, VisitPhotos.Claim claim, VisitPhotos.Blob blob, Visit visit,
                                Site site) throws SQLException {
        List<Finding> findings = new ArrayList<>();
        Set<String> otherSites = new LinkedHashSet<>();
        for (VisitPhotos.Claim other : photos.ofPhoto(connection, claim.sha256())) {
            if (!other.siteId().equals(claim.siteId())) {
                otherSites.add(other.siteId());
            }
        }
        if (!otherSites.isEmpty()) {
            findings.add(finding(EvidenceFlag.REUSED_ACROSS_SITES, claim, "the same photo is evidence for "
                    + String.join(", ", otherSites)));
        }
        // A signature is drawn on the screen: it has no EXIF, and that is not suspicious.
        if (blob == null || !"PHOTO".equals(claim.kind())) {
            return findings;
        }
        if (!blob.hasExif() || blob.takenAt() == null) {
            findings.add(finding(EvidenceFlag.NO_EXIF, claim, "the photo carries no EXIF capture time"));
        } else {
            Instant from = visit.startedAt().minus(settings.timeTolerance());
            Instant to = (visit.submittedAt() == null ? visit.startedAt() : visit.submittedAt())
                    .plus(settings.timeTolerance());
            if (blob.takenAt().isBefore(from) || blob.takenAt().isAfter(to)) {
                findings.add(finding(EvidenceFlag.EXIF_TIME_MISMATCH, claim, "taken at " + blob.takenAt()
                        + ", outside the visit (" + visit.startedAt() + " to " + visit.submittedAt() + ", ± "
                        + settings.timeTolerance().toMinutes() + " min)"));
            }
        }
        if (blob.hasExif()) {
            GeoPoint where = site != null && site.location() != null ? site.location() : visit.location();
            if (blob.location() == null) {
                findings.add(finding(EvidenceFlag.NO_EXIF_LOCATION, claim, "the photo's EXIF has no GPS position"));
            } else if (where != null && blob.location().distanceMetersTo(where) > settings.distanceToleranceMeters()) {
                findings.add(finding(EvidenceFlag.EXIF_LOCATION_MISMATCH, claim, String.format(java.util.Locale.ROOT,
                        "taken %.0f m from the site (more than %.0f m)", blob.location().distanceMetersTo(where),
                        settings.distanceToleranceMeters())));
            }
        }
        return findings;
    }

    private static Finding finding(EvidenceFlag code, VisitPhotos.Claim claim, String message) {
        return new Finding(code, claim.questionId(), claim.sha256(), message);
    }

    private static List<PhotoRef> refs(AnswerValue value) {
        if (value instanceof AnswerValue.Photos photos) {
            return photos.photos();
        }
        if (value instanceof AnswerValue.Signature signature) {
            return List.of(signature.image());
        }
        return List.of();
    }
}

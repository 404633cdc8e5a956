package org.fieldledger.server.evidence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
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

    /**
     * Called in the transaction that stores a submitted visit, which has no flags recorded yet. Every push of a visit
     * comes through here, so it reads what it needs for all the visit's photos at once and works the flags out from
     * that, rather than asking {@link #evidence} to read the visit back.
     */
    public void afterVisit(Connection connection, Actor actor, Visit visit, Site site) throws SQLException {
        List<VisitPhotos.Claim> claims = claimsOf(visit, site);
        if (claims.isEmpty()) {
            return;
        }
        Set<String> shas = shasOf(claims);
        Map<String, List<VisitPhotos.Claim>> claimsBySha = photos.ofPhotos(connection, shas);
        Map<String, VisitPhotos.Blob> held = photos.blobs(connection, shas);
        Set<String> reusedBy = new LinkedHashSet<>();
        for (VisitPhotos.Claim claim : claims) {
            for (VisitPhotos.Claim other : claimsBySha.getOrDefault(claim.sha256(), List.of())) {
                if (!other.siteId().equals(claim.siteId())) {
                    reusedBy.add(other.visitId());
                }
            }
        }
        photos.claimAll(connection, claims);
        for (VisitPhotos.Claim claim : claims) {
            claimsBySha.computeIfAbsent(claim.sha256(), sha -> new ArrayList<>()).add(claim);
            VisitPhotos.Blob blob = held.get(claim.sha256());
            if (blob != null) {
                // The photo came first (another visit's, or sent ahead): this visit has received it too.
                recordReceipt(connection, actor, claim, blob.size(), blob.contentType());
            }
        }
        List<VisitPhotos.Claim> ordered = new ArrayList<>(claims);
        ordered.sort(VisitPhotos.VISIT_ORDER);
        VisitEvidence evidence = evaluate(visit, site, ordered, held, claimsBySha);
        recordFlags(connection, actor, visit.id().value(), site.area().name(), evidence.flags(), null);
        for (String other : reusedBy) {
            reflag(connection, actor, other);
        }
    }

    /** Reads ahead, for a transaction storing many visits, what {@link #afterVisit} will ask about their photos. */
    public void readAhead(Connection connection, Collection<Visit> visits) throws SQLException {
        Set<String> shas = new LinkedHashSet<>();
        for (Visit visit : visits) {
            for (AnswerValue answer : visit.answers().values()) {
                refs(answer).forEach(ref -> shas.add(ref.sha256()));
            }
        }
        photos.readAhead(connection, shas);
    }

    /** The photos a visit's answers name, one claim per question and photo, in the order of its answers. */
    private static List<VisitPhotos.Claim> claimsOf(Visit visit, Site site) {
        List<VisitPhotos.Claim> claims = new ArrayList<>();
        for (Map.Entry<String, AnswerValue> answer : visit.answers().entrySet()) {
            List<PhotoRef> refs = refs(answer.getValue());
            if (refs.isEmpty()) {
                continue;
            }
            String kind = answer.getValue() instanceof AnswerValue.Signature ? "SIGNATURE" : "PHOTO";
            for (PhotoRef ref : new LinkedHashSet<>(refs)) {
                claims.add(new VisitPhotos.Claim(visit.id().value(), answer.getKey(), ref.sha256(), site.id().value(),
                        site.area().name(), kind));
            }
        }
        return claims;
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
        List<VisitPhotos.Claim> claims = photos.ofVisit(connection, visit.value());
        Map<String, VisitPhotos.Blob> held = photos.blobs(connection, shasOf(claims));
        return (int) claims.stream().filter(claim -> !held.containsKey(claim.sha256())).count();
    }

    public VisitEvidence evidence(Connection connection, VisitId visitId) throws SQLException {
        return evidence(connection, visits.find(connection, visitId).orElseThrow());
    }

    private VisitEvidence evidence(Connection connection, VisitRepository.StoredVisit stored) throws SQLException {
        Visit visit = stored.state().visit();
        Site site = sites.find(connection, visit.site()).orElse(null);
        List<VisitPhotos.Claim> claims = photos.ofVisit(connection, visit.id().value());
        Set<String> shas = shasOf(claims);
        return evaluate(visit, site, claims, photos.blobs(connection, shas), photos.ofPhotos(connection, shas));
    }

    /**
     * The evidence of a visit from its claims (in {@link VisitPhotos#VISIT_ORDER}), the photos held, and every visit's
     * claims on those photos. Reads nothing, so a visit being stored and a visit read back are judged alike.
     */
    private VisitEvidence evaluate(Visit visit, Site site, List<VisitPhotos.Claim> claims,
                                   Map<String, VisitPhotos.Blob> held,
                                   Map<String, List<VisitPhotos.Claim>> claimsBySha) {
        List<PhotoStatus> statuses = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        int missing = 0;
        for (VisitPhotos.Claim claim : claims) {
            VisitPhotos.Blob blob = held.get(claim.sha256());
            List<Finding> found = check(claim, claimsBySha.getOrDefault(claim.sha256(), List.of()), blob, visit, site);
            findings.addAll(found);
            List<EvidenceFlag> codes = found.stream().map(Finding::code).toList();
            if (blob == null) {
                missing++;
                statuses.add(new PhotoStatus(claim.questionId(), claim.sha256(), claim.kind(), "MISSING", null, null,
                        null, null, codes));
            } else {
                statuses.add(new PhotoStatus(claim.questionId(), claim.sha256(), claim.kind(), "RECEIVED", blob.size(),
                        blob.contentType(), blob.takenAt(), blob.location(), codes));
            }
        }
        return new VisitEvidence(missing == 0, missing, statuses, findings);
    }

    private static Set<String> shasOf(List<VisitPhotos.Claim> claims) {
        Set<String> shas = new LinkedHashSet<>();
        claims.forEach(claim -> shas.add(claim.sha256()));
        return shas;
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
        VisitRepository.StoredVisit stored = visits.find(connection, new VisitId(visitId)).orElseThrow();
        recordFlags(connection, actor, visitId, stored.area(), evidence(connection, stored).flags(),
                photos.recordedFlags(connection, visitId));
    }

    /** Records the visit's flags in the ledger when they differ from the ones last recorded ({@code recorded}). */
    private void recordFlags(Connection connection, Actor actor, String visitId, String area, List<Finding> flags,
                             String recorded) throws SQLException {
        if (recorded == null && flags.isEmpty()) {
            return;
        }
        String written = write(flags);
        if (written.equals(recorded)) {
            return;
        }
        photos.recordFlags(connection, visitId, written);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("visitId", visitId);
        payload.put("flags", flags);
        ledger.append(connection, actor.record(visitId, "EVIDENCE_FLAGGED", area, write(payload)));
    }

    /** @param sameSha every visit's claims on the claim's photo, in {@link VisitPhotos#PHOTO_ORDER} */
    private List<Finding> check(VisitPhotos.Claim claim, List<VisitPhotos.Claim> sameSha, VisitPhotos.Blob blob,
                                Visit visit, Site site) {
        List<Finding> findings = new ArrayList<>();
        Set<String> otherSites = new LinkedHashSet<>();
        for (VisitPhotos.Claim other : sameSha) {
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

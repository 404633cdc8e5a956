package org.fieldledger.server.evidence;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fieldledger.model.site.GeoPoint;
import org.fieldledger.server.storage.KnownRows;
import org.fieldledger.server.storage.Sql;

/** Which visits claim which photos, which photos the server holds, and the flags last recorded for each visit. */
@Singleton
class VisitPhotos {
    /** @param kind PHOTO or SIGNATURE: the question type that holds it */
    record Claim(String visitId, String questionId, String sha256, String siteId, String area, String kind) {
    }

    /**
     * The orders claims are judged in, fixed here rather than by SQL: flags are compared with the ones recorded as
     * JSON, and a database collation that sorted differently would make the same flags look new.
     */
    static final Comparator<Claim> VISIT_ORDER = Comparator.comparing(Claim::questionId).thenComparing(Claim::sha256);
    static final Comparator<Claim> PHOTO_ORDER = Comparator.comparing(Claim::visitId).thenComparing(Claim::questionId);

    /** A photo the blob store holds, with what its EXIF says. */
    record Blob(String sha256, long size, String contentType, boolean hasExif, Instant takenAt, GeoPoint location) {
    }

    /**
     * Every write to the visit_photo and blob tables is in this class, which tells these what it wrote: a push stores
     * hundreds of visits a transaction, each asking after the claims on its photos and whether they have arrived.
     */
    private final KnownRows<String, List<Claim>> claimsByPhoto = new KnownRows<>(List.of(), (connection, sha256s) -> {
        Map<String, List<Claim>> claims = new HashMap<>();
        for (Claim claim : Sql.queryIn(connection, CLAIMS + " WHERE sha256 IN (%s)", VisitPhotos::claim, sha256s)) {
            claims.computeIfAbsent(claim.sha256(), sha -> new ArrayList<>()).add(claim);
        }
        claims.replaceAll((sha, list) -> sorted(list, PHOTO_ORDER));
        return claims;
    });
    private final KnownRows<String, Optional<Blob>> blobsByPhoto = new KnownRows<>(Optional.empty(),
            (connection, sha256s) -> {
                Map<String, Optional<Blob>> blobs = new HashMap<>();
                for (Blob blob : Sql.queryIn(connection, BLOBS + " WHERE sha256 IN (%s)", VisitPhotos::blob, sha256s)) {
                    blobs.put(blob.sha256(), Optional.of(blob));
                }
                return blobs;
            });

    void claimAll(Connection connection, List<Claim> claims) throws SQLException {
        for (Claim claim : claims) {
            Sql.insertLater(connection, "visit_photo", "(visit_id, question_id, sha256, site_id, area, kind)",
                    claim.visitId(), claim.questionId(), claim.sha256(), claim.siteId(), claim.area(), claim.kind());
            claimsByPhoto.update(connection, claim.sha256(), known -> {
                List<Claim> more = new ArrayList<>(known);
                more.add(claim);
                return sorted(more, PHOTO_ORDER);
            });
        }
    }

    /** Reads ahead, in as few queries as it can, the claims on these photos and which of them the server holds. */
    void readAhead(Connection connection, Collection<String> sha256s) throws SQLException {
        claimsByPhoto.get(connection, sha256s);
        blobsByPhoto.get(connection, sha256s);
    }

    /** In {@link #VISIT_ORDER}. */
    List<Claim> ofVisit(Connection connection, String visitId) throws SQLException {
        List<Claim> claims = new ArrayList<>(Sql.query(connection, CLAIMS + " WHERE visit_id = ?", VisitPhotos::claim,
                visitId));
        claims.sort(VISIT_ORDER);
        return claims;
    }

    /** In {@link #PHOTO_ORDER}. */
    List<Claim> ofPhoto(Connection connection, String sha256) throws SQLException {
        return ofPhotos(connection, List.of(sha256)).getOrDefault(sha256, List.of());
    }

    /** Every visit's claims on each of these photos, in {@link #PHOTO_ORDER}; photos nobody claims are left out. */
    Map<String, List<Claim>> ofPhotos(Connection connection, Collection<String> sha256s) throws SQLException {
        Map<String, List<Claim>> claims = new HashMap<>();
        claimsByPhoto.get(connection, sha256s).forEach((sha, known) -> {
            if (!known.isEmpty()) {
                claims.put(sha, new ArrayList<>(known));
            }
        });
        return claims;
    }

    /** The photos of these the server holds, by SHA-256. */
    Map<String, Blob> blobs(Connection connection, Collection<String> sha256s) throws SQLException {
        Map<String, Blob> blobs = new HashMap<>();
        blobsByPhoto.get(connection, sha256s).forEach((sha, blob) -> blob.ifPresent(held -> blobs.put(sha, held)));
        return blobs;
    }

    Optional<Blob> blob(Connection connection, String sha256) throws SQLException {
        return blobsByPhoto.get(connection, sha256);
    }

    /** @return false when the blob was recorded already (the same photo uploaded twice) */
    boolean storeBlob(Connection connection, Blob blob, String storedBy, Instant storedAt) throws SQLException {
        if (blob(connection, blob.sha256()).isPresent()) {
            return false;
        }
        GeoPoint location = blob.location();
        Sql.update(connection, "INSERT INTO blob (sha256, size, content_type, stored_at, stored_by, has_exif,"
                        + " taken_at, latitude, longitude) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", blob.sha256(),
                blob.size(), blob.contentType(), storedAt.toString(), storedBy, blob.hasExif(),
                blob.takenAt() == null ? null : blob.takenAt().toString(),
                location == null ? null : location.latitude(), location == null ? null : location.longitude());
        blobsByPhoto.put(connection, blob.sha256(), Optional.of(blob));
        return true;
    }

    /** The flags last recorded in the ledger for the visit, as JSON, or null before the first. */
    String recordedFlags(Connection connection, String visitId) throws SQLException {
        return Sql.queryOne(connection, "SELECT flags FROM visit_evidence WHERE visit_id = ?", row -> row.getString(1),
                visitId).orElse(null);
    }

    void recordFlags(Connection connection, String visitId, String flags) throws SQLException {
        if (Sql.update(connection, "UPDATE visit_evidence SET flags = ? WHERE visit_id = ?", flags, visitId) == 0) {
            Sql.update(connection, "INSERT INTO visit_evidence (visit_id, flags) VALUES (?, ?)", visitId, flags);
        }
    }

    private static final String BLOBS = "SELECT sha256, size, content_type, has_exif, taken_at, latitude, longitude"
            + " FROM blob";
    private static final String CLAIMS = "SELECT visit_id, question_id, sha256, site_id, area, kind FROM visit_photo";

    private static List<Claim> sorted(List<Claim> claims, Comparator<Claim> order) {
        List<Claim> copy = new ArrayList<>(claims);
        copy.sort(order);
        return List.copyOf(copy);
    }

    private static Claim claim(ResultSet row) throws SQLException {
        return new Claim(row.getString(1), row.getString(2), row.getString(3), row.getString(4), row.getString(5),
                row.getString(6));
    }

    private static Blob blob(ResultSet row) throws SQLException {
        String takenAt = row.getString(5);
        double latitude = row.getDouble(6);
        GeoPoint location = row.wasNull() ? null : GeoPoint.of(latitude, row.getDouble(7));
        return new Blob(row.getString(1), row.getLong(2), row.getString(3), row.getBoolean(4),
                takenAt == null ? null : Instant.parse(takenAt), location);
    }
}

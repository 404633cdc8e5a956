package org.fieldledger.model.site;

/**
 * A WGS-84 position as a phone's GPS reports it.
 *
 * @param accuracyMeters the fix's horizontal accuracy, or null where the source gives none
 */
public record GeoPoint(double latitude, double longitude, Double accuracyMeters) {
    private static final double EARTH_RADIUS_METERS = 6_371_008.8;

    public GeoPoint {
        if (!(latitude >= -90 && latitude <= 90)) {
            throw new IllegalArgumentException("latitude " + latitude + " is outside -90..90");
        }
        if (!(longitude >= -180 && longitude <= 180)) {
            throw new IllegalArgumentException("longitude " + longitude + " is outside -180..180");
        }
        if (accuracyMeters != null && !(accuracyMeters >= 0)) {
            throw new IllegalArgumentException("accuracy " + accuracyMeters + " must be zero or more metres");
        }
    }

    public static GeoPoint of(double latitude, double longitude) {
        return new GeoPoint(latitude, longitude, null);
    }

    /** Great-circle (haversine) distance; at the scale of a town the error is far below GPS noise. */
    public double distanceMetersTo(GeoPoint other) {
        double lat1 = Math.toRadians(latitude);
        double lat2 = Math.toRadians(other.latitude);
        double dLat = lat2 - lat1;
        double dLon = Math.toRadians(other.longitude - longitude);
        double h = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + Math.cos(lat1) * Math.cos(lat2) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(h)));
    }
}

package org.fieldledger.server.site;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.fieldledger.model.catalog.Area;
import org.fieldledger.model.catalog.ProjectId;
import org.fieldledger.model.site.GeoPoint;
import org.fieldledger.model.site.Site;
import org.fieldledger.model.site.SiteId;
import org.fieldledger.server.error.ApiException;

/**
 * A site as a client sends it to create or replace one. Fields are read as plain JSON values and turned into the
 * shared model's types by {@link #toSite}, so every refusal names its field.
 *
 * @param id optional on create: a device that creates a site offline mints its own (a UUID)
 */
record SiteRequest(String id, String name, String kind, String area, String address, Location location,
                   List<String> projects) {
    /** What templates call {@code siteKind}: HOUSEHOLD, CANTEEN, PARK. */
    static final Pattern KIND = Pattern.compile("[A-Z][A-Z0-9_]{0,39}");

    SiteRequest {
        required(name, "name");
        required(kind, "kind");
        required(area, "area");
        projects = projects == null ? List.of() : projects;
        for (int i = 0; i < projects.size(); i++) {
            required(projects.get(i), "projects[" + i + "]");
        }
    }

    record Location(Double latitude, Double longitude, Double accuracyMeters) {
        Location {
            required(latitude, "location.latitude");
            required(longitude, "location.longitude");
        }
    }

    /**
     * The site this request describes.
     *
     * @throws ApiException 422 naming the first field whose value is not allowed
     */
    Site toSite(SiteId siteId) {
        checkLength(name, 200, "name");
        if (!KIND.matcher(kind).matches()) {
            throw ApiException.invalidField("kind", "'" + kind + "' must be an upper-case code such as HOUSEHOLD,"
                    + " CANTEEN or PARK (A-Z, 0-9, '_', at most 40)");
        }
        if (address != null) {
            checkLength(address, 500, "address");
        }
        Area siteArea = parse(() -> new Area(area), "area");
        GeoPoint point = location == null ? null : parse(() -> new GeoPoint(location.latitude(),
                location.longitude(), location.accuracyMeters()), "location");
        return parse(() -> new Site(siteId, name, kind, siteArea, address, point, projectIds()), "name");
    }

    private List<ProjectId> projectIds() {
        List<ProjectId> ids = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < projects.size(); i++) {
            String value = projects.get(i);
            String field = "projects[" + i + "]";
            ids.add(parse(() -> new ProjectId(value), field));
            if (!seen.add(value)) {
                throw ApiException.invalidField(field, value + " is listed twice");
            }
        }
        return ids;
    }

    static SiteId siteId(String value, String field) {
        return parse(() -> new SiteId(value), field);
    }

    private static <T> T parse(java.util.function.Supplier<T> parse, String field) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField(field, e.getMessage());
        }
    }

    private static void checkLength(String text, int max, String field) {
        if (text.length() > max) {
            throw ApiException.invalidField(field, "must be at most " + max + " characters");
        }
    }

    private static void required(Object value, String field) {
        if (value == null) {
            throw ApiException.missingField(field);
        }
    }
}

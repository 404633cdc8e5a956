package org.fieldledger.client;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.fieldledger.model.Role;
import org.fieldledger.model.catalog.Area;

/** The user this device is logged in as, as the server described them at login. */
public record User(String id, String username, Role role, List<Area> areas) {
    public User {
        Objects.requireNonNull(id, "user id");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(role, "role");
        areas = Collections.unmodifiableList(new ArrayList<>(areas));
    }

    /** Whether this user may record in an area: supervisors and admins everywhere, others in their own areas. */
    public boolean worksIn(Area area) {
        return role.seesAllAreas() || areas.contains(area);
    }
}

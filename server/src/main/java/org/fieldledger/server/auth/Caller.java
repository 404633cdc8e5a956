package org.fieldledger.server.auth;

import java.security.Principal;
import java.util.Set;
import org.fieldledger.model.ErrorCode;
import org.fieldledger.model.Role;
import org.fieldledger.server.error.ApiException;

/**
 * The authenticated user behind a request: the user the access token names, with the role and areas the database holds
 * for them now (a change by an administrator applies to tokens already issued), and the device the token was issued
 * to. Controllers take it as a parameter ({@link CallerBinder}); services check every object they read or write
 * against it. It is a {@link Principal} so that tools reading the controllers (the OpenAPI generator) know it comes
 * from the token, not from the request's parameters or body.
 *
 * @param deviceId the device the user logged in from, or null for a browser or script session
 */
public record Caller(String userId, String username, Role role, Set<String> areas, String deviceId)
        implements Principal {
    public Caller {
        areas = Set.copyOf(areas);
    }

    @Override
    public String getName() {
        return username;
    }

    /** Whether records of this area are visible to the caller. Records without an area are visible to everyone. */
    public boolean canSee(String area) {
        return area == null || role.seesAllAreas() || areas.contains(area);
    }

    public void requireArea(String area, String what) {
        if (!canSee(area)) {
            throw new ApiException(ErrorCode.FORBIDDEN, what + " belongs to " + area + ", outside your areas");
        }
    }

    public void requireRole(Role... allowed) {
        for (Role role : allowed) {
            if (this.role == role) {
                return;
            }
        }
        throw new ApiException(ErrorCode.FORBIDDEN, "Your role " + role + " may not do this");
    }
}

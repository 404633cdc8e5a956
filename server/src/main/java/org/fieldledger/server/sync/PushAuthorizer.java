package org.fieldledger.server.sync;

import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fieldledger.model.ErrorCode;
import org.fieldledger.model.Role;
import org.fieldledger.model.site.Site;
import org.fieldledger.model.site.SiteId;
import org.fieldledger.model.sync.CompletionSubmission;
import org.fieldledger.model.sync.CompletionUpdate;
import org.fieldledger.model.sync.Mutation;
import org.fieldledger.model.sync.SiteUpdate;
import org.fieldledger.model.sync.VisitSubmission;
import org.fieldledger.server.auth.Caller;
import org.fieldledger.server.error.ApiException;
import org.fieldledger.server.review.CompletionRepository;
import org.fieldledger.server.site.SiteRepository;
import org.fieldledger.server.storage.Database;

/**
 * Checks a whole push against the caller's role and areas before anything in it is applied. A device only ever holds
 * its user's records, so a mutation outside them is a bug or an attack: the push is refused (403) and nothing is
 * written. Records that do not exist are left to the appliers, which reject them one by one.
 */
@Singleton
class PushAuthorizer {
    private final SiteRepository sites;
    private final CompletionRepository completions;
    private final Database database;

    PushAuthorizer(SiteRepository sites, CompletionRepository completions, Database database) {
        this.sites = sites;
        this.completions = completions;
        this.database = database;
    }

    void authorize(Caller caller, List<Mutation> mutations) {
        // Sites created earlier in this batch are not stored yet; their area is the one they are created in.
        Map<SiteId, String> createdHere = new HashMap<>();
        // A batch names the same few sites again and again: each stored site's area is read once per push.
        Map<SiteId, Optional<String>> storedAreas = new HashMap<>();
        for (Mutation mutation : mutations) {
            if (!mutation.isReadable()) {
                continue;
            }
            String what = "Mutation " + mutation.seq() + " (" + mutation.type() + ")";
            switch (mutation.type()) {
                case SUBMIT_VISIT:
                    requireRole(caller, what, Role.INSPECTOR, Role.TOWN_OFFICE, Role.SUPERVISOR);
                    requireSiteArea(caller, what, mutation.payload(VisitSubmission.class).siteId(), createdHere,
                            storedAreas);
                    break;
                case CREATE_SITE:
                    requireRole(caller, what, Role.INSPECTOR, Role.TOWN_OFFICE, Role.ADMIN);
                    Site site = mutation.payload(Site.class);
                    caller.requireArea(site.area().name(), what + ": site " + site.id());
                    createdHere.put(site.id(), site.area().name());
                    break;
                case UPDATE_SITE:
                    requireRole(caller, what, Role.INSPECTOR, Role.TOWN_OFFICE, Role.ADMIN);
                    requireSiteArea(caller, what, mutation.payload(SiteUpdate.class).siteId(), createdHere,
                            storedAreas);
                    break;
                case SUBMIT_COMPLETION:
                    requireRole(caller, what, Role.TOWN_OFFICE, Role.ADMIN);
                    requireSiteArea(caller, what, mutation.payload(CompletionSubmission.class).siteId(), createdHere,
                            storedAreas);
                    break;
                case UPDATE_COMPLETION:
                    requireRole(caller, what, Role.TOWN_OFFICE, Role.ADMIN);
                    var id = mutation.payload(CompletionUpdate.class).completionId();
                    database.read(connection -> completions.find(connection, id)).ifPresent(stored ->
                            caller.requireArea(stored.area(), what + ": completion " + id));
                    break;
                default:
                    break;
            }
        }
    }

    private void requireSiteArea(Caller caller, String what, SiteId siteId, Map<SiteId, String> createdHere,
                                 Map<SiteId, Optional<String>> storedAreas) {
        Optional<String> area = Optional.ofNullable(createdHere.get(siteId)).or(() -> storedAreas.computeIfAbsent(
                siteId, id -> database.read(connection -> sites.find(connection, id)).map(site -> site.area().name())));
        area.ifPresent(name -> caller.requireArea(name, what + ": site " + siteId));
    }

    private static void requireRole(Caller caller, String what, Role... allowed) {
        for (Role role : allowed) {
            if (caller.role() == role) {
                return;
            }
        }
        throw new ApiException(ErrorCode.FORBIDDEN, what + " is not allowed for role " + caller.role());
    }
}

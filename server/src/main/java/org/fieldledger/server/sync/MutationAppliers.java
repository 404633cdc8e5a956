package org.fieldledger.server.sync;

import org.fieldledger.model.sync.RejectionCode;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.fieldledger.model.site.Site;
import org.fieldledger.model.sync.CompletionSubmission;
import org.fieldledger.model.sync.CompletionUpdate;
import org.fieldledger.model.sync.Mutation;
import org.fieldledger.model.sync.MutationType;
import org.fieldledger.model.sync.SiteUpdate;
import org.fieldledger.model.sync.VisitSubmission;
import org.fieldledger.server.auth.Caller;
import org.fieldledger.server.review.CompletionService;
import org.fieldledger.server.site.SiteMutations;
import org.fieldledger.server.visit.VisitRecorder;

/** Sends each mutation to the service that owns its record. */
@Singleton
class MutationAppliers {
    private final VisitRecorder visits;
    private final SiteMutations sites;
    private final CompletionService completions;

    MutationAppliers(VisitRecorder visits, SiteMutations sites, CompletionService completions) {
        this.visits = visits;
        this.sites = sites;
        this.completions = completions;
    }

    /**
     * What can be decided about a mutation before the writer is taken: for a visit, its {@link VisitRecorder#check};
     * null for other mutations.
     */
    VisitRecorder.Checked checkVisit(Caller caller, String deviceId, Mutation mutation, Instant receivedAt) {
        return mutation.isReadable() && mutation.type() == MutationType.SUBMIT_VISIT
                ? visits.check(mutation.payload(VisitSubmission.class), caller, deviceId, receivedAt) : null;
    }

    /** Reads ahead, for a transaction applying all of these, what their appliers will look up one at a time. */
    void readAhead(Connection connection, List<VisitRecorder.Checked> checkedVisits) throws SQLException {
        visits.readAhead(connection, checkedVisits);
    }

    /**
     * @param payloadSha256 the hash of the payload alone, by which a record sent again in a new mutation is recognised
     * @param checkedVisit {@link #checkVisit} of this mutation in this context
     * @return the ledger position of the change; throws {@link Rejection} when refused
     */
    long apply(Connection connection, MutationContext context, Mutation mutation, String payloadSha256,
               VisitRecorder.Checked checkedVisit) throws SQLException {
        switch (mutation.type()) {
            case SUBMIT_VISIT:
                return visits.apply(connection, context, checkedVisit, payloadSha256);
            case CREATE_SITE:
                return sites.create(connection, context, mutation.payload(Site.class));
            case UPDATE_SITE:
                return sites.update(connection, context, mutation.payload(SiteUpdate.class));
            case SUBMIT_COMPLETION:
                return completions.submit(connection, context, mutation.payload(CompletionSubmission.class),
                        payloadSha256);
            case UPDATE_COMPLETION:
                return completions.update(connection, context, mutation.payload(CompletionUpdate.class));
            default:
                throw new Rejection(RejectionCode.UNSUPPORTED_MUTATION, "Mutation type " + mutation.type() + " is not supported");
        }
    }
}

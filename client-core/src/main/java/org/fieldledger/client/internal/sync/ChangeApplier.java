package org.fieldledger.client.internal.sync;

import org.fieldledger.client.internal.store.ReviewStore;
import org.fieldledger.client.internal.store.SiteStore;
import org.fieldledger.client.internal.store.TemplateStore;
import org.fieldledger.client.internal.store.VisitStore;
import org.fieldledger.model.sync.Change;

/**
 * Applies pulled changes to the local stores. Each store keeps a record's state at its highest ledger position, so
 * applying a page twice, or an older state after a newer one, changes nothing.
 */
final class ChangeApplier {
    private final TemplateStore templates;
    private final SiteStore sites;
    private final VisitStore visits;
    private final ReviewStore reviews;

    ChangeApplier(TemplateStore templates, SiteStore sites, VisitStore visits, ReviewStore reviews) {
        this.templates = templates;
        this.sites = sites;
        this.visits = visits;
        this.reviews = reviews;
    }

    void apply(Change change) {
        switch (change.kind()) {
            case TEMPLATE:
                templates.apply(change);
                break;
            case SITE:
                sites.apply(change);
                break;
            case VISIT:
                visits.apply(change);
                break;
            case COMPLETION:
                reviews.applyCompletion(change);
                break;
            case ASSIGNMENT:
                reviews.applyAssignment(change);
                break;
            case CORRECTIVE_ACTION:
            default:
                reviews.applyCorrectiveAction(change);
                break;
        }
    }
}

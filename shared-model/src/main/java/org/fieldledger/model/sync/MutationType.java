package org.fieldledger.model.sync;

import org.fieldledger.model.site.Site;

/** What a device mutation does, and the payload type each kind carries. */
public enum MutationType {
    /** A finished inspection; payload {@link VisitSubmission}. */
    SUBMIT_VISIT(VisitSubmission.class),
    /** A site found in the field; payload {@link Site} (without field clocks). */
    CREATE_SITE(Site.class),
    /** Field edits of a shared site, merged field by field; payload {@link SiteUpdate}. */
    UPDATE_SITE(SiteUpdate.class),
    /** A town office's completion claim; payload {@link CompletionSubmission}. */
    SUBMIT_COMPLETION(CompletionSubmission.class),
    /** Field edits of a completion claim; payload {@link CompletionUpdate}. */
    UPDATE_COMPLETION(CompletionUpdate.class);

    private final Class<?> payloadType;

    MutationType(Class<?> payloadType) {
        this.payloadType = payloadType;
    }

    public Class<?> payloadType() {
        return payloadType;
    }
}

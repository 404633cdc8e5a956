package org.fieldledger.model.visit;

/** A visit is edited as a DRAFT on the device; once SUBMITTED it never changes (corrections are new revisions). */
public enum VisitStatus {
    DRAFT,
    SUBMITTED
}

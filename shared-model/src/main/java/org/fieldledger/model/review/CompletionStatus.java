package org.fieldledger.model.review;

/** Where a completion claim stands. VERIFIED is final: the claim is locked and counts towards its target. */
public enum CompletionStatus {
    SUBMITTED,
    VERIFIED,
    REJECTED;

    public boolean isLocked() {
        return this == VERIFIED;
    }
}

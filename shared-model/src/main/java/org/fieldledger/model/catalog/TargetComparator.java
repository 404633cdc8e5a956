package org.fieldledger.model.catalog;

/** How a target's value bounds the result: "1100人以上" is AT_LEAST, a rate kept "以下" is AT_MOST. */
public enum TargetComparator {
    AT_LEAST,
    EXACTLY,
    AT_MOST;

    /** Whether an achieved amount meets a target of this kind. */
    public boolean isMet(java.math.BigDecimal achieved, java.math.BigDecimal target) {
        int order = achieved.compareTo(target);
        switch (this) {
            case AT_MOST:
                return order <= 0;
            case EXACTLY:
            case AT_LEAST:
            default:
                // A project that delivers more than an exact target has still met it.
                return order >= 0;
        }
    }
}

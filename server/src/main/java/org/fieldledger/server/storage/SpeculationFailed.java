package org.fieldledger.server.storage;

/**
 * A write that went on beside the one before it, not yet committed, cannot keep what it did: the one before did not
 * commit, or changed what this one had read, or another server moved the ledger meanwhile, or the database refused a
 * statement of it before its commit (which the one before may have caused). Nothing of it is committed;
 * {@link Database} does it again from the start, this time after the one before has ended.
 */
public final class SpeculationFailed extends RuntimeException {
    public SpeculationFailed(String reason) {
        super(reason, null, false, false);
    }

    SpeculationFailed(String reason, Throwable cause) {
        super(reason, cause, false, false);
    }
}

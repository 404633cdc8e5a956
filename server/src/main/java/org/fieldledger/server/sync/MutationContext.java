package org.fieldledger.server.sync;

import java.time.Instant;
import org.fieldledger.model.sync.Hlc;
import org.fieldledger.server.auth.Caller;
import org.fieldledger.server.ledger.LedgerRecord;

/**
 * Who sent a mutation and when: what every applier needs besides the payload.
 *
 * @param clock the mutation's hybrid logical clock, clamped so a device clock running ahead cannot win every merge
 * @param receivedAt the server's time of receipt
 */
public record MutationContext(Caller caller, String deviceId, String mutationId, Hlc clock, Instant receivedAt) {
    /** A ledger record of a change this mutation made. */
    public LedgerRecord record(String entityType, String entityId, String action, String area, String payload) {
        return new LedgerRecord(entityType, entityId, action, area, caller.userId(), deviceId, mutationId, payload);
    }
}

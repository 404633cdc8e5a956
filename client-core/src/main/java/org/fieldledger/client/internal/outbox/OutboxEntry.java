package org.fieldledger.client.internal.outbox;

import org.fieldledger.model.sync.Hlc;
import org.fieldledger.model.sync.Mutation;
import org.fieldledger.model.sync.MutationType;
import org.fieldledger.model.sync.WireJson;

/**
 * A mutation waiting in the outbox, its payload kept as the JSON that will be sent.
 *
 * @param recordId the visit, site or completion it changes
 * @param lastError why the last attempt did not get it processed (network, deferral), or null
 */
public record OutboxEntry(String mutationId, long seq, MutationType type, String recordId, String payload, Hlc hlc,
                          int attempts, String lastError) {
    public Mutation toMutation() {
        return new Mutation(mutationId, seq, type, hlc, WireJson.readPayload(type, payload));
    }
}

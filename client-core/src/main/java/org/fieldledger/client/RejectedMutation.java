package org.fieldledger.client;

import java.util.Objects;
import org.fieldledger.model.sync.MutationType;

/**
 * A change the server refused, kept on the device so the user sees it: nothing a user recorded disappears silently.
 *
 * @param recordId the visit, site or completion it concerned
 */
public record RejectedMutation(String mutationId, long seq, MutationType type, String recordId, Rejection rejection) {
    public RejectedMutation {
        Objects.requireNonNull(mutationId, "mutation id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(recordId, "record id");
        Objects.requireNonNull(rejection, "rejection");
    }
}

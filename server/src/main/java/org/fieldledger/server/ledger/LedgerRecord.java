package org.fieldledger.server.ledger;

import java.util.Objects;

/**
 * What a service asks the ledger to record: which record changed, how, who did it, and its state afterwards.
 *
 * @param entityType what kind of record: one of the sync feed's kinds (VISIT, SITE…) or PLAN
 * @param action what happened to it: SUBMITTED, VERIFIED, REJECTED, OPENED, CLOSED, PUBLISHED…
 * @param area the town or street whose users may see it; null for everyone
 * @param actor the user id, or {@code system} for what the server does by itself (loading the catalog)
 * @param deviceId,mutationId where the change came from, when it came from a device
 */
public record LedgerRecord(String entityType, String entityId, String action, String area, String actor,
                           String deviceId, String mutationId, String payload) {
    public static final String SYSTEM = "system";

    public LedgerRecord {
        Objects.requireNonNull(entityType, "entity type");
        Objects.requireNonNull(entityId, "entity id");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(payload, "payload");
    }
}

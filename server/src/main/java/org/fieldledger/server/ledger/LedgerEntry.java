package org.fieldledger.server.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.fieldledger.server.storage.Hashes;
import java.util.HexFormat;

/**
 * One ledger entry as stored.
 *
 * @param area the town or street whose users may see it; null for entries everyone may see
 * @param payload the record's full state after the change, as JSON
 */
public record LedgerEntry(long position, String entityType, String entityId, String action, String area,
                          String actor, String deviceId, String mutationId, String recordedAt, String payload,
                          String previousHash, String entryHash) {
    public static final String GENESIS_HASH = "0".repeat(64);

    /**
     * SHA-256 over the previous hash and every field, each written as its length, a colon and its UTF-8 text, so no
     * choice of field contents can make two different entries hash the same way.
     */
    public static String hash(String previousHash, long position, String entityType, String entityId, String action,
                              String area, String actor, String deviceId, String mutationId, String recordedAt,
                              String payload) {
        MessageDigest digest = Hashes.digest();
        for (String field : new String[] {previousHash, Long.toString(position), entityType, entityId, action, area,
            actor, deviceId, mutationId, recordedAt, payload}) {
            byte[] bytes = field == null ? new byte[0] : field.getBytes(StandardCharsets.UTF_8);
            digest.update(((field == null ? "-" : Integer.toString(bytes.length)) + ":").getBytes(StandardCharsets.UTF_8));
            digest.update(bytes);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The hash this entry's fields call for; equal to {@link #entryHash()} unless the row was tampered with. */
    public String recomputedHash() {
        return hash(previousHash, position, entityType, entityId, action, area, actor, deviceId, mutationId, recordedAt,
                payload);
    }

}

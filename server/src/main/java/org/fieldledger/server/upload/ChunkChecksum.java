package org.fieldledger.server.upload;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import org.fieldledger.model.ErrorCode;
import org.fieldledger.server.error.ApiException;

/**
 * A PATCH's {@code Upload-Checksum: <algorithm> <base64 digest>} (tus checksum extension): the digest of this chunk's
 * bytes, so a chunk damaged on the way is refused instead of becoming part of the photo.
 */
record ChunkChecksum(String algorithm, byte[] expected) {
    /** tus algorithm names (as in the IANA hash function registry) to JDK digest names. */
    static final Map<String, String> ALGORITHMS = Map.of("sha256", "SHA-256", "sha1", "SHA-1");

    /** The header's checksum, or null without the header; 400 for an algorithm we do not support or bad base64. */
    static ChunkChecksum parse(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String[] parts = header.trim().split(" +");
        String algorithm = parts[0].toLowerCase(Locale.ROOT);
        if (!ALGORITHMS.containsKey(algorithm)) {
            throw new ApiException(ErrorCode.MALFORMED_REQUEST, "Upload-Checksum algorithm '" + parts[0]
                    + "' is not supported; use one of Tus-Checksum-Algorithm: " + TusController.CHECKSUM_ALGORITHMS);
        }
        try {
            if (parts.length != 2) {
                throw new IllegalArgumentException("expected '<algorithm> <base64>'");
            }
            return new ChunkChecksum(algorithm, Base64.getDecoder().decode(parts[1]));
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.MALFORMED_REQUEST, "Upload-Checksum is not '<algorithm> <base64>': "
                    + e.getMessage());
        }
    }

    MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(ALGORITHMS.get(algorithm));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has " + algorithm, e);
        }
    }

    boolean matches(MessageDigest digest) {
        return MessageDigest.isEqual(expected, digest.digest());
    }
}

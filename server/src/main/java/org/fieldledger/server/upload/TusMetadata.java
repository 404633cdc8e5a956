package org.fieldledger.server.upload;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fieldledger.model.ErrorCode;
import org.fieldledger.server.error.ApiException;

/**
 * {@code Upload-Metadata}: comma-separated pairs of a key and its Base64-encoded value (tus 1.0, creation extension).
 * We read {@code sha256} (required: the photo's name and the check of the finished file) and {@code filename}.
 */
final class TusMetadata {
    private TusMetadata() {
    }

    static Map<String, String> parse(String header) {
        Map<String, String> values = new LinkedHashMap<>();
        if (header == null || header.isBlank()) {
            return values;
        }
        for (String pair : header.split(",")) {
            String[] parts = pair.trim().split(" +");
            if (parts[0].isEmpty() || parts.length > 2) {
                throw new ApiException(ErrorCode.MALFORMED_REQUEST, "Upload-Metadata must be 'key base64,key base64',"
                        + " not '" + pair.trim() + "'");
            }
            try {
                values.put(parts[0], parts.length == 1 ? ""
                        : new String(Base64.getDecoder().decode(parts[1]), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new ApiException(ErrorCode.MALFORMED_REQUEST, "Upload-Metadata '" + parts[0]
                        + "' is not Base64");
            }
        }
        return values;
    }
}

package org.fieldledger.model.visit;

import java.util.Locale;
import java.util.regex.Pattern;
import org.fieldledger.model.internal.Checks;

/**
 * A photo as evidence: named by the SHA-256 of its bytes, so the same photo is one blob however often it is sent,
 * and a visit's claim about its photo can be checked against what arrives.
 */
public record PhotoRef(String sha256) {
    private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-f]{64}");

    public PhotoRef {
        Checks.nonBlank(sha256, "photo sha256");
        // Checked by hand first: every visit names its photos, and the pattern took a tenth of reading one.
        if (!isLowerHex64(sha256)) {
            sha256 = sha256.toLowerCase(Locale.ROOT);
            Checks.matches(sha256, HEX_SHA256, "photo sha256");
        }
    }

    private static boolean isLowerHex64(String text) {
        if (text.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = text.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                return false;
            }
        }
        return true;
    }
}

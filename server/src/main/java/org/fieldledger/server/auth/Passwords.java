package org.fieldledger.server.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.fieldledger.server.error.ApiException;

/**
 * Password rules and hashing. bcrypt at cost 12 takes about a quarter of a second per hash on one core: slow enough
 * to make guessing a stolen hash expensive, fast enough for a login.
 */
@Singleton
public final class Passwords {
    public static final int MIN_CHARACTERS = 10;
    /** bcrypt reads only the first 72 bytes; a longer password would silently match every password it starts. */
    public static final int MAX_BYTES = 72;
    private static final int COST = 12;

    /** Checked against when the username is unknown, so a wrong username costs as much time as a wrong password. */
    private final String decoy;

    Passwords() {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        decoy = hashUnchecked(Base64.getEncoder().encodeToString(random));
    }

    /**
     * Why {@code password} is not acceptable, or null when it is.
     */
    public static String problem(String password) {
        if (password.codePointCount(0, password.length()) < MIN_CHARACTERS) {
            return "must be at least " + MIN_CHARACTERS + " characters long";
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return "must be at most " + MAX_BYTES + " bytes long in UTF-8 (bcrypt ignores the rest)";
        }
        return null;
    }

    /**
     * Hashes a new password for the request body field {@code field}.
     *
     * @throws ApiException 422 naming the field, when the password breaks a rule
     */
    public String hash(String password, String field) {
        String problem = problem(password);
        if (problem != null) {
            throw ApiException.invalidField(field, "the password " + problem);
        }
        return hashUnchecked(password);
    }

    boolean matches(String password, String hash) {
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            BCrypt.verifyer().verify(new char[0], decoy);
            return false;
        }
        return BCrypt.verifyer().verify(password.toCharArray(), hash).verified;
    }

    /** Spends the time of a real check, for a login whose username does not exist. */
    void spendCheckTime() {
        BCrypt.verifyer().verify(new char[0], decoy);
    }

    private static String hashUnchecked(String password) {
        return BCrypt.withDefaults().hashToString(COST, password.toCharArray());
    }
}

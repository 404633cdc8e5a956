package org.fieldledger.server.auth;

/**
 * Why a token was refused: the {@code code} of the one detail of a 401, so a client can tell "refresh and retry"
 * ({@link #EXPIRED}) from "log in again" (the rest). Names are stable; docs/auth.md lists them.
 */
public enum TokenProblem {
    MISSING,
    MALFORMED,
    UNSUPPORTED_ALGORITHM,
    UNKNOWN_KEY,
    BAD_SIGNATURE,
    WRONG_ISSUER,
    WRONG_AUDIENCE,
    EXPIRED,
    NOT_YET_VALID,
    USER_UNKNOWN,
    USER_DISABLED,
    /** A refresh token the server never issued. */
    UNKNOWN_TOKEN,
    /** A refresh token already exchanged once: the whole session is revoked. */
    REUSED,
    /** The session the refresh token belongs to was ended (reuse, disabled user, new password). */
    REVOKED,
    BAD_CREDENTIALS
}

package org.fieldledger.client.internal.auth;

/** The access token was refused and the refresh token is no longer accepted: only a new login helps. */
public final class SessionExpiredException extends Exception {
    private static final long serialVersionUID = 1L;

    public SessionExpiredException(String message) {
        super(message);
    }
}

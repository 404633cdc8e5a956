package org.fieldledger.client;

/**
 * The server refused a login (wrong password, unknown user, device registered to someone else), or this device's data
 * belongs to another user. {@link #code()} is the server's stable error code ({@code UNAUTHENTICATED}, {@code FORBIDDEN},
 * …), or {@code DEVICE_OWNED_BY_ANOTHER_USER} for the local refusal.
 */
public final class LoginFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String code;

    public LoginFailedException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}

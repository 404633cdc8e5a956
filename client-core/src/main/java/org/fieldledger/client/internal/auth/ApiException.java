package org.fieldledger.client.internal.auth;

/**
 * The server answered with an error status. {@code code} is its stable error code ({@code FORBIDDEN},
 * {@code PAYLOAD_TOO_LARGE}, …) when the body was the protocol's error JSON, else {@code HTTP_<status>}.
 */
public final class ApiException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    public ApiException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** 5xx and 429: the server is failing or busy, not refusing; try again later. */
    public boolean isTransient() {
        return status >= 500 || status == 429;
    }
}

package org.fieldledger.server.error;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import java.util.List;
import org.fieldledger.model.ErrorCode;

/** Thrown by services to answer a request with an error; rendered by {@link ApiExceptionHandler}. */
public class ApiException extends RuntimeException {
    /**
     * The challenge of a 401 (RFC 7235 §3.1 requires one). Bearer tokens are our only scheme (RFC 6750 §3); the
     * realm names what the token is for.
     */
    public static final String BEARER_CHALLENGE = "Bearer realm=\"fieldledger\"";

    private final ErrorCode code;
    private final List<ApiError.Detail> details;

    public ApiException(ErrorCode code, String message) {
        this(code, message, List.of());
    }

    public ApiException(ErrorCode code, String message, List<ApiError.Detail> details) {
        super(message);
        this.code = code;
        this.details = List.copyOf(details);
    }

    public static ApiException notFound(String what) {
        return new ApiException(ErrorCode.NOT_FOUND, what + " does not exist or is not visible to you");
    }

    /** A 422 about one field of a request body. */
    public static ApiException invalidField(String field, String message) {
        return new ApiException(ErrorCode.VALIDATION_FAILED, "Field '" + field + "': " + message,
                List.of(new ApiError.Detail(field, null, message)));
    }

    /** A 400 for a required field of a request body that is absent or null. */
    public static ApiException missingField(String field) {
        return new ApiException(ErrorCode.MALFORMED_REQUEST, "Field '" + field + "' is required",
                List.of(new ApiError.Detail(field, null, "is required")));
    }

    public ErrorCode code() {
        return code;
    }

    public List<ApiError.Detail> details() {
        return details;
    }

    public ApiError toBody() {
        return new ApiError(code.name(), getMessage(), details);
    }

    /** The response for this error, for code that answers without going through an exception handler (filters). */
    public MutableHttpResponse<ApiError> toResponse() {
        // By number: some codes (tus's 460 Checksum Mismatch) are not in HttpStatus.
        MutableHttpResponse<ApiError> response = HttpResponse.<ApiError>status(code.httpStatus(), reason())
                .body(toBody());
        String challenge = challenge();
        if (challenge != null) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, challenge);
        }
        return response;
    }

    private String reason() {
        try {
            return HttpStatus.valueOf(code.httpStatus()).getReason();
        } catch (IllegalArgumentException e) {
            return code == ErrorCode.CHECKSUM_MISMATCH ? "Checksum Mismatch" : code.name();
        }
    }

    /** The {@code WWW-Authenticate} value to send with this error, or null for none. */
    protected String challenge() {
        return code == ErrorCode.UNAUTHENTICATED ? BEARER_CHALLENGE : null;
    }
}

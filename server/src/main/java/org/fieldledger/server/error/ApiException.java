package org.fieldledger.server.error;

import java.util.List;
import org.fieldledger.model.ErrorCode;

/** Thrown by services to answer a request with an error; rendered by {@link ApiErrorResponseProcessor}. */
public class ApiException extends RuntimeException {
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

    public ErrorCode code() {
        return code;
    }

    public ApiError toBody() {
        return new ApiError(code.name(), getMessage(), details);
    }
}

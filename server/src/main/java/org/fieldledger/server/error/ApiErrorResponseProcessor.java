package org.fieldledger.server.error;

import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.fieldledger.model.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders every error the framework raises itself (unknown route, wrong method, malformed JSON, a parameter of the
 * wrong type, an oversized body, an exception nobody handled) in the same {@link ApiError} shape as our own, so a
 * client needs one error parser. A failure of the server never reaches the client as a stack trace or exception
 * text: it is logged with an incident id, and only the id is returned.
 */
@Singleton
final class ApiErrorResponseProcessor implements ErrorResponseProcessor<ApiError> {
    private static final Logger LOG = LoggerFactory.getLogger(ApiErrorResponseProcessor.class);

    @Override
    public MutableHttpResponse<ApiError> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        ErrorCode code = codeFor(response.code());
        ApiError body;
        if (code == ErrorCode.INTERNAL_ERROR) {
            String incident = UUID.randomUUID().toString();
            LOG.error("Incident {} on {} {}", incident, context.getRequest().getMethod(), context.getRequest().getPath(),
                    context.getRootCause().orElse(null));
            body = new ApiError(code.name(), "The server failed and changed nothing; incident " + incident, List.of());
        } else {
            body = new ApiError(code.name(), message(context, code), details(context));
        }
        return response.contentType(MediaType.APPLICATION_JSON_TYPE).body(body);
    }

    private static ErrorCode codeFor(int status) {
        switch (status) {
            case 400:
                return ErrorCode.MALFORMED_REQUEST;
            case 401:
                return ErrorCode.UNAUTHENTICATED;
            case 403:
                return ErrorCode.FORBIDDEN;
            case 404:
                return ErrorCode.NOT_FOUND;
            case 405:
                return ErrorCode.METHOD_NOT_ALLOWED;
            case 409:
                return ErrorCode.CONFLICT;
            case 413:
                return ErrorCode.PAYLOAD_TOO_LARGE;
            case 415:
                return ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            case 422:
                return ErrorCode.VALIDATION_FAILED;
            default:
                return status >= 500 ? ErrorCode.INTERNAL_ERROR : ErrorCode.MALFORMED_REQUEST;
        }
    }

    private static String message(ErrorContext context, ErrorCode code) {
        if (context.getErrors().size() == 1) {
            return context.getErrors().get(0).getMessage();
        }
        if (code == ErrorCode.NOT_FOUND) {
            return "No resource at " + context.getRequest().getPath();
        }
        return code.meaning();
    }

    private static List<ApiError.Detail> details(ErrorContext context) {
        List<ApiError.Detail> details = new ArrayList<>();
        if (context.getErrors().size() > 1) {
            for (Error error : context.getErrors()) {
                details.add(new ApiError.Detail(error.getPath().orElse(null), null, error.getMessage()));
            }
        }
        return details;
    }
}

package org.fieldledger.server.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.bind.exceptions.UnsatisfiedArgumentException;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.server.exceptions.ConversionErrorHandler;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.JsonExceptionHandler;
import io.micronaut.http.server.exceptions.UnsatisfiedArgumentHandler;
import io.micronaut.http.server.exceptions.UnsatisfiedRouteHandler;
import io.micronaut.json.JsonSyntaxException;
import io.micronaut.web.router.exceptions.UnsatisfiedBodyRouteException;
import io.micronaut.web.router.exceptions.UnsatisfiedHeaderRouteException;
import io.micronaut.web.router.exceptions.UnsatisfiedRouteException;
import jakarta.inject.Singleton;
import org.fieldledger.model.ErrorCode;

/**
 * Micronaut's own handlers for request bodies and parameters it cannot bind answer with Jackson's message, Java class
 * names included. These replace them; {@link BodyProblems} says what was wrong in the client's terms.
 */
final class BodyErrorHandlers {
    private BodyErrorHandlers() {
    }

    /** A body that is not JSON at all. */
    @Singleton
    @Replaces(JsonExceptionHandler.class)
    static final class NotJson implements ExceptionHandler<JsonSyntaxException, HttpResponse<ApiError>> {
        @Override
        public HttpResponse<ApiError> handle(HttpRequest request, JsonSyntaxException exception) {
            ApiException problem = exception.getCause() instanceof JsonProcessingException syntax
                    ? BodyProblems.notJson(syntax)
                    : new ApiException(ErrorCode.MALFORMED_REQUEST, "The request body is not valid JSON");
            return problem.toResponse();
        }
    }

    /** JSON that does not fit the request's shape, or a parameter that does not fit its type. */
    @Singleton
    @Replaces(ConversionErrorHandler.class)
    static final class Unconvertible implements ExceptionHandler<ConversionErrorException, HttpResponse<ApiError>> {
        @Override
        public HttpResponse<ApiError> handle(HttpRequest request, ConversionErrorException exception) {
            ApiException problem = BodyProblems.from(exception.getConversionError().getCause());
            if (problem == null) {
                String name = exception.getArgument().getName();
                problem = new ApiException(ErrorCode.INVALID_PARAMETER, "Parameter '" + name + "' has a value that"
                        + " cannot be read as " + exception.getArgument().getType().getSimpleName().toLowerCase());
            }
            return problem.toResponse();
        }
    }

    /** No body, or a JSON null for a body, or a required parameter or header left out. */
    @Singleton
    @Replaces(UnsatisfiedRouteHandler.class)
    static final class Missing implements ExceptionHandler<UnsatisfiedRouteException, HttpResponse<ApiError>> {
        @Override
        public HttpResponse<ApiError> handle(HttpRequest request, UnsatisfiedRouteException exception) {
            return missing(exception, exception.getArgument()).toResponse();
        }
    }

    /** The same, as a binder outside routing reports it. */
    @Singleton
    @Replaces(UnsatisfiedArgumentHandler.class)
    static final class MissingArgument
            implements ExceptionHandler<UnsatisfiedArgumentException, HttpResponse<ApiError>> {
        @Override
        public HttpResponse<ApiError> handle(HttpRequest request, UnsatisfiedArgumentException exception) {
            return missing(exception, exception.getArgument()).toResponse();
        }
    }

    private static ApiException missing(Exception exception, Argument<?> argument) {
        if (exception instanceof UnsatisfiedBodyRouteException || argument.isAnnotationPresent(Body.class)) {
            return new ApiException(ErrorCode.MALFORMED_REQUEST, "The request body is missing: send a JSON object with"
                    + " Content-Type: application/json");
        }
        if (exception instanceof UnsatisfiedHeaderRouteException) {
            return new ApiException(ErrorCode.MALFORMED_REQUEST, "Header '" + argument.getName() + "' is required");
        }
        return new ApiException(ErrorCode.INVALID_PARAMETER, "Parameter '" + argument.getName() + "' is required");
    }
}

package org.fieldledger.server.error;

import java.util.List;

/**
 * The body of every error response: a stable {@code code} from {@link org.fieldledger.model.ErrorCode}, a message a
 * person can act on, and, where several things are wrong at once, one detail per thing.
 */
public record ApiError(String code, String message, List<Detail> details) {
    public ApiError {
        details = details == null ? List.of() : List.copyOf(details);
    }

    /**
     * One problem within a request.
     *
     * @param field what it concerns: a JSON path, a parameter, a question id, or {@code file:line}
     * @param code a stable code for the problem (for answers, a {@link org.fieldledger.model.visit.ProblemCode})
     */
    public record Detail(String field, String code, String message) {
    }
}

package org.fieldledger.server.sync;

import java.util.ArrayList;
import java.util.List;
import org.fieldledger.model.ErrorCode;
import org.fieldledger.server.error.ApiError;
import org.fieldledger.server.error.ApiException;
import org.fieldledger.model.sync.RejectionCode;
import org.fieldledger.model.visit.Problem;

/**
 * A mutation refused for good, with the code and reason the device shows its user (docs/protocol.md, "Rejection
 * codes"). Thrown by the appliers before they write; the push stores the mutation with its reason instead.
 */
public final class Rejection extends RuntimeException {
    private final RejectionCode code;
    private final List<Problem> problems;

    public Rejection(RejectionCode code, String reason) {
        this(code, reason, List.of());
    }

    public Rejection(RejectionCode code, String reason, List<Problem> problems) {
        super(reason, null, false, false);
        this.code = code;
        this.problems = List.copyOf(problems);
    }

    public RejectionCode code() {
        return code;
    }

    public List<Problem> problems() {
        return problems;
    }

    /**
     * The same refusal for a client calling the REST API directly rather than pushing: a conflict with what is stored
     * is 409, anything else the request got wrong is 422, with one detail per problem.
     */
    public ApiException toApiException() {
        List<ApiError.Detail> details = new ArrayList<>();
        for (Problem problem : problems) {
            details.add(new ApiError.Detail(problem.questionId(), problem.code().name(), problem.message()));
        }
        if (details.isEmpty()) {
            details.add(new ApiError.Detail(null, code.name(), getMessage()));
        }
        boolean conflict = code == RejectionCode.VISIT_IMMUTABLE || code == RejectionCode.REVISION_CONFLICT
                || code == RejectionCode.SITE_EXISTS || code == RejectionCode.LOCKED
                || code == RejectionCode.MUTATION_CONFLICT;
        return new ApiException(conflict ? ErrorCode.CONFLICT : ErrorCode.VALIDATION_FAILED, getMessage(), details);
    }
}

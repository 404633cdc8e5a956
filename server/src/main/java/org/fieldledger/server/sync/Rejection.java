package org.fieldledger.server.sync;

import java.util.List;
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
}

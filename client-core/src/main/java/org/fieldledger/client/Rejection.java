package org.fieldledger.client;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.fieldledger.model.visit.Problem;

/**
 * Why the server refused a mutation: a stable {@code code} ({@code VALIDATION_FAILED}, {@code UNKNOWN_SITE},
 * {@code REVISION_CONFLICT}, …; see docs/protocol.md), a sentence for the user and, for answers, each problem.
 *
 * @param rejectedAt when this device learned of it (device clock)
 */
public record Rejection(String code, String reason, List<Problem> problems, Instant rejectedAt) {
    public Rejection {
        Objects.requireNonNull(code, "rejection code");
        problems = problems == null ? Collections.<Problem>emptyList()
                : Collections.unmodifiableList(new ArrayList<>(problems));
        Objects.requireNonNull(rejectedAt, "time rejected");
    }
}

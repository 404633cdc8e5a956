package org.fieldledger.model.sync;

import java.util.List;
import java.util.Objects;
import org.fieldledger.model.internal.Checks;
import org.fieldledger.model.visit.Problem;

/**
 * The server's answer for one pushed mutation. The constructor holds the protocol's shape: a {@code DUPLICATE} says its
 * {@code originalStatus} ({@code APPLIED} or {@code REJECTED}); whatever counts as applied carries its ledger
 * {@code position}; whatever counts as rejected or deferred carries a {@code code}.
 *
 * @param originalStatus for a DUPLICATE, how it was processed the first time; else null
 * @param position the ledger entry of an applied mutation, else null
 * @param code a rejection code ({@code VALIDATION_FAILED}, {@code UNKNOWN_SITE}, …) or {@code SEQUENCE_GAP}
 * @param reason a sentence for the user, or null
 * @param problems for {@code VALIDATION_FAILED}, each answer or field that broke a rule; never null
 */
public record PushResult(String id, long seq, PushStatus status, PushStatus originalStatus, Long position, String code,
                         String reason, List<Problem> problems) {
    public PushResult {
        Mutation.checkId(id);
        if (seq < 1) {
            throw new IllegalArgumentException("result for " + id + " has seq " + seq);
        }
        Objects.requireNonNull(status, "status");
        if ((status == PushStatus.DUPLICATE) != (originalStatus != null)) {
            throw new IllegalArgumentException("a result has an original status exactly when it is a DUPLICATE");
        }
        if (originalStatus != null && originalStatus != PushStatus.APPLIED && originalStatus != PushStatus.REJECTED) {
            throw new IllegalArgumentException("a duplicate was first APPLIED or REJECTED, not " + originalStatus);
        }
        PushStatus effective = originalStatus != null ? originalStatus : status;
        if ((effective == PushStatus.APPLIED) != (position != null)) {
            throw new IllegalArgumentException("a result has a ledger position exactly when it was applied");
        }
        if (position != null && position < 1) {
            throw new IllegalArgumentException("ledger positions start at 1, was " + position);
        }
        code = Checks.optionalText(code);
        if (effective != PushStatus.APPLIED && code == null) {
            throw new IllegalArgumentException("a " + effective + " result must carry a code");
        }
        reason = Checks.optionalText(reason);
        problems = Checks.immutableList(problems, "problems");
    }

    public static PushResult applied(String id, long seq, long position) {
        return new PushResult(id, seq, PushStatus.APPLIED, null, position, null, null, null);
    }

    public static PushResult rejected(String id, long seq, String code, String reason, List<Problem> problems) {
        return new PushResult(id, seq, PushStatus.REJECTED, null, null, code, reason, problems);
    }

    public static PushResult deferred(String id, long seq, String reason) {
        return new PushResult(id, seq, PushStatus.DEFERRED, null, null, RejectionCode.SEQUENCE_GAP.name(), reason,
                null);
    }

    /** The answer to a mutation sent again: the first outcome, reported as a duplicate. */
    public static PushResult duplicateOf(PushResult first) {
        if (first.status != PushStatus.APPLIED && first.status != PushStatus.REJECTED) {
            throw new IllegalArgumentException("only an applied or rejected mutation can be repeated, not " + first.status);
        }
        return new PushResult(first.id, first.seq, PushStatus.DUPLICATE, first.status, first.position, first.code,
                first.reason, first.problems);
    }

    /** The status to act on: a duplicate's original status, else the status. */
    public PushStatus effectiveStatus() {
        return originalStatus != null ? originalStatus : status;
    }
}

package org.fieldledger.model.sync;

import java.util.Objects;
import org.fieldledger.model.review.CorrectiveAction;
import org.fieldledger.model.visit.Assignment;

/**
 * One entry of the pull feed: the full state of a record after the ledger entry at {@code position}. A device upserts
 * by {@code (kind, id)} and keeps the state with the highest position.
 *
 * <p>{@code id} is the record's id; for a TEMPLATE it is the version's reference {@code template-id@version}, because
 * every version is a record of its own (visits recorded against version 1 still need version 1 after version 2 is
 * published). The constructor checks that {@code data} is of the kind's type and that {@code id} names it.
 */
public record Change(long position, ChangeKind kind, String id, Object data) {
    public Change {
        if (position < 1) {
            throw new IllegalArgumentException("ledger positions start at 1, was " + position);
        }
        Objects.requireNonNull(kind, "change kind");
        Objects.requireNonNull(data, "change data");
        if (!kind.dataType().isInstance(data)) {
            throw new IllegalArgumentException("a " + kind + " change carries a " + kind.dataType().getSimpleName()
                    + ", not a " + data.getClass().getSimpleName());
        }
        String expected = idOf(data);
        if (!expected.equals(id)) {
            throw new IllegalArgumentException("a " + kind + " change of record " + expected + " cannot have id " + id);
        }
    }

    /** A change whose id is taken from its data. */
    public static Change of(long position, ChangeKind kind, Object data) {
        return new Change(position, kind, idOf(Objects.requireNonNull(data, "change data")), data);
    }

    public <T> T data(Class<T> expected) {
        return expected.cast(data);
    }

    private static String idOf(Object data) {
        if (data instanceof TemplateState template) {
            return template.template().ref().toString();
        }
        if (data instanceof SiteState site) {
            return site.site().id().value();
        }
        if (data instanceof VisitState visit) {
            return visit.visit().id().value();
        }
        if (data instanceof CompletionState completion) {
            return completion.completion().id().value();
        }
        if (data instanceof CorrectiveAction action) {
            return action.id().value();
        }
        if (data instanceof Assignment assignment) {
            return assignment.id().value();
        }
        throw new IllegalArgumentException("no change kind carries a " + data.getClass().getSimpleName());
    }
}

package org.fieldledger.server.sync;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.fieldledger.model.sync.Hlc;

/**
 * Field-by-field last-writer-wins by hybrid logical clock, for shared mutable records (sites, open completions).
 * Each field keeps the clock of the write that set it; an incoming write wins a field only if its clock is later.
 * The value that lost, incoming or stored, is returned so it can be logged: no edit disappears without a trace.
 */
final class FieldMerge {
    private FieldMerge() {
    }

    /** A field's value as JSON text, with the clock of the write that set it. */
    record Versioned(String value, Hlc clock) {
    }

    /** One field's lost value beside the one that was kept. */
    record Loss(String field, Versioned kept, Versioned lost) {
    }

    /** The merged fields, and what lost. */
    record Result(Map<String, Versioned> fields, List<Loss> losses) {
        boolean changed(Map<String, Versioned> before) {
            return !fields.equals(before);
        }
    }

    /**
     * @param stored the record's fields as stored (a field never written has no entry)
     * @param incoming the fields a mutation writes, all at {@code clock}
     */
    static Result merge(Map<String, Versioned> stored, Map<String, String> incoming, Hlc clock) {
        Map<String, Versioned> merged = new LinkedHashMap<>(stored);
        List<Loss> losses = new ArrayList<>();
        for (Map.Entry<String, String> write : incoming.entrySet()) {
            Versioned proposed = new Versioned(write.getValue(), clock);
            Versioned current = stored.get(write.getKey());
            if (current == null || clock.compareTo(current.clock()) > 0) {
                merged.put(write.getKey(), proposed);
                if (current != null && !Objects.equals(current.value(), proposed.value())) {
                    losses.add(new Loss(write.getKey(), proposed, current));
                }
            } else if (!Objects.equals(current.value(), proposed.value())) {
                losses.add(new Loss(write.getKey(), current, proposed));
            }
        }
        return new Result(merged, losses);
    }
}

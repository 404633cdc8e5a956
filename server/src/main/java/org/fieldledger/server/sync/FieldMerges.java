package org.fieldledger.server.sync;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fieldledger.model.sync.Hlc;

/** Runs {@link FieldMerge} for a stored record and logs every value that lost. */
@Singleton
public class FieldMerges {
    private final ConflictLog conflicts;

    FieldMerges(ConflictLog conflicts) {
        this.conflicts = conflicts;
    }

    /** The merged values and the clock of each. */
    public record Merged(Map<String, String> values, Map<String, Hlc> clocks) {
    }

    /**
     * @param values the record's current field values (text)
     * @param clocks the clock of the write that set each field
     * @param incoming the fields the mutation writes
     */
    public Merged merge(Connection connection, MutationContext context, String entityType, String entityId,
                        Map<String, String> values, Map<String, Hlc> clocks, Map<String, String> incoming)
            throws SQLException {
        Map<String, FieldMerge.Versioned> stored = new LinkedHashMap<>();
        values.forEach((field, value) -> {
            Hlc clock = clocks.get(field);
            if (clock != null) {
                stored.put(field, new FieldMerge.Versioned(value, clock));
            }
        });
        FieldMerge.Result result = FieldMerge.merge(stored, incoming, context.clock());
        for (FieldMerge.Loss loss : result.losses()) {
            conflicts.record(connection, context, entityType, entityId, loss);
        }
        Map<String, String> mergedValues = new LinkedHashMap<>(values);
        Map<String, Hlc> mergedClocks = new LinkedHashMap<>(clocks);
        result.fields().forEach((field, versioned) -> {
            mergedValues.put(field, versioned.value());
            mergedClocks.put(field, versioned.clock());
        });
        return new Merged(mergedValues, mergedClocks);
    }
}

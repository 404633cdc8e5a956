package org.fieldledger.model.sync;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Builds one JSON object of {@link JsonTree}'s tree. {@link #put} writes absent values as {@code null}, as the
 * protocol's examples do for fields a record may leave empty ({@code "revisionOf": null}); {@link #putIfPresent} leaves
 * them out, for partial updates where absence means "not changed".
 */
final class JsonOut {
    private final Map<String, Object> object = new JsonFields();

    JsonOut put(String name, Object value) {
        object.put(name, element(value));
        return this;
    }

    JsonOut putIfPresent(String name, Object value) {
        if (value != null) {
            object.put(name, element(value));
        }
        return this;
    }

    <T> JsonOut putList(String name, Collection<T> values, Function<T, ?> each) {
        object.put(name, list(values, each));
        return this;
    }

    /** Every field of {@code fields}, in its order, after those put so far. */
    JsonOut putAll(Map<String, Object> fields) {
        object.putAll(fields);
        return this;
    }

    Map<String, Object> build() {
        return object;
    }

    static <T> List<Object> list(Collection<T> values, Function<T, ?> each) {
        List<Object> array = new ArrayList<>(values.size());
        for (T value : values) {
            array.add(element(each.apply(value)));
        }
        return array;
    }

    /**
     * Strings, numbers and booleans as themselves, objects and arrays of the tree as they are; ids, enums, clocks and
     * times by their text form.
     */
    static Object element(Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof Map || value instanceof List) {
            return value;
        }
        if (value instanceof Enum<?> constant) {
            return constant.name();
        }
        if (value instanceof java.time.Instant instant) {
            return UtcInstants.format(instant);
        }
        return value.toString();
    }
}

package org.fieldledger.model.sync;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.Collection;
import java.util.function.Function;

/**
 * Builds one JSON object. {@link #put} writes absent values as {@code null}, as the protocol's examples do for fields a
 * record may leave empty ({@code "revisionOf": null}); {@link #putIfPresent} leaves them out, for partial updates
 * where absence means "not changed".
 */
final class JsonOut {
    private final JsonObject object = new JsonObject();

    JsonOut put(String name, Object value) {
        object.add(name, element(value));
        return this;
    }

    JsonOut putIfPresent(String name, Object value) {
        if (value != null) {
            object.add(name, element(value));
        }
        return this;
    }

    <T> JsonOut putList(String name, Collection<T> values, Function<T, ?> each) {
        object.add(name, list(values, each));
        return this;
    }

    JsonObject build() {
        return object;
    }

    static <T> JsonArray list(Collection<T> values, Function<T, ?> each) {
        JsonArray array = new JsonArray();
        for (T value : values) {
            array.add(element(each.apply(value)));
        }
        return array;
    }

    /** Strings, numbers and booleans as themselves; ids, enums, clocks and times by their text form. */
    static JsonElement element(Object value) {
        if (value == null) {
            return JsonNull.INSTANCE;
        }
        if (value instanceof JsonElement element) {
            return element;
        }
        if (value instanceof Number number) {
            return new JsonPrimitive(number);
        }
        if (value instanceof Boolean bool) {
            return new JsonPrimitive(bool);
        }
        if (value instanceof Enum<?> constant) {
            return new JsonPrimitive(constant.name());
        }
        return new JsonPrimitive(value.toString());
    }
}

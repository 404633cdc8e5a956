package org.fieldledger.model.sync;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A JSON value being read, with its path. Every read names what it expected, and every failure — a wrong type, a
 * missing field, a value a domain constructor refuses — becomes a {@link WireFormatException} at the exact path.
 */
final class JsonIn {
    /** Decimal values beyond this are refused: {@code 1e999999999} is a valid JSON number and a denial of service. */
    private static final int MAX_DIGITS = 40;
    private static final int MAX_SCALE = 20;

    /** A value of {@link JsonTree}'s tree: null for a JSON null in an array or map, which every read refuses. */
    private final Object element;
    private final Where path;

    private JsonIn(Object element, Where path) {
        this.element = element;
        this.path = path;
    }

    static JsonIn root(String json) {
        return new JsonIn(JsonTree.parse(json), Where.ROOT);
    }

    String path() {
        return path.toString();
    }

    /**
     * Where a value is ({@code mutations[3].payload.siteId}), made into text only when a message names it: a push reads
     * thousands of fields and reports few, and building every field's path was 7% of reading a push.
     *
     * @param parent the value it is in; null for a root
     * @param name the field's name, or the whole path of a root; null for an item of an array
     * @param index the item's index in its array, or -1 for a field or a root
     */
    private record Where(Where parent, String name, int index) {
        static final Where ROOT = new Where(null, "$", -1);

        Where field(String field) {
            return new Where(this, field, -1);
        }

        Where item(int item) {
            return new Where(this, null, item);
        }

        @Override
        public String toString() {
            if (parent == null) {
                return name;
            }
            String above = parent.toString();
            if (index >= 0) {
                return above + "[" + index + "]";
            }
            return "$".equals(above) ? name : above + "." + name;
        }
    }

    WireFormatException error(String problem) {
        return new WireFormatException(path.toString(), problem);
    }

    /** Runs a domain constructor on values read here, reporting what it refuses at this path. */
    <T> T build(Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new WireFormatException(path.toString(), e.getMessage() == null ? e.toString() : e.getMessage(), e);
        }
    }

    /** This string converted by a domain constructor ({@code SiteId::new}). */
    <T> T as(Function<String, T> constructor) {
        String value = string();
        return build(() -> constructor.apply(value));
    }

    @SuppressWarnings("unchecked")
    Obj object() {
        if (!(element instanceof Map)) {
            throw error("expected an object, was " + describe(element));
        }
        return new Obj((Map<String, Object>) element, path);
    }

    List<JsonIn> array() {
        if (!(element instanceof List<?> array)) {
            throw error("expected an array, was " + describe(element));
        }
        List<JsonIn> items = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            items.add(new JsonIn(array.get(i), path.item(i)));
        }
        return items;
    }

    <T> List<T> list(Function<JsonIn, T> reader) {
        List<T> values = new ArrayList<>();
        for (JsonIn item : array()) {
            values.add(reader.apply(item));
        }
        return values;
    }

    String string() {
        if (element instanceof String text) {
            return text;
        }
        throw error("expected a string, was " + describe(element));
    }

    boolean bool() {
        if (element instanceof Boolean bool) {
            return bool;
        }
        throw error("expected true or false, was " + describe(element));
    }

    BigDecimal decimal() {
        if (!(element instanceof BigDecimal value)) {
            throw error("expected a number, was " + describe(element));
        }
        if (value.precision() > MAX_DIGITS || Math.abs(value.scale()) > MAX_SCALE) {
            throw error("the number " + value + " is outside the supported range (at most " + MAX_DIGITS
                    + " digits, " + MAX_SCALE + " decimal places)");
        }
        return value;
    }

    long longValue() {
        BigDecimal value = decimal();
        try {
            return value.stripTrailingZeros().longValueExact();
        } catch (ArithmeticException e) {
            throw error("expected a whole number, was " + value);
        }
    }

    int intValue() {
        long value = longValue();
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw error("the number " + value + " is too large");
        }
        return (int) value;
    }

    double doubleValue() {
        return decimal().doubleValue();
    }

    /** An ISO-8601 UTC instant with a {@code Z}, as the protocol writes every time. */
    Instant instant() {
        String text = string();
        try {
            if (text.endsWith("Z")) {
                Instant common = UtcInstants.parse(text);
                return common != null ? common : Instant.parse(text);
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw error("'" + text + "' is not an ISO-8601 UTC time such as 2026-11-23T09:15:00Z");
    }

    LocalDate date() {
        String text = string();
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw error("'" + text + "' is not a date such as 2026-12-31");
        }
    }

    <E extends Enum<E>> E enumValue(Class<E> type) {
        String text = string();
        try {
            // The enum's own table of names, where getEnumConstants() copied the constants at every call.
            return Enum.valueOf(type, text);
        } catch (IllegalArgumentException notOne) {
            // reported below, with the names it may be
        }
        List<String> names = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            names.add(constant.name());
        }
        throw error("'" + text + "' is not one of " + names);
    }

    private static String describe(Object element) {
        if (element == null) {
            return "null";
        }
        if (element instanceof Map) {
            return "an object";
        }
        if (element instanceof List) {
            return "an array";
        }
        if (element instanceof Boolean bool) {
            return bool ? "true" : "false";
        }
        return element instanceof Number ? "a number" : "a string";
    }

    /**
     * An object being read field by field. {@link #end()} refuses the fields nobody asked for: a misspelt optional
     * field must not be silently ignored, or a device would believe the server stored what it never read.
     */
    static final class Obj {
        private final Map<String, Object> object;
        private final Where path;
        /**
         * The names asked for, in a plain array: objects have a few fields, and a hash set per object was a twentieth
         * of reading a push. Null when {@link #entries} took every field.
         */
        private String[] read = new String[8];
        private int reads;

        private Obj(Map<String, Object> object, Where path) {
            this.object = object;
            this.path = path;
        }

        String path() {
            return path.toString();
        }

        /** A required field: absent or {@code null} is an error. */
        JsonIn get(String name) {
            JsonIn value = opt(name);
            if (value == null) {
                throw new WireFormatException(path.field(name).toString(), "required field is missing");
            }
            return value;
        }

        /** An optional field, or null when absent or {@code null}. */
        JsonIn opt(String name) {
            markRead(name);
            Object value = object.get(name);
            return value == null ? null : new JsonIn(value, path.field(name));
        }

        private void markRead(String name) {
            if (read == null) {
                return;
            }
            if (reads == read.length) {
                read = Arrays.copyOf(read, reads * 2);
            }
            read[reads++] = name;
        }

        boolean has(String name) {
            return object.containsKey(name);
        }

        String string(String name) {
            return get(name).string();
        }

        String optString(String name) {
            JsonIn value = opt(name);
            return value == null ? null : value.string();
        }

        <T> T as(String name, Function<String, T> constructor) {
            return get(name).as(constructor);
        }

        <T> T optAs(String name, Function<String, T> constructor) {
            JsonIn value = opt(name);
            return value == null ? null : value.as(constructor);
        }

        <T> T read(String name, Function<JsonIn, T> reader) {
            return reader.apply(get(name));
        }

        <T> T optRead(String name, Function<JsonIn, T> reader) {
            JsonIn value = opt(name);
            return value == null ? null : reader.apply(value);
        }

        /** Every field of the object, for maps keyed by data (answers by question id). */
        List<Map.Entry<String, JsonIn>> entries() {
            read = null;
            List<Map.Entry<String, JsonIn>> entries = new ArrayList<>(object.size());
            for (Map.Entry<String, Object> entry : object.entrySet()) {
                entries.add(new java.util.AbstractMap.SimpleImmutableEntry<>(entry.getKey(),
                        new JsonIn(entry.getValue(), path.field(entry.getKey()))));
            }
            return entries;
        }

        <T> T build(Supplier<T> constructor) {
            return new JsonIn(object, path).build(constructor);
        }

        /** Refuses any field that was not read. */
        void end() {
            if (read == null) {
                return;
            }
            for (String name : object.keySet()) {
                if (!wasRead(name)) {
                    throw new WireFormatException(path.field(name).toString(), "unknown field");
                }
            }
        }

        private boolean wasRead(String name) {
            for (int i = 0; i < reads; i++) {
                if (read[i].equals(name)) {
                    return true;
                }
            }
            return false;
        }
    }
}

package org.fieldledger.model.sync;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    private final JsonElement element;
    private final Where path;

    private JsonIn(JsonElement element, Where path) {
        this.element = element;
        this.path = path;
    }

    static JsonIn root(String json) {
        return new JsonIn(JsonTree.parse(json), Where.ROOT);
    }

    static JsonIn of(JsonElement element, String path) {
        return new JsonIn(element, new Where(null, path, -1));
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

    JsonElement element() {
        return element;
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

    Obj object() {
        if (!element.isJsonObject()) {
            throw error("expected an object, was " + describe(element));
        }
        return new Obj(element.getAsJsonObject(), path);
    }

    List<JsonIn> array() {
        if (!element.isJsonArray()) {
            throw error("expected an array, was " + describe(element));
        }
        JsonArray array = element.getAsJsonArray();
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
        return primitive("a string", JsonPrimitive::isString).getAsString();
    }

    boolean bool() {
        return primitive("true or false", JsonPrimitive::isBoolean).getAsBoolean();
    }

    BigDecimal decimal() {
        BigDecimal value = (BigDecimal) primitive("a number", JsonPrimitive::isNumber).getAsNumber();
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
                Instant common = commonInstant(text);
                return common != null ? common : Instant.parse(text);
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw error("'" + text + "' is not an ISO-8601 UTC time such as 2026-11-23T09:15:00Z");
    }

    /**
     * The instant of {@code 2026-11-23T09:15:00Z} or {@code 2026-11-23T09:15:00.123Z}, the forms devices and this
     * server write, read without the general parser, which took a tenth of reading a visit; null for any other text,
     * which {@link Instant#parse} then accepts or refuses as before.
     */
    private static Instant commonInstant(String text) {
        int length = text.length();
        if ((length != 20 && length != 24) || text.charAt(4) != '-' || text.charAt(7) != '-'
                || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':'
                || (length == 24 && text.charAt(19) != '.')) {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        int millis = length == 24 ? digits(text, 20, 3) : 0;
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > java.time.YearMonth.of(year, month).lengthOfMonth()
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || millis < 0) {
            return null;
        }
        long epochDay = java.time.LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, millis * 1_000_000L);
    }

    /** The number written by {@code count} ASCII digits from {@code from}, or -1 if any is not one. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
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
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(text)) {
                return constant;
            }
        }
        List<String> names = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            names.add(constant.name());
        }
        throw error("'" + text + "' is not one of " + names);
    }

    private JsonPrimitive primitive(String expected, java.util.function.Predicate<JsonPrimitive> kind) {
        if (element.isJsonPrimitive() && kind.test(element.getAsJsonPrimitive())) {
            return element.getAsJsonPrimitive();
        }
        throw error("expected " + expected + ", was " + describe(element));
    }

    static String describe(JsonElement element) {
        if (element.isJsonNull()) {
            return "null";
        }
        if (element.isJsonObject()) {
            return "an object";
        }
        if (element.isJsonArray()) {
            return "an array";
        }
        JsonPrimitive primitive = element.getAsJsonPrimitive();
        if (primitive.isBoolean()) {
            return primitive.getAsBoolean() ? "true" : "false";
        }
        return primitive.isNumber() ? "a number" : "a string";
    }

    /**
     * An object being read field by field. {@link #end()} refuses the fields nobody asked for: a misspelt optional
     * field must not be silently ignored, or a device would believe the server stored what it never read.
     */
    static final class Obj {
        private final JsonObject object;
        private final Where path;
        private final Set<String> read = new HashSet<>();

        private Obj(JsonObject object, Where path) {
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
            read.add(name);
            JsonElement value = object.get(name);
            return value == null || value.isJsonNull() ? null : new JsonIn(value, path.field(name));
        }

        boolean has(String name) {
            return object.has(name);
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
            List<Map.Entry<String, JsonIn>> entries = new ArrayList<>();
            for (Map.Entry<String, JsonElement> entry : object.entrySet()) {
                read.add(entry.getKey());
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
            for (String name : object.keySet()) {
                if (!read.contains(name)) {
                    throw new WireFormatException(path.field(name).toString(), "unknown field");
                }
            }
        }
    }
}

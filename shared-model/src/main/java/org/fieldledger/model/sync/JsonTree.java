package org.fieldledger.model.sync;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text to tree, strictly, with Gson's streaming reader, and back. Gson's own {@code JsonParser} keeps the last of two
 * equal keys and reads lenient JSON by default; a protocol that hashes mutation content cannot let
 * {@code {"seq":1,"seq":2}} mean anything, so this parser refuses duplicate keys, trailing data, non-standard literals
 * and absurd nesting.
 *
 * <p>The tree is plain Java: an object is a {@code Map<String, Object>} in the order of its fields ({@link JsonFields}
 * as read), an array a {@code List<Object>}, and a value a {@link String}, {@link Boolean}, {@link Number} or
 * {@code null}. Gson's own tree keeps an object's fields in a red-black tree compared by name, and finding and adding
 * fields there was a tenth of reading and writing a push.
 *
 * <p>Numbers are read as {@link BigDecimal}s holding exactly the digits sent, so {@code 0.30} stays {@code 0.30} and a
 * mutation re-written by the server is byte for byte what the device wrote.
 */
final class JsonTree {
    private static final int MAX_DEPTH = 64;
    private static final Pattern POSITION = Pattern.compile("line \\d+ column \\d+");

    private JsonTree() {
    }

    static Object parse(String json) {
        if (json == null) {
            throw new WireFormatException("$", "no JSON document");
        }
        JsonReader reader = new JsonReader(new StringReader(json));
        reader.setStrictness(Strictness.STRICT);
        try {
            Object root = read(reader, 0);
            if (!atEnd(reader)) {
                throw new WireFormatException("$", "unexpected data after the JSON document");
            }
            return root;
        } catch (IOException | IllegalStateException | NumberFormatException e) {
            throw new WireFormatException("$", "not valid JSON" + where(e.getMessage()), e);
        }
    }

    private static boolean atEnd(JsonReader reader) {
        try {
            return reader.peek() == JsonToken.END_DOCUMENT;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Gson's messages advise switching to lenient parsing and link to its troubleshooting page: not what a client of
     * our API needs. The position is what helps.
     */
    private static String where(String message) {
        Matcher position = POSITION.matcher(message == null ? "" : message);
        return position.find() ? " (" + position.group() + ")" : "";
    }

    private static Object read(JsonReader reader, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new WireFormatException(path(reader), "nested deeper than " + MAX_DEPTH + " levels");
        }
        switch (reader.peek()) {
            case BEGIN_OBJECT:
                JsonFields fields = new JsonFields();
                reader.beginObject();
                while (reader.hasNext()) {
                    String name = reader.nextName();
                    // One scan per field: a field seen before (even as null) leaves the size as it was.
                    int before = fields.size();
                    fields.put(name, read(reader, depth + 1));
                    if (fields.size() == before) {
                        throw new WireFormatException(path(reader), "field '" + name + "' appears twice");
                    }
                }
                reader.endObject();
                return fields;
            case BEGIN_ARRAY:
                List<Object> items = new ArrayList<>();
                reader.beginArray();
                while (reader.hasNext()) {
                    items.add(read(reader, depth + 1));
                }
                reader.endArray();
                return items;
            case STRING:
                return reader.nextString();
            case NUMBER:
                return new BigDecimal(reader.nextString());
            case BOOLEAN:
                return reader.nextBoolean();
            case NULL:
                reader.nextNull();
                return null;
            default:
                throw new WireFormatException(path(reader), "unexpected " + reader.peek());
        }
    }

    /** Gson writes {@code $.mutations[0].seq}; the protocol's messages name {@code mutations[0].seq}. */
    private static String path(JsonReader reader) {
        String path = reader.getPath();
        return path.startsWith("$.") ? path.substring(2) : path;
    }

    /**
     * Compact JSON, UTF-8 text unescaped, nulls kept: the protocol writes absent optional values as {@code null}. The
     * text is what Gson's {@code JsonWriter} (strict, not HTML-safe) writes for the same tree, character for character,
     * since the server hashes it and a mutation sent again must hash the same; written here straight into one buffer,
     * as Gson's writer, escaping through a {@code Writer}, was a tenth of a push's work.
     */
    static String write(Object element) {
        StringBuilder text = new StringBuilder(256);
        write(element, text);
        return text.toString();
    }

    private static void write(Object element, StringBuilder out) {
        if (element instanceof String text) {
            string(text, out);
        } else if (element == null) {
            out.append("null");
        } else if (element instanceof Map<?, ?> object) {
            out.append('{');
            int opened = out.length();
            // JsonFields walks its own arrays here, where iterating its entries would make an entry per field.
            object.forEach((name, value) -> {
                if (out.length() > opened) {
                    out.append(',');
                }
                string((String) name, out);
                out.append(':');
                write(value, out);
            });
            out.append('}');
        } else if (element instanceof List<?> array) {
            out.append('[');
            for (int i = 0; i < array.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(array.get(i), out);
            }
            out.append(']');
        } else if (element instanceof Boolean bool) {
            out.append(bool ? "true" : "false");
        } else if (element instanceof Number number) {
            out.append(number(number));
        } else {
            throw new IllegalArgumentException("not a JSON value: " + element.getClass().getName());
        }
    }

    /** The escapes of the characters below 128 that have one: quote, backslash and the control characters. */
    private static final String[] ESCAPES = new String[128];

    static {
        for (char c = 0; c < 0x20; c++) {
            ESCAPES[c] = String.format("\\u%04x", (int) c);
        }
        ESCAPES['"'] = "\\\"";
        ESCAPES['\\'] = "\\\\";
        ESCAPES['\t'] = "\\t";
        ESCAPES['\b'] = "\\b";
        ESCAPES['\n'] = "\\n";
        ESCAPES['\r'] = "\\r";
        ESCAPES['\f'] = "\\f";
    }

    /** Escapes what JSON requires, and the two line separators JavaScript does not allow in a string. */
    private static void string(String value, StringBuilder out) {
        out.append('"');
        int length = value.length();
        int unescaped = 0;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            String escape;
            if (c < 128) {
                escape = ESCAPES[c];
                if (escape == null) {
                    continue;
                }
            } else if (c == '\u2028') {
                escape = "\\u2028";
            } else if (c == '\u2029') {
                escape = "\\u2029";
            } else {
                continue;
            }
            out.append(value, unescaped, i).append(escape);
            unescaped = i + 1;
        }
        out.append(value, unescaped, length).append('"');
    }

    /** A number as its own text; NaN and the infinities are not JSON. */
    private static String number(Number number) {
        if (number instanceof BigDecimal || number instanceof Long || number instanceof Integer
                || number instanceof Short || number instanceof Byte || number instanceof java.math.BigInteger) {
            return number.toString();
        }
        if ((number instanceof Double || number instanceof Float) && Double.isFinite(number.doubleValue())) {
            return number.toString();
        }
        throw new IllegalArgumentException("not a JSON number: " + number);
    }
}

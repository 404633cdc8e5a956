package org.fieldledger.model.sync;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringReader;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text to tree and back, strictly, with Gson's streaming reader and writer. Gson's own {@code JsonParser} keeps the last
 * of two equal keys and reads lenient JSON by default; a protocol that hashes mutation content cannot let
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

    /** Compact JSON, UTF-8 text unescaped, nulls kept: the protocol writes absent optional values as {@code null}. */
    static String write(Object element) {
        TextOut out = new TextOut();
        JsonWriter writer = new JsonWriter(out);
        writer.setStrictness(Strictness.STRICT);
        writer.setSerializeNulls(true);
        writer.setHtmlSafe(false);
        try {
            write(element, writer);
            writer.flush();
        } catch (IOException e) {
            throw new IllegalStateException("writing to a string cannot fail", e);
        }
        return out.toString();
    }

    /** A StringWriter without StringBuffer's locking: every mutation of a push is written more than once. */
    private static final class TextOut extends Writer {
        private final StringBuilder text = new StringBuilder(256);

        @Override
        public void write(char[] chars, int offset, int length) {
            text.append(chars, offset, length);
        }

        @Override
        public void write(String string, int offset, int length) {
            text.append(string, offset, offset + length);
        }

        @Override
        public void write(int c) {
            text.append((char) c);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }

    private static void write(Object element, JsonWriter writer) throws IOException {
        if (element instanceof String text) {
            writer.value(text);
        } else if (element == null) {
            writer.nullValue();
        } else if (element instanceof JsonFields object) {
            writer.beginObject();
            for (int i = 0; i < object.size(); i++) {
                writer.name(object.name(i));
                write(object.value(i), writer);
            }
            writer.endObject();
        } else if (element instanceof Map<?, ?> object) {
            writer.beginObject();
            for (Map.Entry<?, ?> entry : object.entrySet()) {
                writer.name((String) entry.getKey());
                write(entry.getValue(), writer);
            }
            writer.endObject();
        } else if (element instanceof List<?> array) {
            writer.beginArray();
            for (Object item : array) {
                write(item, writer);
            }
            writer.endArray();
        } else if (element instanceof Boolean bool) {
            writer.value(bool);
        } else if (element instanceof Number number) {
            writer.value(number);
        } else {
            throw new IllegalArgumentException("not a JSON value: " + element.getClass().getName());
        }
    }
}

package org.fieldledger.model.sync;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringReader;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text to Gson tree and back, strictly. Gson's own {@code JsonParser} keeps the last of two equal keys and reads
 * lenient JSON by default; a protocol that hashes mutation content cannot let {@code {"seq":1,"seq":2}} mean anything,
 * so this parser refuses duplicate keys, trailing data, non-standard literals and absurd nesting.
 *
 * <p>Numbers become {@link BigDecimal}s holding exactly the digits sent, so {@code 0.30} stays {@code 0.30} and a
 * mutation re-written by the server is byte for byte what the device wrote.
 */
final class JsonTree {
    private static final int MAX_DEPTH = 64;
    private static final Pattern POSITION = Pattern.compile("line \\d+ column \\d+");

    private JsonTree() {
    }

    static JsonElement parse(String json) {
        if (json == null) {
            throw new WireFormatException("$", "no JSON document");
        }
        JsonReader reader = new JsonReader(new StringReader(json));
        reader.setStrictness(Strictness.STRICT);
        try {
            JsonElement root = read(reader, 0);
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

    private static JsonElement read(JsonReader reader, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new WireFormatException(path(reader), "nested deeper than " + MAX_DEPTH + " levels");
        }
        switch (reader.peek()) {
            case BEGIN_OBJECT:
                JsonObject object = new JsonObject();
                // The object's own map: one lookup per field, where has() then add() took two.
                Map<String, JsonElement> fields = object.asMap();
                reader.beginObject();
                while (reader.hasNext()) {
                    String name = reader.nextName();
                    if (fields.put(name, read(reader, depth + 1)) != null) {
                        throw new WireFormatException(path(reader), "field '" + name + "' appears twice");
                    }
                }
                reader.endObject();
                return object;
            case BEGIN_ARRAY:
                JsonArray array = new JsonArray();
                reader.beginArray();
                while (reader.hasNext()) {
                    array.add(read(reader, depth + 1));
                }
                reader.endArray();
                return array;
            case STRING:
                return new JsonPrimitive(reader.nextString());
            case NUMBER:
                return new JsonPrimitive(new BigDecimal(reader.nextString()));
            case BOOLEAN:
                return new JsonPrimitive(reader.nextBoolean());
            case NULL:
                reader.nextNull();
                return JsonNull.INSTANCE;
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
    static String write(JsonElement element) {
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

    private static void write(JsonElement element, JsonWriter writer) throws IOException {
        if (element.isJsonNull()) {
            writer.nullValue();
        } else if (element.isJsonObject()) {
            writer.beginObject();
            for (Map.Entry<String, JsonElement> entry : element.getAsJsonObject().entrySet()) {
                writer.name(entry.getKey());
                write(entry.getValue(), writer);
            }
            writer.endObject();
        } else if (element.isJsonArray()) {
            writer.beginArray();
            for (JsonElement item : element.getAsJsonArray()) {
                write(item, writer);
            }
            writer.endArray();
        } else {
            JsonPrimitive primitive = element.getAsJsonPrimitive();
            if (primitive.isBoolean()) {
                writer.value(primitive.getAsBoolean());
            } else if (primitive.isNumber()) {
                writer.value(primitive.getAsNumber());
            } else {
                writer.value(primitive.getAsString());
            }
        }
    }
}

package org.fieldledger.model.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The server hashes the text {@link JsonTree#write} makes, and stored hashes were made with Gson's {@code JsonWriter}
 * (strict, not HTML-safe): a mutation sent again after an upgrade must hash as it did. So the text must be Gson's,
 * character for character, for every character and every kind of value.
 */
class JsonTreeWritingTest {
    @Test
    void everyCharacterIsWrittenAsGsonWroteIt() {
        for (int c = 0; c <= 0xFFFF; c++) {
            String text = "a" + (char) c + "b";
            assertThat(JsonTree.write(text)).as("U+%04X", c).isEqualTo(gson(text));
        }
    }

    @Test
    void randomTreesAreWrittenAsGsonWroteThem() {
        SplittableRandom random = new SplittableRandom(20261205);
        for (int i = 0; i < 2_000; i++) {
            Object tree = tree(random, 0);
            String text = JsonTree.write(tree);
            assertThat(text).isEqualTo(gson(tree));
            assertThat(JsonTree.write(JsonTree.parse(text))).as("read and written again").isEqualTo(text);
        }
    }

    @Test
    void anObjectGrowsFromNoRoomAndKeepsItsFieldsInOrder() {
        JsonFields fields = new JsonFields(0);
        for (int i = 0; i < 9; i++) {
            fields.put("f" + i, i);
        }
        fields.put("f3", "again");

        assertThat(JsonTree.write(fields)).isEqualTo(
                "{\"f0\":0,\"f1\":1,\"f2\":2,\"f3\":\"again\",\"f4\":4,\"f5\":5,\"f6\":6,\"f7\":7,\"f8\":8}");
    }

    @Test
    void numbersThatAreNotJsonAreRefused() {
        for (Number number : List.of(Double.NaN, Double.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY)) {
            assertThatThrownBy(() -> JsonTree.write(List.of(number))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not a JSON number");
        }
    }

    private static Object tree(SplittableRandom random, int depth) {
        int kind = random.nextInt(depth > 3 ? 5 : 8);
        switch (kind) {
            case 0:
                return null;
            case 1:
                return random.nextBoolean();
            case 2:
                return new BigDecimal(random.nextLong()).movePointLeft(random.nextInt(8));
            case 3:
                return random.nextBoolean() ? (Object) random.nextInt() : (Object) (random.nextDouble() * 1e6);
            case 4:
                return text(random);
            case 5:
            case 6:
                Map<String, Object> object = random.nextBoolean() ? new JsonFields() : new LinkedHashMap<>();
                for (int i = random.nextInt(6); i > 0; i--) {
                    object.put(text(random), tree(random, depth + 1));
                }
                return object;
            default:
                List<Object> array = new ArrayList<>();
                for (int i = random.nextInt(6); i > 0; i--) {
                    array.add(tree(random, depth + 1));
                }
                return array;
        }
    }

    /** Mostly plain letters, with any character now and then: the common path and the escapes both. */
    private static String text(SplittableRandom random) {
        char[] text = new char[random.nextInt(12)];
        for (int i = 0; i < text.length; i++) {
            text[i] = random.nextInt(4) == 0 ? (char) random.nextInt(0x10000) : (char) ('a' + random.nextInt(26));
        }
        return new String(text);
    }

    /** What the server wrote before: the same tree through Gson's writer. */
    private static String gson(Object tree) {
        StringWriter out = new StringWriter();
        JsonWriter writer = new JsonWriter(out);
        writer.setStrictness(Strictness.STRICT);
        writer.setSerializeNulls(true);
        writer.setHtmlSafe(false);
        try {
            gson(tree, writer);
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void gson(Object value, JsonWriter writer) throws IOException {
        if (value == null) {
            writer.nullValue();
        } else if (value instanceof Map<?, ?> object) {
            writer.beginObject();
            for (Map.Entry<?, ?> entry : object.entrySet()) {
                writer.name((String) entry.getKey());
                gson(entry.getValue(), writer);
            }
            writer.endObject();
        } else if (value instanceof List<?> array) {
            writer.beginArray();
            for (Object item : array) {
                gson(item, writer);
            }
            writer.endArray();
        } else if (value instanceof Boolean bool) {
            writer.value(bool);
        } else if (value instanceof Number number) {
            writer.value(number);
        } else {
            writer.value((String) value);
        }
    }
}

package org.fieldledger.server.document;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * The line on which each value of a JSON document starts, by path ({@code projects[3].targets[0]}). Databinding
 * forgets where things were; this keeps it, so a rule broken deep inside a file is reported at its line.
 */
final class LineIndex {
    private static final JsonFactory JSON = new JsonFactory();
    private final Map<String, Integer> lines;

    private LineIndex(Map<String, Integer> lines) {
        this.lines = lines;
    }

    /** Indexes a document; for one that breaks off or turns invalid, the part before the break. */
    static LineIndex of(byte[] content) {
        Map<String, Integer> lines = new HashMap<>();
        Deque<String> containers = new ArrayDeque<>();
        Deque<Integer> nextIndex = new ArrayDeque<>();
        String pendingField = null;
        try (JsonParser parser = JSON.createParser(content)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.FIELD_NAME) {
                    pendingField = parser.currentName();
                    continue;
                }
                if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    containers.pop();
                    nextIndex.pop();
                    continue;
                }
                String parent = containers.isEmpty() ? null : containers.peek();
                String path;
                if (parent == null) {
                    path = "";
                } else if (pendingField != null) {
                    path = parent.isEmpty() ? pendingField : parent + "." + pendingField;
                } else {
                    int index = nextIndex.pop();
                    nextIndex.push(index + 1);
                    path = parent + "[" + index + "]";
                }
                pendingField = null;
                lines.put(path, parser.currentTokenLocation().getLineNr());
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    containers.push(path);
                    nextIndex.push(0);
                }
            }
        } catch (IOException e) {
            // keep what was indexed up to the syntax error: the reader reports that error by itself
        }
        return new LineIndex(lines);
    }

    /** The line of the value at this path, or of its nearest enclosing value that has one. */
    int lineOf(String path) {
        for (String candidate = path; ; candidate = parentOf(candidate)) {
            Integer line = lines.get(candidate);
            if (line != null) {
                return line;
            }
            if (candidate.isEmpty()) {
                return 0;
            }
        }
    }

    private static String parentOf(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut < 0 ? "" : path.substring(0, cut);
    }
}

package org.fieldledger.server.document;

import java.nio.charset.StandardCharsets;
import org.fieldledger.server.storage.Hashes;

/** A file's name, for error messages, and its bytes, read once. */
public record DocumentSource(String name, byte[] content) {
    public String sha256() {
        return Hashes.sha256(content);
    }

    /** The line where the value at {@code path} ({@code questions[2].options}) starts; 0 if it cannot be found. */
    public int lineOf(String path) {
        return LineIndex.of(content).lineOf(path);
    }

    public static DocumentSource of(String name, String text) {
        return new DocumentSource(name, text.getBytes(StandardCharsets.UTF_8));
    }
}

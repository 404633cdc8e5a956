package org.fieldledger.server.document;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A file's name, for error messages, and its bytes, read once. */
public record DocumentSource(String name, byte[] content) {
    public String sha256() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The line where the value at {@code path} ({@code questions[2].options}) starts; 0 if it cannot be found. */
    public int lineOf(String path) {
        return LineIndex.of(content).lineOf(path);
    }

    public static DocumentSource of(String name, String text) {
        return new DocumentSource(name, text.getBytes(StandardCharsets.UTF_8));
    }
}

package org.fieldledger.server.document;

/** A rule broken by one field of a document, thrown while converting it so the reader can report its line. */
public final class FieldException extends RuntimeException {
    private final String path;

    public FieldException(String path, String problem) {
        super(problem);
        this.path = path;
    }

    /** Runs a conversion step, attributing any domain rule it breaks to {@code path}. */
    public static <T> T at(String path, java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new FieldException(path, e.getMessage());
        }
    }

    public String path() {
        return path;
    }
}

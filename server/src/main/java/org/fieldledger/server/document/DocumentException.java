package org.fieldledger.server.document;

/**
 * A catalog or template file that cannot be loaded, located as precisely as the reader could: the file, the line,
 * the field within the document, and what is wrong. The message reads {@code file:line: field: problem}, the form
 * editors and CI logs turn into links.
 */
public final class DocumentException extends RuntimeException {
    private final String source;
    private final int line;
    private final String field;
    private final String problem;

    public DocumentException(String source, int line, String field, String problem) {
        super(source + (line > 0 ? ":" + line : "") + ": " + (field == null ? "" : field + ": ") + problem);
        this.source = source;
        this.line = line;
        this.field = field;
        this.problem = problem;
    }

    public String source() {
        return source;
    }

    /** 1-based line, or 0 where the problem concerns the whole file. */
    public int line() {
        return line;
    }

    public String field() {
        return field;
    }

    public String problem() {
        return problem;
    }
}

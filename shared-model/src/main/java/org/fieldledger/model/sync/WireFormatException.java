package org.fieldledger.model.sync;

/**
 * A JSON document that does not have the protocol's shape: unknown or missing fields, wrong types, or values the
 * domain refuses. The message names the JSON path and the problem ({@code mutations[3].payload.answers.alarm_serial.value:
 * expected a string, was a number}), so the server can return it as is and a developer can find the field.
 */
public class WireFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String path;
    private final String problem;

    public WireFormatException(String path, String problem) {
        this(path, problem, null);
    }

    public WireFormatException(String path, String problem, Throwable cause) {
        super(path + ": " + problem, cause);
        this.path = path;
        this.problem = problem;
    }

    /** Where in the document, as {@code mutations[3].payload.siteId}; {@code $} for the document itself. */
    public String path() {
        return path;
    }

    /** What is wrong there. */
    public String problem() {
        return problem;
    }
}

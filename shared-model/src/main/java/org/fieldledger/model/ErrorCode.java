package org.fieldledger.model;

/**
 * Every error the server reports, with its stable code and HTTP status. Clients branch on {@link #name()}, never on
 * the human message. Codes are never renamed or reused; docs/errors.md lists them all.
 */
public enum ErrorCode {
    MALFORMED_REQUEST(400, "The request body or a parameter could not be read."),
    INVALID_PARAMETER(400, "A query or path parameter has a value that is not allowed."),
    UNAUTHENTICATED(401, "A valid access token is required."),
    FORBIDDEN(403, "The caller's role or areas do not allow this."),
    NOT_FOUND(404, "No such resource, or not visible to the caller."),
    METHOD_NOT_ALLOWED(405, "This resource does not support that method."),
    CONFLICT(409, "The request conflicts with what the server already holds."),
    UPLOAD_OFFSET_MISMATCH(409, "The upload's Upload-Offset is not where the server's copy ends; ask with HEAD."),
    PHOTOS_MISSING(409, "Photos the visits claim have not reached the server yet."),
    UNSUPPORTED_TUS_VERSION(412, "The request speaks a tus version other than 1.0.0."),
    PAYLOAD_TOO_LARGE(413, "The request body is larger than the server accepts."),
    UNSUPPORTED_MEDIA_TYPE(415, "The request body has a content type the server does not accept."),
    RANGE_NOT_SATISFIABLE(416, "The requested byte range lies outside the file."),
    VALIDATION_FAILED(422, "The request was read but breaks a rule; see the problems listed."),
    SHA256_MISMATCH(422, "The uploaded file's SHA-256 is not the one claimed for it; nothing was kept."),
    CHECKSUM_MISMATCH(460, "A chunk's Upload-Checksum does not match its bytes; the chunk was discarded."),
    INTERNAL_ERROR(500, "The server failed; nothing was changed. The incident id is in the server log.");

    private final int httpStatus;
    private final String meaning;

    ErrorCode(int httpStatus, String meaning) {
        this.httpStatus = httpStatus;
        this.meaning = meaning;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** What the code means in general; a response's message says what went wrong in this instance. */
    public String meaning() {
        return meaning;
    }
}

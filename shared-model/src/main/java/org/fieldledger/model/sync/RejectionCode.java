package org.fieldledger.model.sync;

/**
 * The codes a push result carries (docs/protocol.md, "Rejection codes"), defined once for server, device and docs.
 * {@link PushResult#code()} is a string so that a device can show a code a newer server sends; compare it with
 * {@link #name()}.
 */
public enum RejectionCode {
    /** Answers or fields break a rule; the result's problems list each. */
    VALIDATION_FAILED,
    UNKNOWN_SITE,
    UNKNOWN_TEMPLATE_VERSION,
    UNKNOWN_VISIT,
    UNKNOWN_PROJECT,
    UNKNOWN_TARGET,
    UNKNOWN_COMPLETION,
    /** A visit with this id is already stored with other content. */
    VISIT_IMMUTABLE,
    /** A site with this id is already stored with other content. */
    SITE_EXISTS,
    /** The visit being corrected already has a correction: correct the newest revision. */
    REVISION_CONFLICT,
    /** The completion has been verified. */
    LOCKED,
    /** The seq or id was already used for other content. */
    MUTATION_CONFLICT,
    /** Unknown type, or a payload that cannot be read. */
    UNSUPPORTED_MUTATION,
    /** Not a rejection: the code of a DEFERRED result, sent while an earlier seq is missing. */
    SEQUENCE_GAP
}

package org.fieldledger.model.visit;

/** Why an answer or a visit cannot be accepted. Stable codes: devices show them, the server returns them. */
public enum ProblemCode {
    REQUIRED_ANSWER_MISSING,
    UNKNOWN_QUESTION,
    WRONG_ANSWER_TYPE,
    OUT_OF_RANGE,
    TOO_MANY_DECIMALS,
    UNKNOWN_OPTION,
    DUPLICATE_OPTION,
    TEXT_TOO_LONG,
    TEXT_PATTERN_MISMATCH,
    TOO_FEW_PHOTOS,
    TOO_MANY_PHOTOS,
    DUPLICATE_PHOTO
}

package org.fieldledger.model.template;

/** The kinds of answer a checklist can ask for. A new kind of check is a new template, never a new type here. */
public enum QuestionType {
    YES_NO,
    NUMBER,
    SINGLE_CHOICE,
    MULTI_CHOICE,
    TEXT,
    PHOTO,
    SIGNATURE,
    GPS
}

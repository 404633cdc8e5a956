package org.fieldledger.model.template;

import java.util.regex.Pattern;
import org.fieldledger.model.internal.Checks;

/** One allowed answer of a choice question: a stable code stored in answers, and the label an inspector reads. */
public record ChoiceOption(String code, String label) {
    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_]*");

    public ChoiceOption {
        Checks.matches(code, CODE, "option code");
        Checks.nonBlank(label, "option label");
    }
}

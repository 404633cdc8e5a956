package org.fieldledger.model.template;

import java.util.regex.Pattern;
import org.fieldledger.model.internal.Checks;

/** A checklist's id, stable across its versions: {@code smoke-alarm-installation}. */
public record TemplateId(String value) {
    private static final Pattern SLUG = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    public TemplateId {
        Checks.matches(value, SLUG, "template id");
    }

    @Override
    public String toString() {
        return value;
    }
}

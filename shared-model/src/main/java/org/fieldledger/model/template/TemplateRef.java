package org.fieldledger.model.template;

import java.util.Objects;

/**
 * One version of one checklist. Visits name the exact version they were answered against, because a checklist may
 * change while a device is offline, and the answers only make sense against the questions that were asked.
 */
public record TemplateRef(TemplateId id, int version) {
    public TemplateRef {
        Objects.requireNonNull(id, "template id");
        if (version < 1) {
            throw new IllegalArgumentException("template version must be 1 or more, was " + version);
        }
    }

    /** Parses {@code smoke-alarm-installation@2}. */
    public static TemplateRef parse(String text) {
        int at = text == null ? -1 : text.lastIndexOf('@');
        if (at < 1) {
            throw new IllegalArgumentException("template reference '" + text + "' is not of the form id@version");
        }
        try {
            return new TemplateRef(new TemplateId(text.substring(0, at)), Integer.parseInt(text.substring(at + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("template reference '" + text + "' has no numeric version");
        }
    }

    @Override
    public String toString() {
        return id.value() + "@" + version;
    }
}

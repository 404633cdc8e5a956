package org.fieldledger.model.sync;

import java.util.Objects;
import org.fieldledger.model.template.Template;

/**
 * A template version as the pull feed carries it. A retired version is withdrawn from new visits but stays readable:
 * visits recorded against it offline are still accepted and still shown.
 */
public record TemplateState(Template template, boolean retired) {
    public TemplateState {
        Objects.requireNonNull(template, "template");
    }
}

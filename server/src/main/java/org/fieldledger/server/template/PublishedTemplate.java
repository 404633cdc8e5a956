package org.fieldledger.server.template;

import org.fieldledger.model.template.Template;

/** A template version with the hash of its file: publishing the same version with other content is refused. */
public record PublishedTemplate(Template template, String contentSha256) {
}

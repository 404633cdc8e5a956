package org.fieldledger.server.template;

import static org.fieldledger.server.document.FieldException.at;

import java.util.ArrayList;
import java.util.List;
import org.fieldledger.model.template.Question;
import org.fieldledger.model.template.Template;
import org.fieldledger.model.template.TemplateId;
import org.fieldledger.model.template.TemplateRef;
import org.fieldledger.server.document.DocumentReader;
import org.fieldledger.server.document.DocumentSource;
import org.fieldledger.server.document.FieldException;

/** Turns a template file into a {@link PublishedTemplate}, or a {@link org.fieldledger.server.document.DocumentException}. */
public final class TemplateReader {
    private static final DocumentReader READER = DocumentReader.optionalFieldsMayBeOmitted();

    private TemplateReader() {
    }

    public static PublishedTemplate read(DocumentSource source) {
        return READER.read(source, TemplateDocument.class, document -> toDomain(document, source.sha256()));
    }

    private static PublishedTemplate toDomain(TemplateDocument document, String sha256) {
        if (!TemplateDocument.FORMAT.equals(document.format())) {
            throw new FieldException("format", "must be \"" + TemplateDocument.FORMAT + "\"");
        }
        TemplateRef ref = at("id", () -> new TemplateRef(new TemplateId(document.id()), document.version()));
        if (document.questions() == null || document.questions().isEmpty()) {
            throw new FieldException("questions", "must list at least one question");
        }
        List<Question> questions = new ArrayList<>();
        for (int i = 0; i < document.questions().size(); i++) {
            TemplateDocument.QuestionDocument question = document.questions().get(i);
            if (question == null) {
                throw new FieldException("questions[" + i + "]", "must not be null");
            }
            questions.add(at("questions[" + i + "]", question::toQuestion));
        }
        Template template = at("", () -> new Template(ref, document.title(), document.description(),
                document.siteKind(), at("projects", document::projectIds), questions));
        return new PublishedTemplate(template, sha256);
    }
}

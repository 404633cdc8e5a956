package org.fieldledger.server.template;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.fieldledger.model.catalog.ProjectId;
import org.fieldledger.model.template.ChoiceOption;
import org.fieldledger.model.template.Question;
import org.fieldledger.model.template.QuestionType;
import org.fieldledger.model.template.Template;

/**
 * A checklist version as a file holds it and as the API serves it (fieldledger-template/1, see docs/templates.md):
 * one shape for both, so what an admin writes is exactly what a device receives.
 */
public record TemplateDocument(String format, String id, int version, String title, String description,
                               String siteKind, List<String> projects, List<QuestionDocument> questions) {
    static final String FORMAT = "fieldledger-template/1";

    /** A question; settings that do not apply to its type are left out of the JSON. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record QuestionDocument(String id, QuestionType type, String label, String hint, Boolean required,
                                   String unit, BigDecimal min, BigDecimal max, Integer decimals,
                                   List<ChoiceOption> options, Integer maxLength, String pattern, Integer minCount,
                                   Integer maxCount, Boolean failWhen, BigDecimal failBelow, BigDecimal failAbove,
                                   List<String> failOptions) {
        static QuestionDocument of(Question question) {
            return new QuestionDocument(question.id(), question.type(), question.label(), question.hint(),
                    question.required(), question.unit(), question.min(), question.max(), question.decimals(),
                    nullIfEmpty(question.options()), question.maxLength(), question.pattern(), question.minCount(),
                    question.maxCount(), question.failWhen(), question.failBelow(), question.failAbove(),
                    nullIfEmpty(question.failOptions()));
        }

        Question toQuestion() {
            if (required == null) {
                throw new IllegalArgumentException("question " + id + " must say whether it is required");
            }
            return new Question(id, type, label, hint, required, unit, min, max, decimals, options, maxLength,
                    pattern, minCount, maxCount, failWhen, failBelow, failAbove, failOptions);
        }
    }

    public static TemplateDocument of(Template template) {
        List<String> projects = new ArrayList<>();
        template.projects().forEach(project -> projects.add(project.value()));
        List<QuestionDocument> questions = new ArrayList<>();
        template.questions().forEach(question -> questions.add(QuestionDocument.of(question)));
        return new TemplateDocument(FORMAT, template.ref().id().value(), template.ref().version(), template.title(),
                template.description(), template.siteKind(), projects, questions);
    }

    private static <T> List<T> nullIfEmpty(List<T> list) {
        return list.isEmpty() ? null : list;
    }

    List<ProjectId> projectIds() {
        List<ProjectId> ids = new ArrayList<>();
        if (projects != null) {
            projects.forEach(project -> ids.add(new ProjectId(project)));
        }
        return ids;
    }
}

package org.fieldledger.model.template;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.fieldledger.model.catalog.ProjectId;
import org.fieldledger.model.internal.Checks;

/**
 * One version of a checklist. Versions are immutable once published: a changed checklist is a new version, so a
 * visit answered offline against an older one can still be read and validated.
 *
 * @param siteKind the kind of site it is used on (HOUSEHOLD, CANTEEN, PARK…)
 * @param projects the projects whose targets its visits count towards
 */
public record Template(TemplateRef ref, String title, String description, String siteKind, List<ProjectId> projects,
                       List<Question> questions) {
    public Template {
        Objects.requireNonNull(ref, "template reference");
        Checks.nonBlank(title, "template title");
        description = Checks.optionalText(description);
        Checks.nonBlank(siteKind, "site kind");
        projects = Checks.immutableList(projects, "projects");
        questions = Checks.immutableList(questions, "questions");
        if (questions.isEmpty()) {
            throw new IllegalArgumentException("template " + ref + " has no questions");
        }
        Set<String> ids = new HashSet<>();
        for (Question question : questions) {
            if (!ids.add(question.id())) {
                throw new IllegalArgumentException("template " + ref + " has two questions with id " + question.id());
            }
        }
    }

    /** The question with this id, or null. */
    public Question question(String id) {
        for (Question question : questions) {
            if (question.id().equals(id)) {
                return question;
            }
        }
        return null;
    }
}

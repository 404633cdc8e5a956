package org.fieldledger.model.visit;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.fieldledger.model.template.Question;
import org.fieldledger.model.template.Template;

/**
 * Whether a visit passed its checklist, and which answers failed it. Each failed question becomes a corrective action
 * that must be closed by a follow-up visit.
 */
public record CheckOutcome(boolean passed, List<String> failedQuestions) {
    public CheckOutcome {
        failedQuestions = Collections.unmodifiableList(new ArrayList<>(Objects.requireNonNull(failedQuestions)));
        if (passed != failedQuestions.isEmpty()) {
            throw new IllegalArgumentException("a visit passes exactly when no question failed");
        }
    }

    /** Applies the template's fail rules to valid answers (run {@link VisitValidator} first). */
    public static CheckOutcome of(Template template, Map<String, AnswerValue> answers) {
        List<String> failed = new ArrayList<>();
        for (Question question : template.questions()) {
            AnswerValue answer = answers.get(question.id());
            if (answer != null && answer.type() == question.type() && fails(question, answer)) {
                failed.add(question.id());
            }
        }
        return new CheckOutcome(failed.isEmpty(), failed);
    }

    static boolean fails(Question question, AnswerValue answer) {
        if (answer instanceof AnswerValue.YesNo yesNo) {
            return question.failWhen() != null && question.failWhen() == yesNo.value();
        }
        if (answer instanceof AnswerValue.Numeric numeric) {
            BigDecimal value = numeric.value();
            return question.failBelow() != null && value.compareTo(question.failBelow()) < 0
                    || question.failAbove() != null && value.compareTo(question.failAbove()) > 0;
        }
        if (answer instanceof AnswerValue.SingleChoice choice) {
            return question.failOptions().contains(choice.code());
        }
        if (answer instanceof AnswerValue.MultiChoice choices) {
            for (String code : choices.codes()) {
                if (question.failOptions().contains(code)) {
                    return true;
                }
            }
        }
        return false;
    }
}

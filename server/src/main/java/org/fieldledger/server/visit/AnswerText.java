package org.fieldledger.server.visit;

import java.util.ArrayList;
import java.util.List;
import org.fieldledger.model.template.ChoiceOption;
import org.fieldledger.model.template.Question;
import org.fieldledger.model.visit.AnswerValue;

/** An answer as a supervisor reads it in a finding: 否, 9.5 °C, the option labels rather than their codes. */
final class AnswerText {
    private AnswerText() {
    }

    static String describe(Question question, AnswerValue answer) {
        if (answer instanceof AnswerValue.YesNo yesNo) {
            return yesNo.value() ? "是" : "否";
        }
        if (answer instanceof AnswerValue.Numeric numeric) {
            return numeric.value().toPlainString() + " " + question.unit();
        }
        if (answer instanceof AnswerValue.SingleChoice choice) {
            return label(question, choice.code());
        }
        if (answer instanceof AnswerValue.MultiChoice choices) {
            List<String> labels = new ArrayList<>();
            choices.codes().forEach(code -> labels.add(label(question, code)));
            return String.join("、", labels);
        }
        if (answer instanceof AnswerValue.Text text) {
            return text.text();
        }
        return answer.type().name();
    }

    private static String label(Question question, String code) {
        for (ChoiceOption option : question.options()) {
            if (option.code().equals(code)) {
                return option.label();
            }
        }
        return code;
    }
}

package org.fieldledger.model.visit;

import java.util.Objects;
import org.fieldledger.model.internal.Checks;

/**
 * One thing wrong with a visit's answers.
 *
 * @param questionId the question it concerns, as the template names it
 * @param message a sentence an inspector understands, naming the question's label and what is expected
 */
public record Problem(String questionId, ProblemCode code, String message) {
    public Problem {
        Checks.nonBlank(questionId, "question id");
        Objects.requireNonNull(code, "problem code");
        Checks.nonBlank(message, "problem message");
    }
}

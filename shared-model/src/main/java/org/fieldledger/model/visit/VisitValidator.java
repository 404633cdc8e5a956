package org.fieldledger.model.visit;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.fieldledger.model.template.Question;
import org.fieldledger.model.template.Template;

/**
 * Checks a visit's answers against the template version they were given under. The device runs it before it lets an
 * inspector submit, and the server runs it again on every push, so both always agree on what is acceptable.
 *
 * <p>It reports every problem at once, each with the question it concerns: an inspector standing in a kitchen should
 * fix all of them in one pass, not discover them one submit at a time.
 */
public final class VisitValidator {
    /**
     * Text patterns of the checklists, compiled once each: a push validates the same questions visit after visit, and
     * compiling a pattern costs more than matching it. Checklists are few, so the map stays small.
     */
    private static final Map<String, Pattern> PATTERNS = new java.util.concurrent.ConcurrentHashMap<>();

    private VisitValidator() {
    }

    /** Problems with a visit about to be submitted: every required question must be answered. */
    public static List<Problem> validateForSubmit(Template template, Map<String, AnswerValue> answers) {
        return validate(template, answers, true);
    }

    /** Problems with a draft: the answers given must be valid, but unanswered required questions are allowed. */
    public static List<Problem> validateDraft(Template template, Map<String, AnswerValue> answers) {
        return validate(template, answers, false);
    }

    private static List<Problem> validate(Template template, Map<String, AnswerValue> answers, boolean complete) {
        List<Problem> problems = new ArrayList<>();
        for (String questionId : answers.keySet()) {
            if (template.question(questionId) == null) {
                problems.add(new Problem(questionId, ProblemCode.UNKNOWN_QUESTION,
                        "'" + questionId + "' is not a question of checklist " + template.ref()));
            }
        }
        for (Question question : template.questions()) {
            AnswerValue answer = answers.get(question.id());
            if (answer == null) {
                if (complete && question.required()) {
                    problems.add(problem(question, ProblemCode.REQUIRED_ANSWER_MISSING, "is required"));
                }
                continue;
            }
            if (answer.type() != question.type()) {
                problems.add(problem(question, ProblemCode.WRONG_ANSWER_TYPE,
                        "expects a " + question.type() + " answer, not " + answer.type()));
                continue;
            }
            checkAnswer(question, answer, problems);
        }
        return Collections.unmodifiableList(problems);
    }

    private static void checkAnswer(Question question, AnswerValue answer, List<Problem> problems) {
        if (answer instanceof AnswerValue.Numeric numeric) {
            checkNumber(question, numeric.value(), problems);
        } else if (answer instanceof AnswerValue.SingleChoice choice) {
            checkOptions(question, Collections.singletonList(choice.code()), problems);
        } else if (answer instanceof AnswerValue.MultiChoice choices) {
            checkOptions(question, choices.codes(), problems);
        } else if (answer instanceof AnswerValue.Text text) {
            checkText(question, text.text(), problems);
        } else if (answer instanceof AnswerValue.Photos photos) {
            checkPhotos(question, photos.photos(), problems);
        }
    }

    private static void checkNumber(Question question, BigDecimal value, List<Problem> problems) {
        if (question.min() != null && value.compareTo(question.min()) < 0
                || question.max() != null && value.compareTo(question.max()) > 0) {
            problems.add(problem(question, ProblemCode.OUT_OF_RANGE, "must be between "
                    + bound(question.min()) + " and " + bound(question.max()) + " " + question.unit()
                    + ", was " + value.toPlainString()));
        }
        if (Math.max(0, value.stripTrailingZeros().scale()) > question.decimalsOrZero()) {
            problems.add(problem(question, ProblemCode.TOO_MANY_DECIMALS, "takes at most "
                    + question.decimalsOrZero() + " decimal places, was " + value.toPlainString()));
        }
    }

    private static String bound(BigDecimal bound) {
        return bound == null ? "any" : bound.toPlainString();
    }

    private static void checkOptions(Question question, List<String> codes, List<Problem> problems) {
        Set<String> seen = new HashSet<>();
        for (String code : codes) {
            if (!question.hasOption(code)) {
                problems.add(problem(question, ProblemCode.UNKNOWN_OPTION, "has no option '" + code + "'"));
            } else if (!seen.add(code)) {
                problems.add(problem(question, ProblemCode.DUPLICATE_OPTION, "lists option '" + code + "' twice"));
            }
        }
        if (codes.isEmpty() && question.required()) {
            problems.add(problem(question, ProblemCode.REQUIRED_ANSWER_MISSING, "needs at least one option chosen"));
        }
    }

    private static void checkText(Question question, String text, List<Problem> problems) {
        if (question.required() && text.trim().isEmpty()) {
            problems.add(problem(question, ProblemCode.REQUIRED_ANSWER_MISSING, "is required and was left blank"));
            return;
        }
        int length = text.codePointCount(0, text.length());
        if (question.maxLength() != null && length > question.maxLength()) {
            problems.add(problem(question, ProblemCode.TEXT_TOO_LONG, "takes at most " + question.maxLength()
                    + " characters, was " + length));
        }
        if (question.pattern() != null && !text.isEmpty()
                && !PATTERNS.computeIfAbsent(question.pattern(), Pattern::compile).matcher(text).matches()) {
            problems.add(problem(question, ProblemCode.TEXT_PATTERN_MISMATCH, "'" + text + "' is not in the expected form "
                    + question.pattern()));
        }
    }

    private static void checkPhotos(Question question, List<PhotoRef> photos, List<Problem> problems) {
        if (photos.size() < question.minPhotos()) {
            problems.add(problem(question, ProblemCode.TOO_FEW_PHOTOS, "needs at least " + question.minPhotos()
                    + " photos, has " + photos.size()));
        }
        if (question.maxCount() != null && photos.size() > question.maxCount()) {
            problems.add(problem(question, ProblemCode.TOO_MANY_PHOTOS, "takes at most " + question.maxCount()
                    + " photos, has " + photos.size()));
        }
        if (new HashSet<>(photos).size() < photos.size()) {
            problems.add(problem(question, ProblemCode.DUPLICATE_PHOTO, "has the same photo attached twice"));
        }
    }

    private static Problem problem(Question question, ProblemCode code, String what) {
        return new Problem(question.id(), code, "'" + question.label() + "' (" + question.id() + ") " + what);
    }
}

package org.fieldledger.model.visit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fieldledger.model.visit.SmokeAlarmChecklist.*;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fieldledger.model.template.Template;
import org.junit.jupiter.api.Test;

class VisitValidatorTest {
    private final Template template = template();

    private static Map<String, AnswerValue> completeAnswers() {
        Map<String, AnswerValue> answers = new LinkedHashMap<>();
        answers.put(SOUND_TEST, new AnswerValue.YesNo(true));
        answers.put(SERIAL, new AnswerValue.Text("JTY-GD-2024-0137"));
        answers.put(POSITION, new AnswerValue.SingleChoice("bedroom_ceiling"));
        answers.put(HEIGHT, new AnswerValue.Numeric(new BigDecimal("0.30")));
        answers.put(PHOTOS, new AnswerValue.Photos(Arrays.asList(photo('a'), photo('b'))));
        answers.put(SIGNATURE, new AnswerValue.Signature(photo('c')));
        return answers;
    }

    @Test
    void completeValidAnswersHaveNoProblems() {
        assertThat(VisitValidator.validateForSubmit(template, completeAnswers())).isEmpty();
    }

    @Test
    void everyProblemIsReportedAtOnceWithItsQuestion() {
        Map<String, AnswerValue> answers = completeAnswers();
        answers.remove(SOUND_TEST);
        answers.put(SERIAL, new AnswerValue.Text("37号"));
        answers.put(POSITION, new AnswerValue.SingleChoice("balcony"));
        answers.put(HEIGHT, new AnswerValue.Numeric(new BigDecimal("4.125")));
        answers.put(PHOTOS, new AnswerValue.Photos(Collections.singletonList(photo('a'))));
        answers.put("resident_mood", new AnswerValue.Text("good"));

        List<Problem> problems = VisitValidator.validateForSubmit(template, answers);

        assertThat(problems).extracting(Problem::questionId, Problem::code).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("resident_mood", ProblemCode.UNKNOWN_QUESTION),
                org.assertj.core.groups.Tuple.tuple(SOUND_TEST, ProblemCode.REQUIRED_ANSWER_MISSING),
                org.assertj.core.groups.Tuple.tuple(SERIAL, ProblemCode.TEXT_PATTERN_MISMATCH),
                org.assertj.core.groups.Tuple.tuple(POSITION, ProblemCode.UNKNOWN_OPTION),
                org.assertj.core.groups.Tuple.tuple(HEIGHT, ProblemCode.OUT_OF_RANGE),
                org.assertj.core.groups.Tuple.tuple(HEIGHT, ProblemCode.TOO_MANY_DECIMALS),
                org.assertj.core.groups.Tuple.tuple(PHOTOS, ProblemCode.TOO_FEW_PHOTOS));
        assertThat(problems).filteredOn(p -> p.questionId().equals(HEIGHT)).first()
                .extracting(Problem::message).asString().contains("距顶棚距离", "between 0 and 3 m", "4.125");
    }

    @Test
    void draftMayLeaveRequiredQuestionsOpenButNotAnswerThemWrongly() {
        Map<String, AnswerValue> answers = new LinkedHashMap<>();
        answers.put(SOUND_TEST, new AnswerValue.Text("yes"));

        assertThat(VisitValidator.validateDraft(template, answers)).extracting(Problem::code)
                .containsExactly(ProblemCode.WRONG_ANSWER_TYPE);
        assertThat(VisitValidator.validateDraft(template, Collections.emptyMap())).isEmpty();
    }

    @Test
    void samePhotoTwiceIsRefused() {
        Map<String, AnswerValue> answers = completeAnswers();
        answers.put(PHOTOS, new AnswerValue.Photos(Arrays.asList(photo('a'), photo('a'))));

        assertThat(VisitValidator.validateForSubmit(template, answers)).extracting(Problem::code)
                .containsExactly(ProblemCode.DUPLICATE_PHOTO);
    }

    @Test
    void failRulesDecideTheOutcomeAndNameEachFailedQuestion() {
        Map<String, AnswerValue> answers = completeAnswers();
        assertThat(CheckOutcome.of(template, answers).passed()).isTrue();

        answers.put(SOUND_TEST, new AnswerValue.YesNo(false));
        answers.put(POSITION, new AnswerValue.SingleChoice("kitchen"));
        answers.put(HEIGHT, new AnswerValue.Numeric(new BigDecimal("0.8")));
        CheckOutcome outcome = CheckOutcome.of(template, answers);

        assertThat(outcome.passed()).isFalse();
        assertThat(outcome.failedQuestions()).containsExactly(SOUND_TEST, POSITION, HEIGHT);
    }
}

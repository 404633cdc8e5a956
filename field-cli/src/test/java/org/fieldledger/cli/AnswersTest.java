package org.fieldledger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonParser;
import java.math.BigDecimal;
import java.util.List;
import org.fieldledger.model.site.GeoPoint;
import org.fieldledger.model.template.ChoiceOption;
import org.fieldledger.model.template.Question;
import org.fieldledger.model.template.QuestionType;
import org.fieldledger.model.visit.AnswerValue;
import org.junit.jupiter.api.Test;

/** How typed and filed answers are read, question type by question type (docs/field-cli.md, "Answers"). */
class AnswersTest {
    private static final Question PLACEMENT = Question.builder("placement", QuestionType.SINGLE_CHOICE).label("安装位置")
            .required(true).options(List.of(new ChoiceOption("bedroom_ceiling", "卧室顶棚"),
                    new ChoiceOption("wall", "墙面"))).failOptions(List.of("wall")).build();
    private static final Question DISTANCE = Question.builder("distance_to_wall_m", QuestionType.NUMBER)
            .label("报警器距墙壁的水平距离").unit("m").range(BigDecimal.ZERO, new BigDecimal("20")).decimals(2).build();
    private static final Question TEST_SOUNDS = Question.builder("test_sounds", QuestionType.YES_NO).label("报警器鸣响")
            .failWhen(false).build();
    private static final Question PHOTOS = Question.builder("photos", QuestionType.PHOTO).label("照片").required(true)
            .photoCount(2, 6).build();
    private static final Question LOCATION = Question.builder("location", QuestionType.GPS).label("入户定位").build();

    @Test
    void choiceIsReadFromItsCodeNumberOrLabel() throws Exception {
        assertThat(Answers.fromText(PLACEMENT, "bedroom_ceiling")).isEqualTo(choice("bedroom_ceiling"));
        assertThat(Answers.fromText(PLACEMENT, "2")).isEqualTo(choice("wall"));
        assertThat(Answers.fromText(PLACEMENT, "卧室顶棚")).isEqualTo(choice("bedroom_ceiling"));
        assertThatThrownBy(() -> Answers.fromText(PLACEMENT, "ceiling")).isInstanceOf(Answers.Unreadable.class)
                .hasMessageContaining("not one of its options: bedroom_ceiling, wall");
    }

    @Test
    void numberMayCarryItsUnit() throws Exception {
        assertThat(Answers.fromText(DISTANCE, "0.8 m")).isEqualTo(new AnswerValue.Numeric(new BigDecimal("0.8")));
        assertThat(Answers.fromText(DISTANCE, "0.80m")).isEqualTo(new AnswerValue.Numeric(new BigDecimal("0.80")));
        assertThatThrownBy(() -> Answers.fromText(DISTANCE, "eighty cm"))
                .hasMessageContaining("a number in m from 0 to 20");
    }

    @Test
    void yesOrNoInEnglishOrChinese() throws Exception {
        assertThat(Answers.fromText(TEST_SOUNDS, "是")).isEqualTo(new AnswerValue.YesNo(true));
        assertThat(Answers.fromText(TEST_SOUNDS, "N")).isEqualTo(new AnswerValue.YesNo(false));
        assertThat(Answers.fromJson(TEST_SOUNDS, JsonParser.parseString("true")))
                .isEqualTo(new AnswerValue.YesNo(true));
        assertThatThrownBy(() -> Answers.fromText(TEST_SOUNDS, "maybe")).hasMessage("answer yes or no, not 'maybe'");
    }

    @Test
    void photoAnswersAreFileNamesForClientCoreToAttach() throws Exception {
        assertThat(Answers.photoText(PHOTOS, JsonParser.parseString("[\"ceiling.jpg\", \"phone.jpg\"]")))
                .isEqualTo("ceiling.jpg,phone.jpg");
        assertThat(Answers.split(Answers.photoText(PHOTOS, JsonParser.parseString("\"ceiling.jpg\""))))
                .containsExactly("ceiling.jpg");
        assertThatThrownBy(() -> Answers.fromText(PHOTOS, "ceiling.jpg")).hasMessageContaining("PhotoAnswers");
    }

    @Test
    void locationFromTextOrObject() throws Exception {
        assertThat(Answers.fromText(LOCATION, "35.4012, 116.5633, 6"))
                .isEqualTo(new AnswerValue.Location(new GeoPoint(35.4012, 116.5633, 6.0)));
        assertThat(Answers.fromJson(LOCATION, JsonParser.parseString("{\"latitude\":35.4012,\"longitude\":116.5633}"))).isEqualTo(new AnswerValue.Location(new GeoPoint(35.4012, 116.5633, null)));
        assertThatThrownBy(() -> Answers.fromText(LOCATION, "135.4, 116.5")).hasMessageContaining("not a location");
    }

    private static AnswerValue choice(String code) {
        return new AnswerValue.SingleChoice(code);
    }
}

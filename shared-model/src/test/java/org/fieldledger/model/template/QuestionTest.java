package org.fieldledger.model.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collections;
import org.junit.jupiter.api.Test;

class QuestionTest {
    @Test
    void settingOfAnotherTypeIsRefusedByName() {
        assertThatThrownBy(() -> Question.builder("licence_displayed", QuestionType.YES_NO).label("许可证是否公示")
                .unit("°C").photoCount(1, null).build())
                .hasMessageContaining("licence_displayed").hasMessageContaining("unit").hasMessageContaining("minCount");
    }

    @Test
    void failOptionMustBeAnOption() {
        assertThatThrownBy(() -> Question.builder("hygiene_grade", QuestionType.SINGLE_CHOICE).label("卫生等级")
                .options(Arrays.asList(new ChoiceOption("good", "良好"), new ChoiceOption("poor", "较差")))
                .failOptions(Collections.singletonList("bad")).build())
                .hasMessageContaining("'bad'");
    }

    @Test
    void numberNeedsUnitAndAnOrderedRange() {
        assertThatThrownBy(() -> Question.builder("fridge_temp_c", QuestionType.NUMBER).label("冷藏温度").build())
                .hasMessageContaining("unit");
        assertThatThrownBy(() -> Question.builder("fridge_temp_c", QuestionType.NUMBER).label("冷藏温度").unit("°C")
                .range(new BigDecimal("15"), new BigDecimal("-30")).build())
                .hasMessageContaining("min 15 not below max -30");
    }

    @Test
    void requiredPhotoQuestionNeedsAtLeastOnePhoto() {
        Question photos = Question.builder("kitchen_photos", QuestionType.PHOTO).label("后厨照片").required(true).build();
        assertThat(photos.minPhotos()).isEqualTo(1);
    }

    @Test
    void templateReferenceRoundTripsThroughText() {
        TemplateRef ref = TemplateRef.parse("canteen-food-safety@3");
        assertThat(ref.id().value()).isEqualTo("canteen-food-safety");
        assertThat(ref.version()).isEqualTo(3);
        assertThat(ref.toString()).isEqualTo("canteen-food-safety@3");
        assertThatThrownBy(() -> TemplateRef.parse("canteen-food-safety")).hasMessageContaining("id@version");
    }
}

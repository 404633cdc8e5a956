package org.fieldledger.model.visit;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collections;
import org.fieldledger.model.catalog.ProjectId;
import org.fieldledger.model.template.ChoiceOption;
import org.fieldledger.model.template.Question;
import org.fieldledger.model.template.QuestionType;
import org.fieldledger.model.template.Template;
import org.fieldledger.model.template.TemplateRef;

/** A cut-down smoke-alarm installation checklist, as used for 001 #2 (129 households). */
final class SmokeAlarmChecklist {
    static final String SOUND_TEST = "test_button_sounds";
    static final String SERIAL = "alarm_serial";
    static final String POSITION = "installation_position";
    static final String HEIGHT = "ceiling_distance_m";
    static final String PHOTOS = "alarm_photos";
    static final String SIGNATURE = "resident_signature";

    private SmokeAlarmChecklist() {
    }

    static Template template() {
        return new Template(TemplateRef.parse("smoke-alarm-installation@1"), "独居老人火灾探测报警器安装核查", null,
                "HOUSEHOLD", Collections.singletonList(new ProjectId("gaoxin-2024-2")), Arrays.asList(
                Question.builder(SOUND_TEST, QuestionType.YES_NO).label("按下测试键，报警器是否鸣响").required(true)
                        .failWhen(false).build(),
                Question.builder(SERIAL, QuestionType.TEXT).label("报警器序列号").required(true).maxLength(32)
                        .pattern("[A-Za-z0-9-]{6,32}").build(),
                Question.builder(POSITION, QuestionType.SINGLE_CHOICE).label("安装位置").required(true)
                        .options(Arrays.asList(new ChoiceOption("bedroom_ceiling", "卧室顶棚"),
                                new ChoiceOption("kitchen", "厨房内")))
                        .failOptions(Collections.singletonList("kitchen")).build(),
                Question.builder(HEIGHT, QuestionType.NUMBER).label("距顶棚距离").required(false).unit("m")
                        .range(BigDecimal.ZERO, new BigDecimal("3")).decimals(2)
                        .failOutside(null, new BigDecimal("0.5")).build(),
                Question.builder(PHOTOS, QuestionType.PHOTO).label("安装照片").required(true).photoCount(2, 6).build(),
                Question.builder(SIGNATURE, QuestionType.SIGNATURE).label("老人签字").required(true).build()));
    }

    static PhotoRef photo(char fill) {
        char[] hex = new char[64];
        Arrays.fill(hex, fill);
        return new PhotoRef(new String(hex));
    }
}

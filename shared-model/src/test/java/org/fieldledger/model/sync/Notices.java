package org.fieldledger.model.sync;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fieldledger.model.catalog.Area;
import org.fieldledger.model.catalog.ProjectId;
import org.fieldledger.model.review.Completion;
import org.fieldledger.model.review.CompletionId;
import org.fieldledger.model.review.CompletionStatus;
import org.fieldledger.model.review.CorrectiveAction;
import org.fieldledger.model.review.CorrectiveActionId;
import org.fieldledger.model.site.GeoPoint;
import org.fieldledger.model.site.Site;
import org.fieldledger.model.site.SiteId;
import org.fieldledger.model.template.Template;
import org.fieldledger.model.template.TemplateRef;
import org.fieldledger.model.visit.AnswerValue;
import org.fieldledger.model.visit.PhotoRef;
import org.fieldledger.model.visit.VisitId;

/**
 * Realistic records from the notices: smoke alarms for elderly people living alone in 王因街道 (济高新管发〔2024〕1号,
 * project 2, 129 households) and school canteen inspections (济高新管发〔2026〕1号, task 1, 91 canteens, 300 batches).
 */
final class Notices {
    static final String DEVICE = "tablet-7f3a9c21";
    static final SiteId HOUSEHOLD_37 = new SiteId("gx-wangyin-household-037");
    static final SiteId CANTEEN = new SiteId("gx-huangtun-primary-canteen");
    static final VisitId HOUSEHOLD_VISIT = new VisitId("c3e1a7d0-9a43-4c61-a0e5-4b2f5fd1d9aa");
    static final VisitId CANTEEN_VISIT = new VisitId("5a02b6c4-1f0e-4d3b-9b8e-2f61c0a7d512");
    static final ProjectId SMOKE_ALARMS = new ProjectId("gaoxin-2024-2");
    static final String SMOKE_ALARM_METRIC = "为独居、行动不便的老年人安装火灾探测报警器";
    static final GeoPoint AT_HOUSEHOLD_37 = new GeoPoint(35.3921, 116.6012, 8.5);

    private Notices() {
    }

    static Template smokeAlarmTemplate() {
        return WireJson.readTemplate(resource("/templates/smoke-alarm-installation.v1.json"));
    }

    static Template canteenTemplate() {
        return WireJson.readTemplate(resource("/templates/canteen-food-safety.v1.json"));
    }

    static String resource(String name) {
        try (InputStream in = Notices.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static PhotoRef photo(char fill) {
        char[] hex = new char[64];
        Arrays.fill(hex, fill);
        return new PhotoRef(new String(hex));
    }

    static Site household37() {
        return new Site(HOUSEHOLD_37, "王因街道前村37号 张桂兰户", "HOUSEHOLD", new Area("王因街道"), "王因街道前村37号",
                AT_HOUSEHOLD_37, Collections.singletonList(SMOKE_ALARMS));
    }

    static Site canteen() {
        return new Site(CANTEEN, "黄屯街道中心小学食堂", "CANTEEN", new Area("黄屯街道"), null, null,
                Collections.singletonList(new ProjectId("gaoxin-2026-1")));
    }

    static Map<String, AnswerValue> householdAnswers() {
        Map<String, AnswerValue> answers = new LinkedHashMap<>();
        answers.put("resident_name", new AnswerValue.Text("张桂兰"));
        answers.put("lives_alone", new AnswerValue.YesNo(true));
        answers.put("alarm_serial", new AnswerValue.Text("JTY-GD-2024-0137"));
        answers.put("alarm_model", new AnswerValue.Text("海曼 HM-618PH-NB"));
        answers.put("placement", new AnswerValue.SingleChoice("bedroom_ceiling"));
        answers.put("distance_to_wall_m", new AnswerValue.Numeric(new BigDecimal("0.80")));
        answers.put("test_sounds", new AnswerValue.YesNo(true));
        answers.put("audible_at_bed", new AnswerValue.YesNo(true));
        answers.put("phone_alert_received", new AnswerValue.YesNo(true));
        answers.put("contact_phone", new AnswerValue.Text("13905371234"));
        answers.put("power_status", new AnswerValue.SingleChoice("battery_ok"));
        answers.put("resident_trained", new AnswerValue.YesNo(true));
        answers.put("photos", new AnswerValue.Photos(Arrays.asList(photo('a'), photo('b'))));
        answers.put("resident_signature", new AnswerValue.Signature(photo('c')));
        answers.put("location", new AnswerValue.Location(AT_HOUSEHOLD_37));
        return answers;
    }

    static VisitSubmission householdVisit() {
        return new VisitSubmission(HOUSEHOLD_VISIT, null, HOUSEHOLD_37, TemplateRef.parse("smoke-alarm-installation@1"),
                Instant.parse("2026-11-23T08:41:10Z"), Instant.parse("2026-11-23T08:58:42.125Z"), AT_HOUSEHOLD_37,
                householdAnswers());
    }

    static Map<String, AnswerValue> canteenAnswers() {
        Map<String, AnswerValue> answers = new LinkedHashMap<>();
        answers.put("site_type", new AnswerValue.SingleChoice("primary_secondary_canteen"));
        answers.put("licence", new AnswerValue.SingleChoice("valid_displayed"));
        answers.put("health_certificates", new AnswerValue.YesNo(true));
        answers.put("sample_retention", new AnswerValue.SingleChoice("compliant"));
        answers.put("chiller_temp_c", new AnswerValue.Numeric(new BigDecimal("9.5")));
        answers.put("freezer_temp_c", new AnswerValue.Numeric(new BigDecimal("-18.0")));
        answers.put("raw_cooked_separated", new AnswerValue.YesNo(true));
        answers.put("purchase_records", new AnswerValue.YesNo(true));
        answers.put("pest_control", new AnswerValue.YesNo(true));
        answers.put("tableware_disinfection", new AnswerValue.SingleChoice("compliant"));
        answers.put("additives", new AnswerValue.SingleChoice("not_used"));
        answers.put("open_kitchen", new AnswerValue.SingleChoice("working"));
        answers.put("accompany_meal", new AnswerValue.SingleChoice("complete"));
        answers.put("sampling_batches", new AnswerValue.Numeric(new BigDecimal("3")));
        answers.put("sample_labels", new AnswerValue.Text("GX2026-0412、GX2026-0413、GX2026-0414"));
        answers.put("hygiene_grade", new AnswerValue.SingleChoice("fair"));
        answers.put("issues_found", new AnswerValue.MultiChoice(Arrays.asList("attire", "not_off_floor")));
        answers.put("photos", new AnswerValue.Photos(Arrays.asList(photo('d'), photo('e'), photo('f'))));
        answers.put("manager_signature", new AnswerValue.Signature(photo('0')));
        answers.put("location", new AnswerValue.Location(GeoPoint.of(35.4102, 116.5523)));
        return answers;
    }

    static VisitSubmission canteenVisit() {
        return new VisitSubmission(CANTEEN_VISIT, null, CANTEEN, TemplateRef.parse("canteen-food-safety@1"),
                Instant.parse("2026-03-12T02:10:00Z"), Instant.parse("2026-03-12T03:05:30Z"), null, canteenAnswers());
    }

    static CompletionSubmission completion() {
        return new CompletionSubmission(new CompletionId("b1f0c2d4-77aa-4e1b-8d0f-6a5c3e2b1f90"), SMOKE_ALARMS,
                SMOKE_ALARM_METRIC, HOUSEHOLD_37, BigDecimal.ONE, Collections.singletonList(HOUSEHOLD_VISIT),
                "已安装并测试");
    }

    static Completion rejectedCompletion() {
        CompletionSubmission claim = completion();
        return new Completion(claim.id(), claim.projectId(), claim.metric(), claim.siteId(), claim.quantity(),
                claim.evidence(), "wangyin-office", Instant.parse("2026-11-24T01:00:00Z"), CompletionStatus.REJECTED,
                "duchashi-li", Instant.parse("2026-11-26T07:30:00Z"), "照片无法辨认序列号");
    }

    static CorrectiveAction chillerTooWarm() {
        return new CorrectiveAction(new CorrectiveActionId("ca-5a02b6c4-chiller_temp_c"), CANTEEN_VISIT, CANTEEN,
                "chiller_temp_c", "冷藏设施最高温度 9.5°C，高于8°C", LocalDate.parse("2026-03-19"),
                CorrectiveAction.Status.OPEN, null);
    }

    static Hlc hlc(long wall, int counter) {
        return new Hlc(wall, counter, DEVICE);
    }
}

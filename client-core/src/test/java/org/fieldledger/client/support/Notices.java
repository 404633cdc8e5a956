package org.fieldledger.client.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fieldledger.model.catalog.Area;
import org.fieldledger.model.catalog.ProjectId;
import org.fieldledger.model.site.GeoPoint;
import org.fieldledger.model.site.Site;
import org.fieldledger.model.site.SiteId;
import org.fieldledger.model.sync.WireJson;
import org.fieldledger.model.template.Template;
import org.fieldledger.model.template.TemplateRef;
import org.fieldledger.model.visit.AnswerValue;
import org.fieldledger.model.visit.PhotoRef;

/**
 * Records from the notices: smoke alarms for elderly people living alone in 王因街道 (济高新管发〔2024〕1号, project 2:
 * 129 households) and school canteen inspections in 黄屯街道 (济高新管发〔2026〕1号, task 1).
 */
public final class Notices {
    public static final TemplateRef SMOKE_ALARM = TemplateRef.parse("smoke-alarm-installation@1");
    public static final TemplateRef CANTEEN_CHECK = TemplateRef.parse("canteen-food-safety@1");
    public static final Area WANGYIN = new Area("王因街道");
    public static final Area HUANGTUN = new Area("黄屯街道");
    public static final ProjectId SMOKE_ALARMS = new ProjectId("gaoxin-2024-2");
    public static final GeoPoint QIANCUN = new GeoPoint(35.3921, 116.6012, 8.5);

    private Notices() {
    }

    public static Template smokeAlarmTemplate() {
        return WireJson.readTemplate(resource("/templates/smoke-alarm-installation.v1.json"));
    }

    public static Template canteenTemplate() {
        return WireJson.readTemplate(resource("/templates/canteen-food-safety.v1.json"));
    }

    /** Household {@code n} of 前村 in 王因街道, on the smoke-alarm list. */
    public static Site household(int n) {
        String number = String.format("%03d", n);
        return new Site(new SiteId("gx-wangyin-household-" + number), "王因街道前村" + n + "号 独居老人户", "HOUSEHOLD",
                WANGYIN, "王因街道前村" + n + "号", QIANCUN, Collections.singletonList(SMOKE_ALARMS));
    }

    public static Site canteen() {
        return new Site(new SiteId("gx-huangtun-primary-canteen"), "黄屯街道中心小学食堂", "CANTEEN", HUANGTUN, null,
                null, Collections.singletonList(new ProjectId("gaoxin-2026-1")));
    }

    public static PhotoRef photo(char fill) {
        char[] hex = new char[64];
        Arrays.fill(hex, fill);
        return new PhotoRef(new String(hex));
    }

    /** A complete, passing smoke-alarm check of one household. */
    public static Map<String, AnswerValue> householdAnswers(String resident, String serial) {
        Map<String, AnswerValue> answers = new LinkedHashMap<>();
        answers.put("resident_name", new AnswerValue.Text(resident));
        answers.put("lives_alone", new AnswerValue.YesNo(true));
        answers.put("alarm_serial", new AnswerValue.Text(serial));
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
        answers.put("location", new AnswerValue.Location(QIANCUN));
        return answers;
    }

    public static String resource(String name) {
        try (InputStream in = Notices.class.getResourceAsStream(name)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return new String(out.toByteArray(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

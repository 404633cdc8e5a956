package org.fieldledger.model.sync;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.fieldledger.model.catalog.ProjectId;
import org.fieldledger.model.template.ChoiceOption;
import org.fieldledger.model.template.Question;
import org.fieldledger.model.template.QuestionType;
import org.fieldledger.model.template.Template;
import org.fieldledger.model.template.TemplateId;
import org.fieldledger.model.template.TemplateRef;

/**
 * The template document ({@code fieldledger-template/1}): one shape for the files an admin publishes, the API and the
 * pull feed. A question's settings that do not apply to its type are left out, as in the files.
 */
final class TemplateJson {
    static final String FORMAT = "fieldledger-template/1";

    private TemplateJson() {
    }

    static Map<String, Object> template(Template template) {
        return new JsonOut()
                .put("format", FORMAT)
                .put("id", template.ref().id())
                .put("version", template.ref().version())
                .put("title", template.title())
                .putIfPresent("description", template.description())
                .put("siteKind", template.siteKind())
                .putList("projects", template.projects(), ProjectId::value)
                .putList("questions", template.questions(), TemplateJson::question)
                .build();
    }

    static Template template(JsonIn in) {
        JsonIn.Obj obj = in.object();
        Template template = readTemplate(obj);
        obj.end();
        return template;
    }

    /** The TEMPLATE change: the document plus {@code "retired"}. */
    static Map<String, Object> state(TemplateState state) {
        Map<String, Object> json = template(state.template());
        json.put("retired", state.retired());
        return json;
    }

    static TemplateState state(JsonIn in) {
        JsonIn.Obj obj = in.object();
        Template template = readTemplate(obj);
        boolean retired = obj.get("retired").bool();
        obj.end();
        return new TemplateState(template, retired);
    }

    private static Template readTemplate(JsonIn.Obj obj) {
        JsonIn format = obj.get("format");
        if (!FORMAT.equals(format.string())) {
            throw format.error("unsupported template format '" + format.string() + "', expected " + FORMAT);
        }
        TemplateId id = obj.as("id", TemplateId::new);
        int version = obj.get("version").intValue();
        String title = obj.string("title");
        String description = obj.optString("description");
        String siteKind = obj.string("siteKind");
        List<ProjectId> projects = obj.read("projects", list -> list.list(item -> item.as(ProjectId::new)));
        List<Question> questions = obj.read("questions", list -> list.list(TemplateJson::question));
        return obj.build(() -> new Template(new TemplateRef(id, version), title, description, siteKind, projects,
                questions));
    }

    private static Map<String, Object> question(Question question) {
        return new JsonOut()
                .put("id", question.id())
                .put("type", question.type())
                .put("label", question.label())
                .putIfPresent("hint", question.hint())
                .put("required", question.required())
                .putIfPresent("unit", question.unit())
                .putIfPresent("min", question.min())
                .putIfPresent("max", question.max())
                .putIfPresent("decimals", question.decimals())
                .putIfPresent("options", question.options().isEmpty() ? null : JsonOut.list(question.options(),
                        option -> new JsonOut().put("code", option.code()).put("label", option.label()).build()))
                .putIfPresent("maxLength", question.maxLength())
                .putIfPresent("pattern", question.pattern())
                .putIfPresent("minCount", question.minCount())
                .putIfPresent("maxCount", question.maxCount())
                .putIfPresent("failWhen", question.failWhen())
                .putIfPresent("failBelow", question.failBelow())
                .putIfPresent("failAbove", question.failAbove())
                .putIfPresent("failOptions", question.failOptions().isEmpty() ? null
                        : JsonOut.list(question.failOptions(), code -> code))
                .build();
    }

    private static Question question(JsonIn in) {
        JsonIn.Obj obj = in.object();
        String id = obj.string("id");
        QuestionType type = obj.get("type").enumValue(QuestionType.class);
        String label = obj.string("label");
        String hint = obj.optString("hint");
        boolean required = obj.get("required").bool();
        String unit = obj.optString("unit");
        BigDecimal min = optDecimal(obj, "min");
        BigDecimal max = optDecimal(obj, "max");
        Integer decimals = optInt(obj, "decimals");
        List<ChoiceOption> options = obj.optRead("options", list -> list.list(TemplateJson::option));
        Integer maxLength = optInt(obj, "maxLength");
        String pattern = obj.optString("pattern");
        Integer minCount = optInt(obj, "minCount");
        Integer maxCount = optInt(obj, "maxCount");
        JsonIn failWhenIn = obj.opt("failWhen");
        Boolean failWhen = failWhenIn == null ? null : failWhenIn.bool();
        BigDecimal failBelow = optDecimal(obj, "failBelow");
        BigDecimal failAbove = optDecimal(obj, "failAbove");
        List<String> failOptions = obj.optRead("failOptions", list -> list.list(JsonIn::string));
        obj.end();
        return obj.build(() -> new Question(id, type, label, hint, required, unit, min, max, decimals, options,
                maxLength, pattern, minCount, maxCount, failWhen, failBelow, failAbove, failOptions));
    }

    private static ChoiceOption option(JsonIn in) {
        JsonIn.Obj obj = in.object();
        String code = obj.string("code");
        String label = obj.string("label");
        obj.end();
        return obj.build(() -> new ChoiceOption(code, label));
    }

    private static BigDecimal optDecimal(JsonIn.Obj obj, String name) {
        JsonIn value = obj.opt(name);
        return value == null ? null : value.decimal();
    }

    private static Integer optInt(JsonIn.Obj obj, String name) {
        JsonIn value = obj.opt(name);
        return value == null ? null : value.intValue();
    }
}

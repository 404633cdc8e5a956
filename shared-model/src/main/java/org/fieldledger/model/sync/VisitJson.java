package org.fieldledger.model.sync;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fieldledger.model.site.GeoPoint;
import org.fieldledger.model.site.SiteId;
import org.fieldledger.model.template.QuestionType;
import org.fieldledger.model.template.TemplateId;
import org.fieldledger.model.template.TemplateRef;
import org.fieldledger.model.visit.AnswerValue;
import org.fieldledger.model.visit.CheckOutcome;
import org.fieldledger.model.visit.PhotoRef;
import org.fieldledger.model.visit.Problem;
import org.fieldledger.model.visit.ProblemCode;
import org.fieldledger.model.visit.Visit;
import org.fieldledger.model.visit.VisitId;

/** Visits on the wire: answers, the SUBMIT_VISIT payload, the VISIT change, and the problems of a rejection. */
final class VisitJson {
    private VisitJson() {
    }

    static Map<String, Object> submission(VisitSubmission visit) {
        return new JsonOut()
                .put("id", visit.id())
                .put("revisionOf", visit.revisionOf())
                .put("siteId", visit.siteId())
                .put("template", templateRef(visit.template()))
                .put("startedAt", visit.startedAt())
                .put("submittedAt", visit.submittedAt())
                .put("location", visit.location() == null ? null : geo(visit.location()))
                .put("answers", answers(visit.answers()))
                .build();
    }

    static VisitSubmission submission(JsonIn in) {
        JsonIn.Obj obj = in.object();
        VisitSubmission visit = readSubmission(obj);
        obj.end();
        return visit;
    }

    private static VisitSubmission readSubmission(JsonIn.Obj obj) {
        VisitId id = obj.as("id", VisitId::new);
        VisitId revisionOf = obj.optAs("revisionOf", VisitId::new);
        SiteId siteId = obj.as("siteId", SiteId::new);
        TemplateRef template = obj.read("template", VisitJson::templateRef);
        Instant startedAt = obj.get("startedAt").instant();
        Instant submittedAt = obj.get("submittedAt").instant();
        GeoPoint location = obj.optRead("location", VisitJson::geo);
        Map<String, AnswerValue> answers = obj.read("answers", VisitJson::answers);
        return obj.build(() -> new VisitSubmission(id, revisionOf, siteId, template, startedAt, submittedAt, location,
                answers));
    }

    /** The VISIT change: the submission plus what the server knows about it. */
    /** The visit's submission, then what the server adds ({@link #stateFields}). */
    static Map<String, Object> state(VisitState state) {
        Map<String, Object> json = submission(VisitSubmission.of(state.visit()));
        json.putAll(stateFields(state));
        return json;
    }

    /** What a visit's state holds beyond its submission, in the order it follows the submission's fields. */
    static Map<String, Object> stateFields(VisitState state) {
        Visit visit = state.visit();
        Map<String, Object> json = new JsonFields();
        json.put("inspector", JsonOut.element(visit.inspector()));
        json.put("inspectorName", JsonOut.element(state.inspectorName()));
        json.put("deviceId", JsonOut.element(visit.deviceId()));
        json.put("receivedAt", JsonOut.element(state.receivedAt()));
        json.put("outcome", new JsonOut().put("passed", state.outcome().passed())
                .putList("failedQuestions", state.outcome().failedQuestions(), question -> question).build());
        json.put("supersededBy", JsonOut.element(state.supersededBy()));
        return json;
    }

    static VisitState state(JsonIn in) {
        JsonIn.Obj obj = in.object();
        VisitSubmission submission = readSubmission(obj);
        String inspector = obj.string("inspector");
        String inspectorName = obj.optString("inspectorName");
        String deviceId = obj.string("deviceId");
        Instant receivedAt = obj.get("receivedAt").instant();
        CheckOutcome outcome = obj.read("outcome", VisitJson::outcome);
        VisitId supersededBy = obj.optAs("supersededBy", VisitId::new);
        obj.end();
        return obj.build(() -> new VisitState(submission.toVisit(inspector, deviceId), inspectorName, receivedAt,
                outcome, supersededBy));
    }

    private static CheckOutcome outcome(JsonIn in) {
        JsonIn.Obj obj = in.object();
        boolean passed = obj.get("passed").bool();
        List<String> failed = obj.read("failedQuestions", list -> list.list(JsonIn::string));
        obj.end();
        return obj.build(() -> new CheckOutcome(passed, failed));
    }

    static Map<String, Object> answers(Map<String, AnswerValue> answers) {
        JsonFields json = new JsonFields(answers.size());
        for (Map.Entry<String, AnswerValue> entry : answers.entrySet()) {
            json.append(entry.getKey(), answer(entry.getValue()));
        }
        return json;
    }

    static Map<String, AnswerValue> answers(JsonIn in) {
        Map<String, AnswerValue> answers = new LinkedHashMap<>();
        for (Map.Entry<String, JsonIn> entry : in.object().entries()) {
            answers.put(entry.getKey(), answer(entry.getValue()));
        }
        return answers;
    }

    /** {@code {"type": "NUMBER", "value": 0.3}}: the type travels with the value, as {@link AnswerValue} holds it. */
    static Map<String, Object> answer(AnswerValue answer) {
        return new JsonOut().put("type", answer.type()).put("value", answerValue(answer)).build();
    }

    private static Object answerValue(AnswerValue answer) {
        if (answer instanceof AnswerValue.YesNo yesNo) {
            return yesNo.value();
        } else if (answer instanceof AnswerValue.Numeric numeric) {
            return numeric.value();
        } else if (answer instanceof AnswerValue.SingleChoice choice) {
            return choice.code();
        } else if (answer instanceof AnswerValue.MultiChoice choices) {
            return JsonOut.list(choices.codes(), code -> code);
        } else if (answer instanceof AnswerValue.Text text) {
            return text.text();
        } else if (answer instanceof AnswerValue.Photos photos) {
            return JsonOut.list(photos.photos(), PhotoRef::sha256);
        } else if (answer instanceof AnswerValue.Signature signature) {
            return signature.image().sha256();
        } else {
            return geo(((AnswerValue.Location) answer).point());
        }
    }

    static AnswerValue answer(JsonIn in) {
        JsonIn.Obj obj = in.object();
        QuestionType type =
                obj.get("type").enumValue(QuestionType.class);
        JsonIn value = obj.get("value");
        obj.end();
        switch (type) {
            case YES_NO:
                return new AnswerValue.YesNo(value.bool());
            case NUMBER:
                return new AnswerValue.Numeric(value.decimal());
            case SINGLE_CHOICE:
                return value.build(() -> new AnswerValue.SingleChoice(value.string()));
            case MULTI_CHOICE:
                List<String> codes = value.list(JsonIn::string);
                return value.build(() -> new AnswerValue.MultiChoice(codes));
            case TEXT:
                return new AnswerValue.Text(value.string());
            case PHOTO:
                List<PhotoRef> photos = value.list(photo -> photo.as(PhotoRef::new));
                return new AnswerValue.Photos(photos);
            case SIGNATURE:
                return new AnswerValue.Signature(value.as(PhotoRef::new));
            case GPS:
            default:
                return new AnswerValue.Location(geo(value));
        }
    }

    static Map<String, Object> geo(GeoPoint point) {
        return new JsonOut().put("latitude", point.latitude()).put("longitude", point.longitude())
                .putIfPresent("accuracyMeters", point.accuracyMeters()).build();
    }

    static GeoPoint geo(JsonIn in) {
        JsonIn.Obj obj = in.object();
        double latitude = obj.get("latitude").doubleValue();
        double longitude = obj.get("longitude").doubleValue();
        JsonIn accuracy = obj.opt("accuracyMeters");
        Double accuracyMeters = accuracy == null ? null : accuracy.doubleValue();
        obj.end();
        return obj.build(() -> new GeoPoint(latitude, longitude, accuracyMeters));
    }

    static Map<String, Object> templateRef(TemplateRef ref) {
        return new JsonOut().put("id", ref.id()).put("version", ref.version()).build();
    }

    static TemplateRef templateRef(JsonIn in) {
        JsonIn.Obj obj = in.object();
        TemplateId id = obj.as("id", TemplateId::new);
        int version = obj.get("version").intValue();
        obj.end();
        return obj.build(() -> new TemplateRef(id, version));
    }

    static Object problems(List<Problem> problems) {
        return JsonOut.list(problems, problem -> new JsonOut().put("questionId", problem.questionId())
                .put("code", problem.code()).put("message", problem.message()).build());
    }

    static List<Problem> problems(JsonIn in) {
        return in.list(item -> {
            JsonIn.Obj obj = item.object();
            String questionId = obj.string("questionId");
            ProblemCode code = obj.get("code").enumValue(ProblemCode.class);
            String message = obj.string("message");
            obj.end();
            return obj.build(() -> new Problem(questionId, code, message));
        });
    }
}

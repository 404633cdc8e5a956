package org.fieldledger.model.sync;

import java.util.List;
import java.util.Map;
import org.fieldledger.model.review.CorrectiveAction;
import org.fieldledger.model.visit.Assignment;
import org.fieldledger.model.site.Site;
import org.fieldledger.model.template.Template;
import org.fieldledger.model.visit.AnswerValue;
import org.fieldledger.model.visit.Problem;

/**
 * The JSON codec of the sync protocol (docs/protocol.md), shared by device and server so both read and write exactly
 * one format. Built on Gson's tree and streaming API; no reflection.
 *
 * <p><b>Reading is strict.</b> Unknown fields, duplicate fields, wrong types, missing required fields and values the
 * domain constructors refuse throw {@link WireFormatException}, whose message names the JSON path and the problem.
 * An optional field may be absent or {@code null}; writing puts {@code null} for absent record fields and leaves out
 * the unchanged fields of partial updates.
 *
 * <p><b>Writing is canonical.</b> Field order is fixed and numbers keep exactly their digits ({@code 0.30} stays
 * {@code 0.30}), so {@code writeMutation(readPushRequest(json)...)} reproduces what the device wrote, and the server can
 * hash a mutation's content to recognise a retry ({@link #writeMutation}).
 */
public final class WireJson {
    private WireJson() {
    }

    public static String writePushRequest(PushRequest request) {
        return JsonTree.write(new JsonOut().put("deviceId", request.deviceId())
                .putList("mutations", request.mutations(), WireJson::mutation).build());
    }

    /**
     * Reads a push. It throws only for problems of the envelope: a body that is not JSON, unknown or missing top-level
     * fields, an invalid {@code deviceId}, a mutation that is not an object or whose {@code id} or {@code seq} cannot be
     * read, or seqs out of order. The server answers those with 400 and applies nothing.
     *
     * <p>A mutation whose id and seq are readable but whose {@code type} is unknown, or whose {@code hlc}, payload or
     * other fields cannot be read, is returned as an {@linkplain Mutation#unreadable unreadable mutation} (null type,
     * the {@link WireFormatException} as payload), so the server can reject just that one with
     * {@code UNSUPPORTED_MUTATION} in its seq order and go on with the rest.
     */
    public static PushRequest readPushRequest(String json) {
        JsonIn.Obj obj = JsonIn.root(json).object();
        String deviceId = obj.string("deviceId");
        List<Mutation> mutations = obj.read("mutations", list -> list.list(WireJson::mutation));
        obj.end();
        return obj.build(() -> new PushRequest(deviceId, mutations));
    }

    public static String writePushResponse(PushResponse response) {
        return JsonTree.write(new JsonOut()
                .putList("results", response.results(), WireJson::result)
                .put("acknowledgedThrough", response.acknowledgedThrough())
                .put("serverClock", response.serverClock())
                .build());
    }

    public static PushResponse readPushResponse(String json) {
        JsonIn.Obj obj = JsonIn.root(json).object();
        List<PushResult> results = obj.read("results", list -> list.list(WireJson::result));
        long acknowledgedThrough = obj.get("acknowledgedThrough").longValue();
        Hlc serverClock = obj.as("serverClock", Hlc::parse);
        obj.end();
        return obj.build(() -> new PushResponse(results, acknowledgedThrough, serverClock));
    }

    public static String writePullResponse(PullResponse response) {
        return JsonTree.write(new JsonOut()
                .putList("changes", response.changes(), WireJson::change)
                .put("cursor", response.cursor())
                .put("hasMore", response.hasMore())
                .put("serverClock", response.serverClock())
                .build());
    }

    public static PullResponse readPullResponse(String json) {
        JsonIn.Obj obj = JsonIn.root(json).object();
        List<Change> changes = obj.read("changes", list -> list.list(WireJson::change));
        String cursor = obj.optString("cursor");
        boolean hasMore = obj.get("hasMore").bool();
        Hlc serverClock = obj.as("serverClock", Hlc::parse);
        obj.end();
        return obj.build(() -> new PullResponse(changes, cursor, hasMore, serverClock));
    }

    /** A template version as a {@code fieldledger-template/1} document. */
    public static String writeTemplate(Template template) {
        return JsonTree.write(TemplateJson.template(template));
    }

    public static Template readTemplate(String json) {
        return TemplateJson.template(JsonIn.root(json));
    }

    /**
     * One mutation, canonically: what the server hashes to tell a retry ({@code DUPLICATE}) from other content under a
     * used id or seq ({@code MUTATION_CONFLICT}). An unreadable mutation is written as its id, seq, clock and the
     * problem found, which is as much of it as was understood.
     */
    public static String writeMutation(Mutation mutation) {
        if (!mutation.isReadable()) {
            return JsonTree.write(mutation(mutation));
        }
        // The envelope, then the payload's own text: the same characters as writing the whole tree, and the payload
        // text is then at hand for writePayload of the same payload (the server hashes both for every mutation).
        String envelope = JsonTree.write(new JsonOut().put("id", mutation.id()).put("seq", mutation.seq())
                .put("type", mutation.type()).put("hlc", mutation.hlc()).build());
        return envelope.substring(0, envelope.length() - 1) + ",\"payload\":"
                + writePayload(mutation.type(), mutation.payload()) + "}";
    }

    /** The payload last written on this thread, with its text: payloads are immutable, so equal by identity. */
    private static final ThreadLocal<Object[]> LAST_PAYLOAD = new ThreadLocal<>();

    /** A mutation's payload alone, as a device keeps it in its outbox. */
    public static String writePayload(MutationType type, Object payload) {
        Object[] last = LAST_PAYLOAD.get();
        if (last != null && last[0] == payload) {
            return (String) last[1];
        }
        String text = JsonTree.write(payload(type, payload));
        LAST_PAYLOAD.set(new Object[] {payload, text});
        return text;
    }

    public static Object readPayload(MutationType type, String json) {
        return payload(type, JsonIn.root(json));
    }

    /** One change of the pull feed, as a device may store a record's server state. */
    public static String writeChange(Change change) {
        return JsonTree.write(change(change));
    }

    public static Change readChange(String json) {
        return change(JsonIn.root(json));
    }

    /**
     * A record's state alone, as the {@code data} of a change: the server keeps each ledger entry's state this way and
     * serves it in the pull feed as it was stored.
     */
    public static String writeChangeData(Object data) {
        for (ChangeKind kind : ChangeKind.values()) {
            if (kind.dataType().isInstance(data)) {
                return JsonTree.write(changeData(kind, data));
            }
        }
        throw new IllegalArgumentException("no change kind carries a " + data.getClass().getSimpleName());
    }

    /**
     * {@link #writeChangeData} of a visit's state, made from {@code submissionJson}, the
     * {@link #writePayload} text of the submission the visit was made from ({@link VisitSubmission#toVisit}), which
     * a visit's state begins with: the server stores the state of every pushed visit, and encoding its answers a second
     * time was a tenth of a push's work.
     */
    public static String writeVisitState(VisitState state, String submissionJson) {
        String fields = JsonTree.write(VisitJson.stateFields(state));
        return submissionJson.substring(0, submissionJson.length() - 1) + "," + fields.substring(1);
    }

    public static Object readChangeData(ChangeKind kind, String json) {
        return changeData(kind, JsonIn.root(json));
    }

    /** A visit's answers by question id, as in a SUBMIT_VISIT payload; devices keep drafts this way. */
    public static String writeAnswers(Map<String, AnswerValue> answers) {
        return JsonTree.write(VisitJson.answers(answers));
    }

    public static Map<String, AnswerValue> readAnswers(String json) {
        return VisitJson.answers(JsonIn.root(json));
    }

    /** The problems of a rejection, as in a push result. */
    public static String writeProblems(List<Problem> problems) {
        return JsonTree.write(VisitJson.problems(problems));
    }

    public static List<Problem> readProblems(String json) {
        return VisitJson.problems(JsonIn.root(json));
    }

    private static Map<String, Object> mutation(Mutation mutation) {
        JsonOut json = new JsonOut().put("id", mutation.id()).put("seq", mutation.seq());
        if (!mutation.isReadable()) {
            return json.putIfPresent("hlc", mutation.hlc()).put("unreadable", mutation.problem().getMessage()).build();
        }
        return json.put("type", mutation.type()).put("hlc", mutation.hlc())
                .put("payload", payload(mutation.type(), mutation.payload())).build();
    }

    private static Mutation mutation(JsonIn in) {
        JsonIn.Obj obj = in.object();
        // Without its id and seq the server cannot answer for a mutation, nor keep the device's order: an envelope error.
        String id = obj.as("id", text -> {
            Mutation.checkId(text);
            return text;
        });
        JsonIn seqIn = obj.get("seq");
        long seq = seqIn.longValue();
        if (seq < 1) {
            throw seqIn.error("sequences start at 1, was " + seq);
        }
        Hlc hlc = null;
        try {
            hlc = obj.as("hlc", Hlc::parse);
            MutationType type = obj.get("type").enumValue(MutationType.class);
            Object payload = payload(type, obj.get("payload"));
            obj.end();
            return new Mutation(id, seq, type, hlc, payload);
        } catch (WireFormatException e) {
            return Mutation.unreadable(id, seq, hlc, e);
        }
    }

    private static Object payload(MutationType type, Object payload) {
        switch (type) {
            case SUBMIT_VISIT:
                return VisitJson.submission((VisitSubmission) payload);
            case CREATE_SITE:
                return RecordJson.site((Site) payload);
            case UPDATE_SITE:
                return RecordJson.siteUpdate((SiteUpdate) payload);
            case SUBMIT_COMPLETION:
                return RecordJson.completionSubmission((CompletionSubmission) payload);
            case UPDATE_COMPLETION:
            default:
                return RecordJson.completionUpdate((CompletionUpdate) payload);
        }
    }

    private static Object payload(MutationType type, JsonIn in) {
        switch (type) {
            case SUBMIT_VISIT:
                return VisitJson.submission(in);
            case CREATE_SITE:
                return RecordJson.site(in);
            case UPDATE_SITE:
                return RecordJson.siteUpdate(in);
            case SUBMIT_COMPLETION:
                return RecordJson.completionSubmission(in);
            case UPDATE_COMPLETION:
            default:
                return RecordJson.completionUpdate(in);
        }
    }

    private static Map<String, Object> result(PushResult result) {
        return new JsonOut()
                .put("id", result.id())
                .put("seq", result.seq())
                .put("status", result.status())
                .putIfPresent("originalStatus", result.originalStatus())
                .putIfPresent("position", result.position())
                .putIfPresent("code", result.code())
                .putIfPresent("reason", result.reason())
                .putIfPresent("problems", result.problems().isEmpty() ? null : VisitJson.problems(result.problems()))
                .build();
    }

    private static PushResult result(JsonIn in) {
        JsonIn.Obj obj = in.object();
        String id = obj.string("id");
        long seq = obj.get("seq").longValue();
        PushStatus status = obj.get("status").enumValue(PushStatus.class);
        JsonIn original = obj.opt("originalStatus");
        PushStatus originalStatus = original == null ? null : original.enumValue(PushStatus.class);
        JsonIn positionIn = obj.opt("position");
        Long position = positionIn == null ? null : positionIn.longValue();
        String code = obj.optString("code");
        String reason = obj.optString("reason");
        List<Problem> problems = obj.optRead("problems", VisitJson::problems);
        obj.end();
        return obj.build(() -> new PushResult(id, seq, status, originalStatus, position, code, reason, problems));
    }

    private static Map<String, Object> change(Change change) {
        return new JsonOut().put("position", change.position()).put("kind", change.kind()).put("id", change.id())
                .put("data", changeData(change.kind(), change.data())).build();
    }

    private static Object changeData(ChangeKind kind, Object data) {
        switch (kind) {
            case TEMPLATE:
                return TemplateJson.state((TemplateState) data);
            case SITE:
                return RecordJson.siteState((SiteState) data);
            case VISIT:
                return VisitJson.state((VisitState) data);
            case COMPLETION:
                return RecordJson.completionState((CompletionState) data);
            case ASSIGNMENT:
                return RecordJson.assignment((Assignment) data);
            case CORRECTIVE_ACTION:
            default:
                return RecordJson.correctiveAction((CorrectiveAction) data);
        }
    }

    private static Change change(JsonIn in) {
        JsonIn.Obj obj = in.object();
        long position = obj.get("position").longValue();
        ChangeKind kind = obj.get("kind").enumValue(ChangeKind.class);
        String id = obj.string("id");
        Object data = changeData(kind, obj.get("data"));
        obj.end();
        return obj.build(() -> new Change(position, kind, id, data));
    }

    private static Object changeData(ChangeKind kind, JsonIn in) {
        switch (kind) {
            case TEMPLATE:
                return TemplateJson.state(in);
            case SITE:
                return RecordJson.siteState(in);
            case VISIT:
                return VisitJson.state(in);
            case COMPLETION:
                return RecordJson.completionState(in);
            case ASSIGNMENT:
                return RecordJson.assignment(in);
            case CORRECTIVE_ACTION:
            default:
                return RecordJson.correctiveAction(in);
        }
    }
}

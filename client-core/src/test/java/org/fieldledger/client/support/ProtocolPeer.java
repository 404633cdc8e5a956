package org.fieldledger.client.support;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.fieldledger.model.site.Site;
import org.fieldledger.model.sync.Change;
import org.fieldledger.model.sync.ChangeKind;
import org.fieldledger.model.sync.Hlc;
import org.fieldledger.model.sync.Mutation;
import org.fieldledger.model.sync.PullResponse;
import org.fieldledger.model.sync.PushRequest;
import org.fieldledger.model.sync.PushResponse;
import org.fieldledger.model.sync.PushResult;
import org.fieldledger.model.sync.SiteState;
import org.fieldledger.model.sync.TemplateState;
import org.fieldledger.model.sync.VisitState;
import org.fieldledger.model.sync.VisitSubmission;
import org.fieldledger.model.sync.WireJson;
import org.fieldledger.model.template.Template;
import org.fieldledger.model.visit.CheckOutcome;

/**
 * A real HTTP server in the test's process that speaks the sync protocol (docs/protocol.md) for one device: login and
 * rotating refresh, push with per-seq outcomes and {@code acknowledgedThrough}, a paged pull feed with opaque cursors.
 * Tests script what the real server would decide (a rejection, a 503, a lost response) and read what arrived.
 * It stands in for the lead's server until the end-to-end tests run against that.
 */
public final class ProtocolPeer implements AutoCloseable {
    public static final String USERNAME = "wang.jianguo";
    public static final String PASSWORD = "前村-2026";
    public static final String USER_ID = "inspector-wang";

    private final HttpServer server;
    private final Object lock = new Object();
    private long serverMillis = Instant.parse("2026-11-23T09:00:00Z").toEpochMilli();
    private int serverCounter;

    private int tokenSerial;
    private final Set<String> validAccess = new HashSet<>();
    private final Set<String> validRefresh = new HashSet<>();
    private final List<String> refreshTokensPresented = new CopyOnWriteArrayList<>();
    private int loginCount;

    private long acknowledgedThrough;
    private final Map<Long, Processed> processed = new HashMap<>();
    private final Map<String, Integer> timesApplied = new HashMap<>();
    private final List<PushRequest> pushes = new CopyOnWriteArrayList<>();
    private final Deque<Integer> pushFailures = new ArrayDeque<>();
    private boolean losePushResponses;
    private long deferFrom;
    private boolean omitResults;
    private Function<Mutation, PushResult> decide = mutation -> null;

    private final List<Change> feed = new ArrayList<>();
    private long nextPosition = 1;
    private final Deque<Integer> pullFailures = new ArrayDeque<>();
    private int pullsBeforeFailure = -1;
    private int pullFailureAfterPages;
    private final List<String> pullCursors = new CopyOnWriteArrayList<>();
    private final Map<String, Template> templates = new HashMap<>();

    private record Processed(String id, String content, PushResult result) {
    }

    public ProtocolPeer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/auth/login", exchange -> handle(exchange, this::login));
        server.createContext("/api/v1/auth/refresh", exchange -> handle(exchange, this::refresh));
        server.createContext("/api/v1/sync/push", exchange -> handle(exchange, this::push));
        server.createContext("/api/v1/sync/pull", exchange -> handle(exchange, this::pull));
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    // ---- scripting -------------------------------------------------------------------------------------------------

    /** Publishes records to the pull feed, each at the next ledger position. */
    public void publish(ChangeKind kind, Object data) {
        synchronized (lock) {
            if (data instanceof TemplateState state) {
                templates.put(state.template().ref().toString(), state.template());
            }
            feed.add(Change.of(nextPosition++, kind, data));
        }
    }

    public void publishSite(Site site) {
        publish(ChangeKind.SITE, new SiteState(site, null));
    }

    public void publishTemplate(Template template) {
        publish(ChangeKind.TEMPLATE, new TemplateState(template, false));
    }

    /** Decides each mutation processed in order: a result to return, or null to apply it. */
    public void decide(Function<Mutation, PushResult> decide) {
        synchronized (lock) {
            this.decide = decide;
        }
    }

    /** The next pushes fail with these statuses, before anything is processed. */
    public void failPushes(Integer... statuses) {
        synchronized (lock) {
            Collections.addAll(pushFailures, statuses);
        }
    }

    public void failPulls(Integer... statuses) {
        synchronized (lock) {
            Collections.addAll(pullFailures, statuses);
        }
    }

    /** The next {@code pages} pulls succeed, the one after fails with {@code status}: a pull cut off between pages. */
    public void failPullAfter(int pages, int status) {
        synchronized (lock) {
            pullsBeforeFailure = pages;
            pullFailureAfterPages = status;
        }
    }

    /** Pushes are processed and committed, but the connection drops before the answer: a response lost in a tunnel. */
    public void losePushResponses(boolean lose) {
        synchronized (lock) {
            losePushResponses = lose;
        }
    }

    /**
     * The next push stops processing at {@code seq}: it and later mutations are DEFERRED, as when an earlier push that
     * carries the seqs before them is still on its way. Mutations before it are processed as usual.
     */
    public void deferOnceFrom(long seq) {
        synchronized (lock) {
            deferFrom = seq;
        }
    }

    /** The next push answers with {@code acknowledgedThrough} only, no per-mutation results. */
    public void omitResultsOnce() {
        synchronized (lock) {
            omitResults = true;
        }
    }

    /** Access tokens stop being accepted, as when they expire. */
    public void expireAccessTokens() {
        synchronized (lock) {
            validAccess.clear();
        }
    }

    /** Refresh tokens stop being accepted too: the session is over. */
    public void revokeRefreshTokens() {
        synchronized (lock) {
            validRefresh.clear();
        }
    }

    /** Forgets everything the device pushed after {@code seq}, as a server restored from an older backup would. */
    public void forgetAfter(long seq) {
        synchronized (lock) {
            acknowledgedThrough = Math.min(acknowledgedThrough, seq);
            processed.keySet().removeIf(s -> s > seq);
        }
    }

    // ---- what arrived ----------------------------------------------------------------------------------------------

    public List<PushRequest> pushes() {
        return new ArrayList<>(pushes);
    }

    public List<Long> seqsReceived() {
        List<Long> seqs = new ArrayList<>();
        for (PushRequest push : pushes) {
            push.mutations().forEach(mutation -> seqs.add(mutation.seq()));
        }
        return seqs;
    }

    /** How often each mutation id was applied (not merely received): exactly-once means 1. */
    public Map<String, Integer> timesApplied() {
        synchronized (lock) {
            return new LinkedHashMap<>(timesApplied);
        }
    }

    public long acknowledgedThrough() {
        synchronized (lock) {
            return acknowledgedThrough;
        }
    }

    public List<String> pullCursors() {
        return new ArrayList<>(pullCursors);
    }

    public List<String> refreshTokensPresented() {
        return new ArrayList<>(refreshTokensPresented);
    }

    public int loginCount() {
        synchronized (lock) {
            return loginCount;
        }
    }

    // ---- the protocol ----------------------------------------------------------------------------------------------

    private record Reply(int status, String body) {
    }

    private interface Handler {
        Reply handle(HttpExchange exchange, String body) throws IOException;
    }

    private void handle(HttpExchange exchange, Handler handler) throws IOException {
        try {
            ByteArrayOutputStream in = new ByteArrayOutputStream();
            exchange.getRequestBody().transferTo(in);
            Reply reply;
            synchronized (lock) {
                reply = handler.handle(exchange, in.toString(StandardCharsets.UTF_8));
            }
            if (reply == null) {
                return;
            }
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(reply.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } finally {
            exchange.close();
        }
    }

    private static Reply error(int status, String code, String message) {
        JsonObject json = new JsonObject();
        json.addProperty("code", code);
        json.addProperty("message", message);
        json.add("details", new JsonArray());
        return new Reply(status, json.toString());
    }

    private Reply login(HttpExchange exchange, String body) {
        JsonObject request = JsonParser.parseString(body).getAsJsonObject();
        if (!USERNAME.equals(request.get("username").getAsString())
                || !PASSWORD.equals(request.get("password").getAsString())) {
            return error(401, "UNAUTHENTICATED", "用户名或密码错误");
        }
        loginCount++;
        JsonObject response = tokens();
        JsonObject user = new JsonObject();
        user.addProperty("id", USER_ID);
        user.addProperty("username", USERNAME);
        user.addProperty("role", "INSPECTOR");
        JsonArray areas = new JsonArray();
        areas.add("王因街道");
        user.add("areas", areas);
        response.add("user", user);
        return new Reply(200, response.toString());
    }

    private Reply refresh(HttpExchange exchange, String body) {
        String token = JsonParser.parseString(body).getAsJsonObject().get("refreshToken").getAsString();
        refreshTokensPresented.add(token);
        if (!validRefresh.remove(token)) {
            return error(401, "UNAUTHENTICATED", "refresh token is not valid");
        }
        return new Reply(200, tokens().toString());
    }

    /** A fresh pair; the refresh token is good once (rotation). */
    private JsonObject tokens() {
        tokenSerial++;
        String access = "access-" + tokenSerial;
        String refresh = "refresh-" + tokenSerial;
        validAccess.add(access);
        validRefresh.add(refresh);
        JsonObject json = new JsonObject();
        json.addProperty("accessToken", access);
        json.addProperty("tokenType", "Bearer");
        json.addProperty("expiresIn", 900);
        json.addProperty("refreshToken", refresh);
        return json;
    }

    private boolean authorised(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        return header != null && header.startsWith("Bearer ") && validAccess.contains(header.substring(7));
    }

    private Reply push(HttpExchange exchange, String body) {
        if (!authorised(exchange)) {
            return error(401, "UNAUTHENTICATED", "access token expired");
        }
        if (!pushFailures.isEmpty()) {
            int status = pushFailures.poll();
            return error(status, status >= 500 ? "INTERNAL_ERROR" : "FORBIDDEN", "scripted failure " + status);
        }
        PushRequest request = WireJson.readPushRequest(body);
        pushes.add(request);
        List<PushResult> results = new ArrayList<>();
        for (Mutation mutation : request.mutations()) {
            if (deferFrom > 0 && mutation.seq() >= deferFrom) {
                results.add(PushResult.deferred(mutation.id(), mutation.seq(), "expected seq " + deferFrom + " first"));
            } else {
                results.add(process(mutation, request.deviceId()));
            }
        }
        deferFrom = 0;
        if (losePushResponses) {
            return null;
        }
        if (omitResults) {
            omitResults = false;
            results.clear();
        }
        return new Reply(200, WireJson.writePushResponse(new PushResponse(results, acknowledgedThrough, tick())));
    }

    /** docs/protocol.md, "Exactly once", rules 1-4. */
    private PushResult process(Mutation mutation, String deviceId) {
        String content = WireJson.writeMutation(mutation);
        if (mutation.seq() <= acknowledgedThrough) {
            Processed earlier = processed.get(mutation.seq());
            if (earlier.id().equals(mutation.id()) && earlier.content().equals(content)) {
                return PushResult.duplicateOf(earlier.result());
            }
            return PushResult.rejected(mutation.id(), mutation.seq(), "MUTATION_CONFLICT",
                    "seq " + mutation.seq() + " was used for other content", null);
        }
        if (mutation.seq() > acknowledgedThrough + 1) {
            return PushResult.deferred(mutation.id(), mutation.seq(), "expected seq " + (acknowledgedThrough + 1)
                    + " first");
        }
        PushResult result = decide.apply(mutation);
        if (result == null) {
            result = PushResult.applied(mutation.id(), mutation.seq(), nextPosition);
            applyEffects(mutation, deviceId);
            timesApplied.merge(mutation.id(), 1, Integer::sum);
        }
        processed.put(mutation.seq(), new Processed(mutation.id(), content, result));
        acknowledgedThrough = mutation.seq();
        return result;
    }

    /** What an applied mutation puts on the feed: the record's new state. */
    private void applyEffects(Mutation mutation, String deviceId) {
        switch (mutation.type()) {
            case SUBMIT_VISIT:
                VisitSubmission visit = mutation.payload(VisitSubmission.class);
                Template template = templates.get(visit.template().toString());
                feed.add(Change.of(nextPosition++, ChangeKind.VISIT, new VisitState(visit.toVisit(USER_ID, deviceId),
                        "王建国", Instant.ofEpochMilli(serverMillis), CheckOutcome.of(template, visit.answers()),
                        null)));
                break;
            case CREATE_SITE:
                feed.add(Change.of(nextPosition++, ChangeKind.SITE, new SiteState(mutation.payload(Site.class), null)));
                break;
            default:
                nextPosition++;
                break;
        }
    }

    private Reply pull(HttpExchange exchange, String body) {
        if (!authorised(exchange)) {
            return error(401, "UNAUTHENTICATED", "access token expired");
        }
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        String cursor = query.get("cursor");
        pullCursors.add(cursor == null ? "" : cursor);
        if (pullsBeforeFailure == 0) {
            pullsBeforeFailure = -1;
            pullFailures.add(pullFailureAfterPages);
        } else if (pullsBeforeFailure > 0) {
            pullsBeforeFailure--;
        }
        if (!pullFailures.isEmpty()) {
            int status = pullFailures.poll();
            return error(status, "INTERNAL_ERROR", "scripted failure " + status);
        }
        long after;
        try {
            after = cursor == null ? 0 : Long.parseLong(new String(Base64.getUrlDecoder().decode(cursor),
                    StandardCharsets.UTF_8).substring(3));
        } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
            return error(400, "INVALID_PARAMETER", "Parameter 'cursor': not a cursor this server issued");
        }
        int limit = Integer.parseInt(query.getOrDefault("limit", "200"));
        List<Change> page = new ArrayList<>();
        boolean hasMore = false;
        for (Change change : feed) {
            if (change.position() > after) {
                if (page.size() == limit) {
                    hasMore = true;
                    break;
                }
                page.add(change);
            }
        }
        long last = page.isEmpty() ? after : page.get(page.size() - 1).position();
        String next = Base64.getUrlEncoder().withoutPadding().encodeToString(("v1:" + last)
                .getBytes(StandardCharsets.UTF_8));
        return new Reply(200, WireJson.writePullResponse(new PullResponse(page, next, hasMore, tick())));
    }

    private Hlc tick() {
        serverMillis += 1000;
        return new Hlc(serverMillis, serverCounter++ % 1000, "server");
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                values.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }
}

package org.fieldledger.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Push and pull through our real HTTP API, with real users, devices and tokens. */
final class OurSync {
    static final String PASSWORD = "bench-inspector-password";

    private OurSync() {
    }

    /** Creates the inspectors and their sites through the admin API, and logs each device in: their tokens. */
    /**
     * Creates each device's inspector and site and logs the device in; the tokens in the workload's order. Devices are
     * set up on as many threads as there are cores: each costs the server two password hashes, by design slow, and one
     * after another they took half a minute of every part of a run.
     */
    static List<String> setUp(String url, Workload work) {
        Http http = new Http(url);
        String admin = login(http, "admin", ServerProcess.ADMIN_PASSWORD, null);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(
                Runtime.getRuntime().availableProcessors());
        try {
            List<java.util.concurrent.Future<String>> tokens = new ArrayList<>();
            for (int k = 0; k < work.devices; k++) {
                int d = work.device(k);
                tokens.add(pool.submit(() -> setUpDevice(http, admin, d)));
            }
            List<String> ready = new ArrayList<>();
            for (java.util.concurrent.Future<String> token : tokens) {
                ready.add(token.get());
            }
            return ready;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while setting up devices", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static String setUpDevice(Http http, String admin, int d) {
        createInspector(http, admin, Workload.username(d));
        http.postJson("/api/v1/sites", admin, "{\"id\":\"" + Workload.siteId(d) + "\",\"name\":\"Bench household " + d
                + "\",\"kind\":\"HOUSEHOLD\",\"area\":\"" + Workload.AREA + "\",\"address\":\"" + Workload.AREA + " bench "
                + d + "\",\"location\":{\"latitude\":35.4012,\"longitude\":116.5633},\"projects\":[\"" + Workload.PROJECT
                + "\"]}").expect(201, "create site");
        return login(http, Workload.username(d), PASSWORD, Workload.deviceId(d));
    }

    static void createInspector(Http http, String adminToken, String username) {
        http.postJson("/api/v1/admin/users", adminToken, "{\"username\":\"" + username + "\",\"password\":\""
                + PASSWORD + "\",\"role\":\"INSPECTOR\",\"areas\":[\"" + Workload.AREA + "\"]}")
                .expect(201, "create user " + username);
    }

    static String login(Http http, String username, String password, String deviceId) {
        return http.postJson("/api/v1/auth/login", null, "{\"username\":\"" + username + "\",\"password\":\""
                + password + "\"" + (deviceId == null ? "" : ",\"deviceId\":\"" + deviceId + "\"") + "}")
                .expect(200, "login " + username).json().get("accessToken").getAsString();
    }

    /**
     * @param harnessCpu the CPU time the harness spent sending the pushes, or null where the platform does not tell
     * @param serverCpu the CPU time the receiving server spent meanwhile, or null where not known
     */
    record PushFigures(int mutations, double seconds, long[] batchNanos, Duration harnessCpu, Duration serverCpu) {
        double perSecond() {
            return mutations / seconds;
        }

        PushFigures withServerCpu(Duration before, Duration after) {
            return new PushFigures(mutations, seconds, batchNanos, harnessCpu, Bench.since(before, after));
        }

        /** The server's CPU time per mutation in µs, as text; "n/a" where not known. */
        String serverMicrosPerMutation() {
            return serverCpu == null ? "n/a" : String.format("%.0f", serverCpu.toNanos() / 1e3 / mutations);
        }
    }

    /** The harness's CPU time since {@code start}, or null where the platform does not tell. */
    static Duration cpuSince(Duration start) {
        Duration now = ServerProcess.cpuTime(ProcessHandle.current());
        return start == null || now == null ? null : now.minus(start);
    }

    /** Every device pushes its batches one after another, all devices at once; every mutation must be APPLIED. */
    static PushFigures push(String url, Workload work, List<String> tokens) throws Exception {
        List<List<byte[]>> bodies = new ArrayList<>();
        for (int k = 0; k < work.devices; k++) {
            bodies.add(work.pushBodies(work.device(k)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(work.devices);
        try {
            long start = System.nanoTime();
            Duration cpuAtStart = ServerProcess.cpuTime(ProcessHandle.current());
            List<Future<long[]>> devices = new ArrayList<>();
            for (int d = 0; d < work.devices; d++) {
                int device = d;
                devices.add(pool.submit(() -> pushDevice(url, tokens.get(device), bodies.get(device))));
            }
            List<Long> batches = new ArrayList<>();
            for (Future<long[]> device : devices) {
                for (long nanos : device.get()) {
                    batches.add(nanos);
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new PushFigures(work.total(), seconds, batches.stream().mapToLong(Long::longValue).toArray(),
                    cpuSince(cpuAtStart), null);
        } finally {
            pool.shutdownNow();
        }
    }

    private static long[] pushDevice(String url, String token, List<byte[]> bodies) {
        Http http = new Http(url);
        long[] nanos = new long[bodies.size()];
        for (int b = 0; b < bodies.size(); b++) {
            long start = System.nanoTime();
            Http.Response response = http.postJson("/api/v1/sync/push", token, bodies.get(b)).expect(200, "push");
            nanos[b] = System.nanoTime() - start;
            for (JsonElement result : response.json().getAsJsonArray("results")) {
                String status = result.getAsJsonObject().get("status").getAsString();
                if (!status.equals("APPLIED")) {
                    throw new IllegalStateException("a mutation was not applied: " + result);
                }
            }
        }
        return nanos;
    }

    record PullFigures(int changes, double seconds, int pages) {
        double perSecond() {
            return changes / seconds;
        }
    }

    /** A fresh device of the area pulls the whole feed, 1,000 changes a page, and counts what it received. */
    static PullFigures pullAll(String url, Workload work) {
        Http http = new Http(url);
        String token = login(http, Workload.username(0), PASSWORD, "bench-fresh-device");
        long start = System.nanoTime();
        String cursor = null;
        int changes = 0;
        int visits = 0;
        int pages = 0;
        while (true) {
            JsonObject page = JsonParser.parseString(http.get("/api/v1/sync/pull?limit=1000"
                    + (cursor == null ? "" : "&cursor=" + cursor), token).expect(200, "pull").body())
                    .getAsJsonObject();
            pages++;
            JsonArray list = page.getAsJsonArray("changes");
            changes += list.size();
            for (JsonElement change : list) {
                if (change.getAsJsonObject().get("kind").getAsString().equals("VISIT")) {
                    visits++;
                }
            }
            cursor = page.get("cursor").getAsString();
            if (!page.get("hasMore").getAsBoolean()) {
                break;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (visits < work.total()) {
            throw new IllegalStateException("the pull returned " + visits + " visits, expected " + work.total());
        }
        return new PullFigures(changes, seconds, pages);
    }
}

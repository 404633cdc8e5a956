package org.fieldledger.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The peer: the same visits as CouchDB documents (the visit id as _id, the SUBMIT_VISIT payload as the body), pushed
 * by the same devices in the same batches through _bulk_docs, then read back by one reader through _changes with
 * include_docs, 1,000 a page, as a replicating device would.
 */
final class PouchSync {
    private PouchSync() {
    }

    static OurSync.PushFigures push(String url, Workload work) throws Exception {
        Http.Response created = new Http(url).put("/visits", null);
        if (created.status() != 412) {     // 412: made by the warm-up
            created.expect(201, "create database");
        }
        List<List<byte[]>> bodies = new ArrayList<>();
        for (int k = 0; k < work.devices; k++) {
            int d = work.device(k);
            List<byte[]> device = new ArrayList<>();
            for (int start = work.firstVisit; start < work.endVisit(); start += work.batchSize) {
                StringBuilder body = new StringBuilder(work.batchSize * 2200).append("{\"docs\":[");
                for (int i = start; i < Math.min(work.endVisit(), start + work.batchSize); i++) {
                    if (i > start) {
                        body.append(',');
                    }
                    body.append("{\"_id\":\"").append(work.visitId(d, i)).append("\",")
                            .append(work.payload(d, i).substring(1));
                }
                device.add(body.append("]}").toString().getBytes(StandardCharsets.UTF_8));
            }
            bodies.add(device);
        }
        ExecutorService pool = Executors.newFixedThreadPool(work.devices);
        try {
            long start = System.nanoTime();
            java.time.Duration cpuAtStart = ServerProcess.cpuTime(ProcessHandle.current());
            List<Future<long[]>> devices = new ArrayList<>();
            for (List<byte[]> device : bodies) {
                devices.add(pool.submit(() -> pushDevice(url, device)));
            }
            List<Long> batches = new ArrayList<>();
            for (Future<long[]> device : devices) {
                for (long nanos : device.get()) {
                    batches.add(nanos);
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new OurSync.PushFigures(work.total(), seconds, batches.stream().mapToLong(Long::longValue)
                    .toArray(), OurSync.cpuSince(cpuAtStart), null);
        } finally {
            pool.shutdownNow();
        }
    }

    private static long[] pushDevice(String url, List<byte[]> bodies) {
        Http http = new Http(url);
        long[] nanos = new long[bodies.size()];
        for (int b = 0; b < bodies.size(); b++) {
            long start = System.nanoTime();
            Http.Response response = http.postJson("/visits/_bulk_docs", null, bodies.get(b))
                    .expect(201, "_bulk_docs");
            nanos[b] = System.nanoTime() - start;
            for (JsonElement result : JsonParser.parseString(response.body()).getAsJsonArray()) {
                if (!result.getAsJsonObject().has("ok")) {
                    throw new IllegalStateException("PouchDB refused a document: " + result);
                }
            }
        }
        return nanos;
    }

    static OurSync.PullFigures pullAll(String url, Workload work) {
        Http http = new Http(url);
        long start = System.nanoTime();
        String since = "0";
        int changes = 0;
        int pages = 0;
        while (true) {
            JsonObject page = JsonParser.parseString(http.get("/visits/_changes?include_docs=true&limit=1000&since="
                    + since, null).expect(200, "_changes").body()).getAsJsonObject();
            JsonArray results = page.getAsJsonArray("results");
            pages++;
            changes += results.size();
            since = page.get("last_seq").getAsString();
            // _changes has no "more" flag: a short page is the last one.
            if (results.size() < 1000) {
                break;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (changes < work.total()) {
            throw new IllegalStateException("_changes returned " + changes + " documents, expected " + work.total());
        }
        return new OurSync.PullFigures(changes, seconds, pages);
    }
}

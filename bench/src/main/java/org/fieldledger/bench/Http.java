package org.fieldledger.bench;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A small HTTP client for one simulated device or tool: its own connection, JSON in and out. */
final class Http {
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;

    Http(String base) {
        this.base = base;
    }

    record Response(int status, String body, HttpResponse<String> raw) {
        JsonObject json() {
            return JsonParser.parseString(body).getAsJsonObject();
        }

        Response expect(int expected, String what) {
            if (status != expected) {
                throw new IllegalStateException(what + ": expected HTTP " + expected + ", got " + status + " " + body);
            }
            return this;
        }
    }

    Response get(String path, String token) {
        return send(request(path, token).GET().build());
    }

    Response postJson(String path, String token, String json) {
        return postJson(path, token, json.getBytes(StandardCharsets.UTF_8));
    }

    Response postJson(String path, String token, byte[] json) {
        return send(request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json)).build());
    }

    Response put(String path, String token) {
        return send(request(path, token).PUT(HttpRequest.BodyPublishers.noBody()).build());
    }

    HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path))
                .timeout(Duration.ofMinutes(5));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request,
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Polls until the URL answers 200, or fails after the timeout. */
    static void awaitUp(String url, Duration timeout, Process process) {
        Http http = new Http("");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException("process exited with " + process.exitValue() + " before " + url
                        + " answered");
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).GET().build())
                        .status() == 200) {
                    return;
                }
            } catch (IllegalStateException notYet) {
                // not listening yet
            }
            Bench.sleep(200);
        }
        throw new IllegalStateException(url + " did not answer within " + timeout);
    }
}

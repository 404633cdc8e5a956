package org.fieldledger.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The server's jar run as a process of its own, as an operator runs it, for what only a process shows: its heap limit,
 * or what survives when it is killed. Runs in Maven's integration-test phase, after the jar is built.
 */
final class ServerJar implements AutoCloseable {
    static final String ADMIN_PASSWORD = "server-jar-admin-2026";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Process process;
    private final String base;

    private ServerJar(Process process, String base) {
        this.process = process;
        this.base = base;
    }

    /**
     * Starts the jar on {@code dataDir} (its SQLite database, photos and log, {@code server.log}) and waits until it
     * answers its health check; the admin's password is {@link #ADMIN_PASSWORD}.
     */
    static ServerJar start(Path dataDir, List<String> javaOptions, Map<String, String> environment) throws Exception {
        String jar = System.getProperty("fieldledger.server.jar", "target/fieldledger-server.jar");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(javaOptions);
        command.addAll(List.of("-jar", jar));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("MICRONAUT_SERVER_PORT", Integer.toString(port));
        builder.environment().put("FIELDLEDGER_DATA_DIR", dataDir.toString());
        builder.environment().put("FIELDLEDGER_ADMIN_PASSWORD", ADMIN_PASSWORD);
        builder.environment().putAll(environment);
        Path log = dataDir.resolve("server.log");
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        ServerJar server = new ServerJar(builder.start(), "http://localhost:" + port);
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new AssertionError("the server died: " + Files.readString(log));
            }
            try {
                if (server.http.send(HttpRequest.newBuilder(URI.create(server.base + "/health")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return server;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        server.close();
        throw new AssertionError("the server did not start: " + Files.readString(log));
    }

    String base() {
        return base;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Kills the process at once (SIGKILL), as a crash or the OOM killer would: no shutdown of any kind. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** Stops the server as an operator does (SIGTERM) and waits until it is gone. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }

    /** Logs in, from a device when {@code deviceId} is not null; the access token. */
    String login(String username, String password, String deviceId) throws Exception {
        String device = deviceId == null ? "" : ",\"deviceId\":\"" + deviceId + "\"";
        return post("/api/v1/auth/login", "{\"username\":\"" + username + "\",\"password\":\"" + password + "\""
                + device + "}", null, 200).path("accessToken").asText();
    }

    /** POSTs JSON, asserting the status; the response body. */
    JsonNode post(String path, String json, String token, int expected) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)), token, expected);
    }

    /** GETs, asserting the status; the response body. */
    JsonNode get(String path, String token, int expected) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), token, expected);
    }

    /** Sends a request of the test's own, with the token when one is given. */
    <T> HttpResponse<T> send(HttpRequest.Builder request, String token, HttpResponse.BodyHandler<T> body)
            throws Exception {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), body);
    }

    private JsonNode send(HttpRequest.Builder request, String token, int expected) throws Exception {
        HttpResponse<String> response = send(request, token, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(request.build().uri().getPath() + ": " + response.body())
                .isEqualTo(expected);
        return JSON.readTree(response.body());
    }
}

package org.fieldledger.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * The real server as an office runs it: {@code java -jar server/target/fieldledger-server.jar} on a free port over a
 * fresh SQLite data directory, stopped and started again on the same port and data, and called over HTTP as any client
 * would. The build makes the jar before this module's integration tests run.
 */
final class ServerProcess implements AutoCloseable {
    static final String ADMIN_PASSWORD = "cli-test-admin-2025";
    static final String PHOTO_MAX_SIZE = "1MB";
    static final String INSPECTOR_PASSWORD = "inspector-2025-前村";
    static final Path REPO = Paths.get(System.getProperty("fieldledger.repo", "..")).toAbsolutePath().normalize();

    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;
    private final Path dataDir;
    private Process process;

    private ServerProcess(int port, Path dataDir) {
        this.port = port;
        this.dataDir = dataDir;
    }

    /** Starts the server jar with its database and files in {@code dataDir}, which the caller deletes after. */
    static ServerProcess launch(Path dataDir) throws IOException {
        ServerProcess server = new ServerProcess(freePort(), dataDir);
        server.start();
        return server;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    String url() {
        return "http://localhost:" + port;
    }

    synchronized void start() throws IOException {
        Path jar = REPO.resolve("server/target/fieldledger-server.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no server jar at " + jar + ": build the server module first");
        }
        ProcessBuilder builder = new ProcessBuilder(java(), "-jar", jar.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dataDir.resolve("server.log").toFile()));
        builder.environment().put("MICRONAUT_SERVER_PORT", Integer.toString(port));
        builder.environment().put("FIELDLEDGER_DATA_DIR", dataDir.toString());
        builder.environment().put("FIELDLEDGER_ADMIN_PASSWORD", ADMIN_PASSWORD);
        // small enough for a test to send a photo the server refuses as too large
        builder.environment().put("FIELDLEDGER_PHOTO_MAX_SIZE", PHOTO_MAX_SIZE);
        process = builder.start();
        awaitHealthy();
    }

    /** Starts the server again if a test stopped it and failed before starting it. */
    synchronized void ensureRunning() throws IOException {
        if (process == null) {
            start();
        }
    }

    /** Stops the server and waits until it is gone: the network the device sees is down. */
    synchronized void stop() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    static String java() {
        return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    }

    private void awaitHealthy() throws IOException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server stopped at start; see " + dataDir.resolve("server.log"));
            }
            try {
                if (send(HttpRequest.newBuilder(URI.create(url() + "/health")).GET().build()).status() == 200) {
                    return;
                }
            } catch (UncheckedIOException e) {
                if (!(e.getCause() instanceof ConnectException)) {
                    throw e;
                }
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("the server did not come up in 90 s; see " + dataDir.resolve("server.log"));
    }

    // ---- the HTTP API, as an office's script uses it -------------------------------------------------------------

    record Response(int status, String body) {
        JsonObject json() {
            return JsonParser.parseString(body).getAsJsonObject();
        }
    }

    String token(String username, String password) {
        JsonObject body = new JsonObject();
        body.addProperty("username", username);
        body.addProperty("password", password);
        Response response = call("POST", "/api/v1/auth/login", body.toString(), null);
        if (response.status() != 200) {
            throw new AssertionError("cannot log in as " + username + ": " + response);
        }
        return response.json().get("accessToken").getAsString();
    }

    String adminToken() {
        return token("admin", ADMIN_PASSWORD);
    }

    /** Creates an inspector of one area with {@link #INSPECTOR_PASSWORD}; returns the user's id. */
    String createInspector(String username, String area) {
        Response created = call("POST", "/api/v1/admin/users", "{\"username\":\"" + username + "\",\"password\":\""
                + INSPECTOR_PASSWORD + "\",\"role\":\"INSPECTOR\",\"areas\":[\"" + area + "\"]}", adminToken());
        if (created.status() != 201) {
            throw new AssertionError("cannot create " + username + ": " + created);
        }
        return created.json().get("id").getAsString();
    }

    /** A household on the 2024 Hi-tech Zone smoke-alarm list (project gaoxin-2024-2). */
    void createHousehold(String id, String area, String name) {
        Response created = call("POST", "/api/v1/sites", "{\"id\":\"" + id + "\",\"name\":\"" + name
                + "\",\"kind\":\"HOUSEHOLD\",\"area\":\"" + area + "\",\"projects\":[\"gaoxin-2024-2\"]}", adminToken());
        if (created.status() != 201) {
            throw new AssertionError("cannot create site " + id + ": " + created);
        }
    }

    /** The town office asks for a visit of a site with a checklist, for anyone of the site's area. */
    void assign(String siteId, String templateId, String dueOn, String note) {
        Response created = call("POST", "/api/v1/assignments", "{\"siteId\":\"" + siteId + "\",\"templateId\":\""
                + templateId + "\",\"dueOn\":\"" + dueOn + "\",\"note\":\"" + note + "\"}", adminToken());
        if (created.status() != 201) {
            throw new AssertionError("cannot assign " + siteId + ": " + created);
        }
    }

    Response call(String method, String path, String json, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url() + path));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        if (json != null) {
            builder.header("Content-Type", "application/json");
        }
        builder.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json));
        return send(builder.build());
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

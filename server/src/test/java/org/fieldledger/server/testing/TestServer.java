package org.fieldledger.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The real server, started on a random port over a fresh database, called through the JDK's HTTP client: tests see
 * exactly what an outside client sees. It starts with user {@code admin} whose password is {@link #ADMIN_PASSWORD}.
 */
public final class TestServer implements AutoCloseable {
    public static final String ADMIN_PASSWORD = "test-admin-password-济宁";
    /** The password {@link #createUser} gives its users. */
    public static final String USER_PASSWORD = "inspector-password-2025";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final Backend backend;
    private final Path dataDir;
    /** Whether closing this server deletes its data directory: not when it is {@link #another} server's too. */
    private final boolean ownsDataDir;
    private final Map<String, Object> properties;
    private EmbeddedServer server;
    private String adminToken;

    private TestServer(Backend backend, Path dataDir, boolean ownsDataDir, Map<String, Object> properties) {
        this.backend = backend;
        this.dataDir = dataDir;
        this.ownsDataDir = ownsDataDir;
        this.properties = properties;
        this.server = ApplicationContext.run(EmbeddedServer.class, properties);
    }

    public static TestServer start(Backend backend) {
        return start(backend, Map.of());
    }

    /** Starts a server; {@code extraProperties} override the defaults (an empty admin password: no admin). */
    public static TestServer start(Backend backend, Map<String, Object> extraProperties) {
        Path dataDir = TestFiles.newDirectory("fieldledger-test-");
        Map<String, Object> properties = new HashMap<>(backend.properties(dataDir));
        properties.put("micronaut.server.port", -1);
        properties.put("fieldledger.admin.initial-password", ADMIN_PASSWORD);
        properties.putAll(extraProperties);
        try {
            return new TestServer(backend, dataDir, true, properties);
        } catch (RuntimeException failedToStart) {
            TestFiles.delete(dataDir);
            throw failedToStart;
        }
    }

    /**
     * Starts a second instance on this server's database and data directory, as a load balancer's second node.
     * The caller closes it.
     */
    public TestServer another() {
        return new TestServer(backend, dataDir, false, new HashMap<>(properties));
    }

    /**
     * Stops the server and starts a new one on the same database and data directory, with {@code changedProperties}
     * over the first start's: what an operator's restart does. It listens on the same port again, so devices
     * configured with the server's address find it where it was.
     */
    public synchronized void restart(Map<String, Object> changedProperties) {
        properties.put("micronaut.server.port", server.getPort());
        server.getApplicationContext().close();
        properties.putAll(changedProperties);
        adminToken = null;
        server = ApplicationContext.run(EmbeddedServer.class, properties);
    }

    public Backend backend() {
        return backend;
    }

    public Path dataDir() {
        return dataDir;
    }

    public URI uri(String pathAndQuery) {
        return URI.create(server.getURL() + pathAndQuery);
    }

    public <T> T bean(Class<T> type) {
        return server.getApplicationContext().getBean(type);
    }

    /** What a login or refresh returned. */
    public record Tokens(String accessToken, String refreshToken, JsonNode body) {
        public String userId() {
            return body.path("user").path("id").asText();
        }
    }

    /** Logs in, failing the test unless the server answers 200. */
    public Tokens login(String username, String password) {
        return login(username, password, null);
    }

    public Tokens login(String username, String password, String deviceId) {
        ObjectNode body = JSON.createObjectNode().put("username", username).put("password", password);
        if (deviceId != null) {
            body.put("deviceId", deviceId);
        }
        return tokens(post("/api/v1/auth/login", body.toString()));
    }

    /** Exchanges a refresh token, failing the test unless the server answers 200. */
    public Tokens refresh(String refreshToken) {
        return tokens(post("/api/v1/auth/refresh", JSON.createObjectNode().put("refreshToken", refreshToken)
                .toString()));
    }

    /** An access token of {@code admin}, logged in once per server. */
    public synchronized String adminToken() {
        if (adminToken == null) {
            adminToken = login("admin", ADMIN_PASSWORD).accessToken();
        }
        return adminToken;
    }

    /**
     * Creates a user through the admin API with {@link #USER_PASSWORD}, failing the test unless it is created.
     *
     * @return the user's id
     */
    public String createUser(String username, String role, String... areas) {
        ObjectNode body = JSON.createObjectNode().put("username", username).put("password", USER_PASSWORD)
                .put("role", role);
        body.putArray("areas").addAll(List.of(areas).stream().map(JSON.getNodeFactory()::textNode).toList());
        Response created = post("/api/v1/admin/users", body.toString(), adminToken());
        if (created.status() != 201) {
            throw new AssertionError("cannot create user " + username + ": " + created);
        }
        return created.json().path("id").asText();
    }

    /** Creates a user and logs them in: their access token. */
    public String tokenOf(String username, String role, String... areas) {
        createUser(username, role, areas);
        return login(username, USER_PASSWORD).accessToken();
    }

    public Response get(String pathAndQuery) {
        return get(pathAndQuery, null);
    }

    public Response get(String pathAndQuery, String token) {
        return send(request(pathAndQuery, token).GET().build());
    }

    public Response post(String pathAndQuery, String json) {
        return post(pathAndQuery, json, null);
    }

    public Response post(String pathAndQuery, String json, String token) {
        return send(withJson(request(pathAndQuery, token), "POST", json));
    }

    public Response put(String pathAndQuery, String json, String token) {
        return send(withJson(request(pathAndQuery, token), "PUT", json));
    }

    public Response patch(String pathAndQuery, String json, String token) {
        return send(withJson(request(pathAndQuery, token), "PATCH", json));
    }

    /** A request builder for this server, with the bearer token when one is given. */
    public HttpRequest.Builder request(String pathAndQuery, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(pathAndQuery));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    public Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(),
                    response.headers().firstValue("content-type").orElse(""), response.headers().map());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops the server; the first one started on a data directory also deletes it. */
    @Override
    public void close() {
        server.getApplicationContext().close();
        if (ownsDataDir) {
            TestFiles.delete(dataDir);
        }
    }

    private static HttpRequest withJson(HttpRequest.Builder builder, String method, String json) {
        return builder.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)).build();
    }

    private static Tokens tokens(Response response) {
        if (response.status() != 200) {
            throw new AssertionError("expected tokens, got " + response);
        }
        JsonNode body = response.json();
        return new Tokens(body.path("accessToken").asText(), body.path("refreshToken").asText(), body);
    }

    /** A response as a client sees it. */
    public record Response(int status, String body, String contentType, Map<String, List<String>> headers) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("response is not JSON: " + body, e);
            }
        }

        /** The error code of a JSON error body. */
        public String code() {
            return json().path("code").asText();
        }

        public String message() {
            return json().path("message").asText();
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .flatMap(entry -> entry.getValue().stream()).findFirst().orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}

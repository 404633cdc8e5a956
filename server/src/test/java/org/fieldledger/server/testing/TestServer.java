package org.fieldledger.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.Map;

/**
 * The real server, started on a random port over a fresh database, called through the JDK's HTTP client: tests see
 * exactly what an outside client sees.
 */
public final class TestServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EmbeddedServer server;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Backend backend;
    private final Path dataDir;

    private TestServer(EmbeddedServer server, Backend backend, Path dataDir) {
        this.server = server;
        this.backend = backend;
        this.dataDir = dataDir;
    }

    public static TestServer start(Backend backend) {
        return start(backend, Map.of());
    }

    public static TestServer start(Backend backend, Map<String, Object> extraProperties) {
        Path dataDir = Backend.newDataDir();
        Map<String, Object> properties = new HashMap<>(backend.properties(dataDir));
        properties.put("micronaut.server.port", -1);
        properties.putAll(extraProperties);
        return new TestServer(ApplicationContext.run(EmbeddedServer.class, properties), backend, dataDir);
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

    public Response get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).GET().build());
    }

    public Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(),
                    response.headers().firstValue("content-type").orElse(""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.getApplicationContext().close();
    }

    /** A response as a client sees it. */
    public record Response(int status, String body, String contentType) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("response is not JSON: " + body, e);
            }
        }
    }
}

package org.fieldledger.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fieldledger.server.testing.Backend;
import org.fieldledger.server.testing.TestServer;
import org.fieldledger.server.testing.TestServer.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The OpenAPI document a client generator reads: served without a token, and describing every route the server
 * answers, so a new endpoint cannot ship undocumented.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiDocumentTest {
    private static final Pattern PATH = Pattern.compile("^  (/\\S*):$", Pattern.MULTILINE);

    private TestServer server;

    @BeforeAll
    void start() {
        server = TestServer.start(Backend.SQLITE);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void isServedWithoutAToken() {
        Response document = server.get("/api/v1/openapi.yml");
        assertThat(document.status()).isEqualTo(200);
        assertThat(document.contentType()).startsWith("application/yaml");
        assertThat(document.body()).startsWith("openapi: 3.").contains("bearerFormat: JWT");
    }

    @Test
    void describesEveryRouteTheServerAnswers() {
        Set<String> documented = new TreeSet<>();
        Matcher paths = PATH.matcher(server.get("/api/v1/openapi.yml").body());
        while (paths.find()) {
            documented.add(paths.group(1));
        }
        Set<String> served = new TreeSet<>();
        server.bean(Router.class).uriRoutes()
                .map(route -> route.getUriMatchTemplate().toPathString())
                .filter(path -> !path.equals("/api/v1/openapi.yml"))
                .forEach(served::add);
        assertThat(documented).isEqualTo(served);
    }

    @Test
    void callerIsTakenFromTheTokenNotFromTheRequest() {
        assertThat(server.get("/api/v1/openapi.yml").body()).doesNotContain("name: caller");
    }
}

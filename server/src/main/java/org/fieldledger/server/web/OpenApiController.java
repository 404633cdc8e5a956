package org.fieldledger.server.web;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The OpenAPI document of this API, written at compile time from the controllers themselves (micronaut-openapi), so
 * it lists exactly the routes this build serves. No token needed: a client generator must be able to read it.
 */
@Hidden
@Controller("/api/v1/openapi.yml")
class OpenApiController {
    static final String DOCUMENT = "META-INF/swagger/field-ledger-v1.yml";
    private static final MediaType YAML = MediaType.of("application/yaml");

    private final byte[] document;

    OpenApiController() {
        try (InputStream in = OpenApiController.class.getClassLoader().getResourceAsStream(DOCUMENT)) {
            if (in == null) {
                throw new IllegalStateException(DOCUMENT + " is missing: the build did not run micronaut-openapi");
            }
            document = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Get
    HttpResponse<byte[]> document() {
        return HttpResponse.ok(document).contentType(YAML);
    }
}

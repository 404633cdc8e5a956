package org.fieldledger.server.web;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import java.util.List;

/**
 * Responses whose JSON is already written, by shared-model's {@code WireJson}: records the sync feed serves are served
 * to the console in the very same shape.
 */
public final class RawJson {
    private RawJson() {
    }

    public static HttpResponse<String> ok(String json) {
        return HttpResponse.ok(json).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    public static HttpResponse<String> created(String json) {
        return HttpResponse.created(json).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    /** A list in the API's usual envelope, {@code {"items": [...], "count": n}}. */
    public static HttpResponse<String> list(List<String> items) {
        return ok("{\"items\":[" + String.join(",", items) + "],\"count\":" + items.size() + "}");
    }
}

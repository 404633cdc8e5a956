package org.fieldledger.server.upload;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import org.fieldledger.server.evidence.PhotoSettings;

/**
 * Every answer under the upload path carries {@code Tus-Resumable} (tus core §Tus-Resumable), errors included, so a tus
 * client reads even a 401 or a 413 as the protocol's. A 412 names the version we speak; a 413 the largest photo.
 */
@ServerFilter({TusController.PATH, TusController.PATH + "/**"})
final class TusHeaders implements Ordered {
    private final PhotoSettings settings;

    TusHeaders(PhotoSettings settings) {
        this.settings = settings;
    }

    /** Outside the authentication filter, so its refusals carry the header too. */
    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.order();
    }

    @ResponseFilter
    void addHeaders(HttpRequest<?> request, MutableHttpResponse<?> response) {
        response.header("Tus-Resumable", TusController.VERSION);
        if (response.code() == 412) {
            response.header("Tus-Version", TusController.VERSION);
        }
        if (response.code() == 413) {
            response.header("Tus-Max-Size", Long.toString(settings.maxSize()));
        }
    }
}

package org.fieldledger.client.transport;

import java.io.IOException;
import java.util.Map;

/**
 * One HTTP exchange. The library only ever needs this, so an app can route it through OkHttp, Cronet or a test peer;
 * {@link UrlConnectionTransport} is the default, on the JDK's and Android's {@code HttpURLConnection}.
 *
 * <p>Implementations return every response, whatever its status; they throw {@link IOException} only when no response
 * arrived (no network, refused, timed out, connection dropped). They must be safe to call from any thread.
 */
public interface Transport {
    /**
     * @param headers request headers, such as {@code Authorization} and {@code Content-Type}
     * @param body the request body, or null for none
     */
    HttpResponse send(String method, String url, Map<String, String> headers, byte[] body) throws IOException;
}

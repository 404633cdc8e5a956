package org.fieldledger.client.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.util.Map;

/**
 * {@link Transport} on {@link HttpURLConnection}, which the JDK and Android both have (java.net.http does not exist on
 * Android). Each call opens its own connection object, so it is safe from any thread.
 */
public final class UrlConnectionTransport implements Transport {
    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;

    public UrlConnectionTransport() {
        this(15_000, 60_000);
    }

    /** A field network is slow rather than absent more often than not: the read timeout is generous by default. */
    public UrlConnectionTransport(int connectTimeoutMillis, int readTimeoutMillis) {
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.readTimeoutMillis = readTimeoutMillis;
    }

    @Override
    public HttpResponse send(String method, String url, Map<String, String> headers, byte[] body) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
        try {
            connection.setRequestMethod(method);
            connection.setConnectTimeout(connectTimeoutMillis);
            connection.setReadTimeout(readTimeoutMillis);
            connection.setUseCaches(false);
            connection.setInstanceFollowRedirects(false);
            for (Map.Entry<String, String> header : headers.entrySet()) {
                connection.setRequestProperty(header.getKey(), header.getValue());
            }
            if (body != null) {
                // No fixed-length streaming mode: in it the JDK's HttpURLConnection answers a 401 with an
                // HttpRetryException and drops the body, and the body's error code is what tells an expired token
                // from a refused one. The body is in memory already; letting the connection buffer it costs a copy.
                connection.setDoOutput(true);
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(body);
                }
            }
            int status = connection.getResponseCode();
            InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
            return new HttpResponse(status, connection.getHeaderFields(), readAll(in));
        } finally {
            connection.disconnect();
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        if (in == null) {
            return new byte[0];
        }
        try (InputStream stream = in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            for (int read; (read = stream.read(buffer)) != -1; ) {
                out.write(buffer, 0, read);
            }
            return out.toByteArray();
        }
    }
}

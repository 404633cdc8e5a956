package org.fieldledger.client.internal.auth;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fieldledger.client.LoginFailedException;
import org.fieldledger.client.User;
import org.fieldledger.client.internal.store.DeviceStateStore;
import org.fieldledger.client.internal.store.DeviceStateStore.Session;
import org.fieldledger.client.internal.store.DeviceStateStore.Tokens;
import org.fieldledger.client.internal.store.LocalDatabase;
import org.fieldledger.client.transport.HttpResponse;
import org.fieldledger.client.transport.Transport;
import org.fieldledger.model.Role;
import org.fieldledger.model.catalog.Area;

/**
 * The server's HTTP API as the device uses it: login, refresh, and authorised calls (docs/auth.md).
 *
 * <p>An authorised call that gets 401 refreshes once and retries once. Refresh tokens rotate: the new pair is
 * committed to the local database <em>before</em> the retried call, so a crash right after a refresh cannot leave the
 * device holding a refresh token the server has already used up.
 */
public final class ServerApi {
    private static final String JSON = "application/json; charset=utf-8";

    private final String baseUrl;
    private final Transport transport;
    private final LocalDatabase local;
    private final DeviceStateStore deviceState;
    private final Clock clock;

    public ServerApi(String baseUrl, Transport transport, LocalDatabase local, DeviceStateStore deviceState,
                     Clock clock) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.transport = transport;
        this.local = local;
        this.deviceState = deviceState;
        this.clock = clock;
    }

    /** {@code POST /api/v1/auth/login}; stores the user and tokens. */
    public User login(String username, String password, String deviceId) throws IOException, LoginFailedException {
        JsonObject body = new JsonObject();
        body.addProperty("username", username);
        body.addProperty("password", password);
        body.addProperty("deviceId", deviceId);
        HttpResponse response = send("POST", "/api/v1/auth/login", null, body.toString());
        if (!response.isSuccessful()) {
            ApiException error = error(response);
            if (error.isTransient()) {
                throw new IOException("the server failed (" + error.status() + "): " + error.getMessage());
            }
            throw new LoginFailedException(error.code(), error.getMessage());
        }
        JsonObject json = object(response);
        User user = user(json.getAsJsonObject("user"));
        Tokens tokens = tokens(json);
        local.run(() -> deviceState.saveLogin(user, tokens));
        return user;
    }

    /**
     * An authorised call. Returns a 2xx response; throws {@link ApiException} for an error status,
     * {@link SessionExpiredException} when neither the access token nor a refresh is accepted, and
     * {@link IOException} when no response arrived.
     */
    public HttpResponse call(String method, String path, String jsonBody)
            throws IOException, ApiException, SessionExpiredException {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        byte[] body = null;
        if (jsonBody != null) {
            headers.put("Content-Type", JSON);
            body = jsonBody.getBytes(StandardCharsets.UTF_8);
        }
        HttpResponse response = exchange(method, path, headers, body);
        if (!response.isSuccessful()) {
            throw error(response);
        }
        return response;
    }

    /**
     * An authorised call that returns the response whatever its status but 401 (refreshed once, then
     * {@link SessionExpiredException}): for protocols such as tus where a 404 or a 409 is an answer, not a failure.
     *
     * @param pathOrUrl a path on the server, or an absolute URL the server gave (a tus Location)
     */
    public HttpResponse exchange(String method, String pathOrUrl, Map<String, String> headers, byte[] body)
            throws IOException, ApiException, SessionExpiredException {
        Session session = local.transaction(deviceState::session);
        if (!session.isLoggedIn() || session.expired()) {
            throw new SessionExpiredException("session expired, log in again");
        }
        HttpResponse response = send(method, pathOrUrl, session.accessToken(), headers, body);
        if (response.status() == 401) {
            String accessToken = refresh(session.refreshToken());
            response = send(method, pathOrUrl, accessToken, headers, body);
            if (response.status() == 401) {
                local.run(deviceState::markSessionExpired);
                throw new SessionExpiredException("session expired, log in again");
            }
        }
        return response;
    }

    private String refresh(String refreshToken) throws IOException, ApiException, SessionExpiredException {
        if (refreshToken == null) {
            local.run(deviceState::markSessionExpired);
            throw new SessionExpiredException("session expired, log in again");
        }
        JsonObject body = new JsonObject();
        body.addProperty("refreshToken", refreshToken);
        HttpResponse response = send("POST", "/api/v1/auth/refresh", null, body.toString());
        if (!response.isSuccessful()) {
            ApiException error = error(response);
            if (error.isTransient()) {
                throw error;
            }
            local.run(deviceState::markSessionExpired);
            throw new SessionExpiredException("session expired, log in again (" + error.getMessage() + ")");
        }
        Tokens tokens = tokens(object(response));
        local.run(() -> deviceState.saveTokens(tokens));
        return tokens.accessToken();
    }

    private HttpResponse send(String method, String path, String accessToken, String jsonBody) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        byte[] body = null;
        if (jsonBody != null) {
            headers.put("Content-Type", JSON);
            body = jsonBody.getBytes(StandardCharsets.UTF_8);
        }
        return send(method, path, accessToken, headers, body);
    }

    private HttpResponse send(String method, String pathOrUrl, String accessToken, Map<String, String> headers,
                              byte[] body) throws IOException {
        Map<String, String> all = new LinkedHashMap<>(headers);
        if (accessToken != null) {
            all.put("Authorization", "Bearer " + accessToken);
        }
        String url = pathOrUrl.startsWith("http://") || pathOrUrl.startsWith("https://") ? pathOrUrl
                : baseUrl + pathOrUrl;
        return transport.send(method, url, all, body);
    }

    private Tokens tokens(JsonObject json) throws IOException {
        String tokenType = string(json, "tokenType");
        if (!"bearer".equals(tokenType.toLowerCase(Locale.ROOT))) {
            throw new IOException("the server issued a " + tokenType + " token; this client speaks Bearer only");
        }
        long expiresIn = json.get("expiresIn").getAsLong();
        return new Tokens(string(json, "accessToken"), string(json, "refreshToken"),
                clock.millis() + expiresIn * 1000);
    }

    private static User user(JsonObject json) throws IOException {
        if (json == null) {
            throw new IOException("the login response has no user");
        }
        List<Area> areas = new ArrayList<>();
        JsonArray areaNames = json.getAsJsonArray("areas");
        if (areaNames != null) {
            for (JsonElement area : areaNames) {
                areas.add(new Area(area.getAsString()));
            }
        }
        try {
            return new User(string(json, "id"), string(json, "username"), Role.valueOf(string(json, "role")), areas);
        } catch (IllegalArgumentException e) {
            throw new IOException("the login response has an unreadable user: " + e.getMessage(), e);
        }
    }

    private static JsonObject object(HttpResponse response) throws IOException {
        try {
            return JsonParser.parseString(response.bodyText()).getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new IOException("the server's response is not a JSON object: " + e.getMessage(), e);
        }
    }

    private static String string(JsonObject json, String name) throws IOException {
        JsonElement value = json.get(name);
        if (value == null || !value.isJsonPrimitive()) {
            throw new IOException("the server's response has no '" + name + "'");
        }
        return value.getAsString();
    }

    /** Reads the protocol's error body {@code {"code", "message", "details"}}; a proxy's HTML page gets HTTP_<status>. */
    public static ApiException error(HttpResponse response) {
        String code = "HTTP_" + response.status();
        String message = "HTTP " + response.status();
        try {
            JsonObject json = JsonParser.parseString(response.bodyText()).getAsJsonObject();
            if (json.has("code") && json.get("code").isJsonPrimitive()) {
                code = json.get("code").getAsString();
            }
            if (json.has("message") && json.get("message").isJsonPrimitive()) {
                message = json.get("message").getAsString();
            }
        } catch (JsonParseException | IllegalStateException e) {
            // not the protocol's error body; the status says enough
        }
        return new ApiException(response.status(), code, message);
    }
}

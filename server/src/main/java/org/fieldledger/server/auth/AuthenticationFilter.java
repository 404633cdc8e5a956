package org.fieldledger.server.auth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.Set;
import org.fieldledger.server.error.ApiException;

/**
 * Lets a request through only with a valid access token, except for the few endpoints a client must reach without
 * one. Requests to paths that match no route need a token too, so the API's shape is not shown to strangers.
 *
 * <p>On success the {@link Caller} is attached to the request for {@link CallerBinder}: the user as the database has
 * them now (a disabled or deleted user's token stops working at once; a changed role or area applies at once), and
 * the device the token was issued to.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class AuthenticationFilter implements Ordered {
    static final String CALLER_ATTRIBUTE = AuthenticationFilter.class.getName() + ".caller";

    private static final Set<String> PUBLIC = Set.of("GET /health", "HEAD /health", "POST /api/v1/auth/login",
            "POST /api/v1/auth/refresh", "GET /api/v1/openapi.yml");
    private static final String BEARER = "Bearer ";
    private static final String UPLOADS = "/api/v1/uploads";

    private final AccessTokens tokens;
    private final UserRepository users;

    AuthenticationFilter(AccessTokens tokens, UserRepository users) {
        this.tokens = tokens;
        this.users = users;
    }

    /** Runs before every other filter, and off the event loop: it reads the user from the database. */
    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    HttpResponse<?> authenticate(HttpRequest<?> request) {
        if (PUBLIC.contains(request.getMethod() + " " + request.getPath()) || isTusDiscovery(request)) {
            return null;
        }
        try {
            request.setAttribute(CALLER_ATTRIBUTE, caller(request.getHeaders().get(HttpHeaders.AUTHORIZATION)));
            return null;
        } catch (ApiException e) {
            return e.toResponse();
        }
    }

    /** tus clients ask OPTIONS before they have a token (tus core §OPTIONS); the answer names no user's data. */
    private static boolean isTusDiscovery(HttpRequest<?> request) {
        return request.getMethod() == io.micronaut.http.HttpMethod.OPTIONS
                && (request.getPath().equals(UPLOADS) || request.getPath().startsWith(UPLOADS + "/"));
    }

    private Caller caller(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw AuthenticationFailure.accessToken(TokenProblem.MISSING, "This endpoint needs an access token:"
                    + " send 'Authorization: Bearer <accessToken>' with the token from /api/v1/auth/login");
        }
        // RFC 7235 §2.1: the scheme name is case-insensitive.
        if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                || authorization.substring(BEARER.length()).isBlank()) {
            throw AuthenticationFailure.accessToken(TokenProblem.MALFORMED, "The Authorization header must be"
                    + " 'Bearer <accessToken>'");
        }
        AccessTokens.Verified token = tokens.verify(authorization.substring(BEARER.length()).trim());
        User user = users.find(token.userId()).orElseThrow(() -> AuthenticationFailure.accessToken(
                TokenProblem.USER_UNKNOWN, "The access token's user no longer exists"));
        if (!user.enabled()) {
            throw AuthenticationFailure.accessToken(TokenProblem.USER_DISABLED, "The account " + user.username()
                    + " is disabled; ask an administrator");
        }
        return user.asCaller(token.deviceId());
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.order();
    }
}

package org.fieldledger.server.auth;

import java.util.List;
import org.fieldledger.model.ErrorCode;
import org.fieldledger.server.error.ApiError;
import org.fieldledger.server.error.ApiException;

/** A 401: what was presented, what was wrong with it, and the challenge that tells the client what to send. */
public final class AuthenticationFailure extends ApiException {
    private final boolean tokenPresented;

    private AuthenticationFailure(TokenProblem problem, String field, String message, boolean tokenPresented) {
        super(ErrorCode.UNAUTHENTICATED, message, List.of(new ApiError.Detail(field, problem.name(), message)));
        this.tokenPresented = tokenPresented;
    }

    /** An access token in the Authorization header that is absent or not accepted. */
    static AuthenticationFailure accessToken(TokenProblem problem, String message) {
        return new AuthenticationFailure(problem, "Authorization", message, problem != TokenProblem.MISSING);
    }

    /** A refresh token, or a username and password, that is not accepted. */
    static AuthenticationFailure credentials(TokenProblem problem, String field, String message) {
        return new AuthenticationFailure(problem, field, message, false);
    }

    /** RFC 6750 §3.1: {@code invalid_token} tells a client that sent a token that retrying with it is pointless. */
    @Override
    protected String challenge() {
        return tokenPresented ? BEARER_CHALLENGE + ", error=\"invalid_token\"" : BEARER_CHALLENGE;
    }
}

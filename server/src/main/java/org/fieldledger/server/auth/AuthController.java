package org.fieldledger.server.auth;

import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.List;
import org.fieldledger.model.Role;
import org.fieldledger.server.error.ApiException;

/** Login and refresh: the two endpoints besides /health that take no access token. */
@Controller("/api/v1/auth")
@ExecuteOn(TaskExecutors.BLOCKING)
class AuthController {
    private final LoginService logins;

    AuthController(LoginService logins) {
        this.logins = logins;
    }

    /** @param deviceId the id the client minted for itself; absent for a browser or script */
    record LoginRequest(String username, String password, String deviceId) {
        LoginRequest {
            if (username == null) {
                throw ApiException.missingField("username");
            }
            if (password == null) {
                throw ApiException.missingField("password");
            }
            if (deviceId != null && !DeviceRepository.DEVICE_ID.matcher(deviceId).matches()) {
                throw ApiException.invalidField("deviceId", "'" + deviceId + "' must be 8 to 64 characters of"
                        + " A-Z, a-z, 0-9, '.', '_' and '-'");
            }
        }
    }

    record RefreshRequest(String refreshToken) {
        RefreshRequest {
            if (refreshToken == null) {
                throw ApiException.missingField("refreshToken");
            }
        }
    }

    /** The user as the client needs it to decide what to show. */
    record UserSummary(String id, String username, Role role, List<String> areas) {
    }

    /** @param expiresIn seconds until the access token expires (RFC 6749 §5.1) */
    record TokenResponse(String accessToken, String tokenType, long expiresIn, String refreshToken, UserSummary user) {
        static TokenResponse of(LoginService.Session session) {
            User user = session.user();
            return new TokenResponse(session.access().token(), "Bearer", session.access().expiresInSeconds(),
                    session.refreshToken(), new UserSummary(user.id(), user.username(), user.role(), user.areas()));
        }
    }

    @Post("/login")
    TokenResponse login(@Body LoginRequest request) {
        return TokenResponse.of(logins.login(request.username(), request.password(), request.deviceId()));
    }

    @Post("/refresh")
    TokenResponse refresh(@Body RefreshRequest request) {
        return TokenResponse.of(logins.refresh(request.refreshToken()));
    }
}

package org.fieldledger.server.auth;

import jakarta.inject.Singleton;
import java.time.Clock;
import org.fieldledger.server.error.ApiException;
import org.fieldledger.server.storage.Database;

/** Logging in and refreshing: checks credentials or a refresh token, and hands out a new pair of tokens. */
@Singleton
public class LoginService {
    private static final String BAD_CREDENTIALS = "Wrong username or password";

    private final Database database;
    private final UserRepository users;
    private final DeviceRepository devices;
    private final Passwords passwords;
    private final AccessTokens accessTokens;
    private final RefreshTokens refreshTokens;
    private final Clock clock = Clock.systemUTC();

    LoginService(Database database, UserRepository users, DeviceRepository devices, Passwords passwords,
                 AccessTokens accessTokens, RefreshTokens refreshTokens) {
        this.database = database;
        this.users = users;
        this.devices = devices;
        this.passwords = passwords;
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
    }

    /** What a successful login or refresh returns. */
    public record Session(AccessTokens.Issued access, String refreshToken, User user) {
    }

    private record Started(User user, String refreshToken) {
    }

    /**
     * Logs a user in, registering the device on its first login.
     *
     * @param deviceId null for a browser or script
     * @throws ApiException 401 with one message for a wrong username and a wrong password alike; 409 for a device
     *     registered to someone else
     */
    public Session login(String username, String password, String deviceId) {
        // The slow bcrypt check runs outside the transaction: it must not hold SQLite's write lock.
        UserRepository.Credentials credentials = database.read(connection -> users.credentials(connection, username))
                .orElse(null);
        if (credentials == null) {
            passwords.spendCheckTime();
            throw badCredentials();
        }
        if (!passwords.matches(password, credentials.passwordHash())) {
            throw badCredentials();
        }
        String userId = credentials.user().id();
        Started started = database.write(connection -> {
            User user = users.find(connection, userId).filter(User::enabled).orElseThrow(LoginService::disabled);
            long now = clock.millis();
            if (deviceId != null) {
                devices.logIn(connection, deviceId, userId, now);
            }
            return new Started(user, refreshTokens.start(connection, userId, deviceId, now));
        });
        return new Session(accessTokens.issue(started.user(), deviceId), started.refreshToken(), started.user());
    }

    /**
     * Exchanges a refresh token for a new access token and the next refresh token.
     *
     * @throws ApiException 401 for an unknown, expired or revoked token; for a reused one, after revoking its family
     */
    public Session refresh(String refreshToken) {
        // The transaction commits before the 401 is thrown: revoking a family after reuse must stick.
        RefreshTokens.Outcome outcome = database.write(connection ->
                refreshTokens.rotate(connection, refreshToken, clock.millis()));
        if (outcome instanceof RefreshTokens.Refused refused) {
            throw refusal(refused);
        }
        RefreshTokens.Rotated rotated = (RefreshTokens.Rotated) outcome;
        User user = users.find(rotated.userId()).filter(User::enabled).orElseThrow(LoginService::disabled);
        return new Session(accessTokens.issue(user, rotated.deviceId()), rotated.next(), user);
    }

    private static AuthenticationFailure refusal(RefreshTokens.Refused refused) {
        String message;
        switch (refused.problem()) {
            case REUSED:
                message = "This session was revoked because a refresh token was reused: each refresh token works once,"
                        + " so someone else may hold a copy. Log in again";
                break;
            case REVOKED:
                message = "This session was revoked because " + refused.revokedReason().text()
                        + ". Log in again";
                break;
            case EXPIRED:
                message = "The refresh token has expired. Log in again";
                break;
            default:
                message = "The refresh token is not one this server issued. Log in again";
        }
        return AuthenticationFailure.credentials(refused.problem(), "refreshToken", message);
    }

    private static AuthenticationFailure badCredentials() {
        return AuthenticationFailure.credentials(TokenProblem.BAD_CREDENTIALS, "password", BAD_CREDENTIALS);
    }

    private static AuthenticationFailure disabled() {
        return AuthenticationFailure.credentials(TokenProblem.USER_DISABLED, "username",
                "This account is disabled; ask an administrator");
    }
}

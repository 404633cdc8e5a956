-- Accounts, devices, sessions and token signing keys.
-- Times are epoch milliseconds (BIGINT): the same on SQLite and PostgreSQL, and compared as numbers.

-- "user" is a reserved word in PostgreSQL, hence app_user.
CREATE TABLE app_user (
    id            VARCHAR(36)  NOT NULL PRIMARY KEY,
    username      VARCHAR(64)  NOT NULL UNIQUE,
    -- bcrypt, $2a$ with its cost and salt; never the password itself.
    password_hash VARCHAR(60)  NOT NULL,
    role          VARCHAR(16)  NOT NULL CHECK (role IN ('INSPECTOR', 'TOWN_OFFICE', 'SUPERVISOR', 'ADMIN')),
    enabled       BOOLEAN      NOT NULL DEFAULT TRUE,
    created_at    BIGINT       NOT NULL,
    updated_at    BIGINT       NOT NULL
);

CREATE TABLE user_area (
    user_id   VARCHAR(36)  NOT NULL REFERENCES app_user (id),
    area_name VARCHAR(100) NOT NULL REFERENCES area (name),
    PRIMARY KEY (user_id, area_name)
);

-- A phone or desktop client, by the id it generated for itself. It belongs to the first user who logged in on it;
-- its records are attributed to it, so it never passes silently to another user.
CREATE TABLE device (
    id            VARCHAR(64) NOT NULL PRIMARY KEY,
    user_id       VARCHAR(36) NOT NULL REFERENCES app_user (id),
    registered_at BIGINT      NOT NULL,
    last_login_at BIGINT      NOT NULL
);

CREATE INDEX device_by_user ON device (user_id);

-- One login: every refresh token rotated from it belongs to it, so a reused token can end all of them at once.
CREATE TABLE session_family (
    id             VARCHAR(36) NOT NULL PRIMARY KEY,
    user_id        VARCHAR(36) NOT NULL REFERENCES app_user (id),
    device_id      VARCHAR(64) REFERENCES device (id),
    created_at     BIGINT      NOT NULL,
    revoked_at     BIGINT,
    revoked_reason VARCHAR(40)
);

CREATE INDEX session_family_by_user ON session_family (user_id);

-- Refresh tokens, only as the hex SHA-256 of the token: a copy of the database does not hold a usable token.
CREATE TABLE refresh_token (
    token_sha256 CHAR(64)    NOT NULL PRIMARY KEY,
    family_id    VARCHAR(36) NOT NULL REFERENCES session_family (id),
    issued_at    BIGINT      NOT NULL,
    expires_at   BIGINT      NOT NULL,
    -- Set when the token is exchanged; presenting it again is reuse.
    used_at      BIGINT
);

CREATE INDEX refresh_token_by_family ON refresh_token (family_id);

-- Access token signing keys. The generation is unique, so instances starting together on one database agree on one
-- key: each inserts generation 1 if absent, then all read back the same row.
CREATE TABLE signing_key (
    kid         VARCHAR(64) NOT NULL PRIMARY KEY,
    generation  INTEGER     NOT NULL UNIQUE,
    algorithm   VARCHAR(16) NOT NULL,
    -- The key pair as a JWK (RFC 7517), private part included.
    private_jwk TEXT        NOT NULL,
    created_at  BIGINT      NOT NULL
);

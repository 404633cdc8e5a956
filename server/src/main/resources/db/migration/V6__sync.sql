-- What each device has pushed: one row per processed sequence number, applied or rejected. Makes pushes idempotent
-- (a retried mutation is answered from here) and keeps every refused mutation with its reason.
CREATE TABLE sync_device (
    device_id            VARCHAR(64)  NOT NULL PRIMARY KEY,
    user_id              VARCHAR(64)  NOT NULL,
    -- Every seq up to this one has been processed.
    acknowledged_through BIGINT       NOT NULL
);

CREATE TABLE device_mutation (
    device_id      VARCHAR(64)  NOT NULL,
    seq            BIGINT       NOT NULL,
    mutation_id    VARCHAR(64)  NOT NULL,
    mutation_type  VARCHAR(32)  NOT NULL,
    content_sha256 CHAR(64)     NOT NULL,
    -- The mutation as received (canonical JSON): a rejected one is kept so nothing the user recorded is lost.
    mutation       TEXT         NOT NULL,
    status         VARCHAR(16)  NOT NULL,
    code           VARCHAR(40),
    reason         TEXT,
    problems       TEXT,
    position       BIGINT,
    user_id        VARCHAR(64)  NOT NULL,
    received_at    VARCHAR(30)  NOT NULL,
    PRIMARY KEY (device_id, seq)
);
CREATE INDEX device_mutation_by_id ON device_mutation (mutation_id);

CREATE TABLE visit (
    id               VARCHAR(64)  NOT NULL PRIMARY KEY,
    revision_of      VARCHAR(64)  UNIQUE,
    site_id          VARCHAR(64)  NOT NULL,
    area             VARCHAR(100) NOT NULL,
    template_id      VARCHAR(64)  NOT NULL,
    template_version INTEGER      NOT NULL,
    inspector_id     VARCHAR(64)  NOT NULL,
    device_id        VARCHAR(64)  NOT NULL,
    submitted_at     VARCHAR(30)  NOT NULL,
    received_at      VARCHAR(30)  NOT NULL,
    passed           BOOLEAN      NOT NULL,
    superseded_by    VARCHAR(64),
    content_sha256   CHAR(64)     NOT NULL,
    -- The visit as the sync feed serves it.
    state            TEXT         NOT NULL
);
CREATE INDEX visit_by_site ON visit (site_id, submitted_at);

CREATE TABLE corrective_action (
    id          VARCHAR(64)  NOT NULL PRIMARY KEY,
    raised_by   VARCHAR(64)  NOT NULL REFERENCES visit (id),
    site_id     VARCHAR(64)  NOT NULL,
    area        VARCHAR(100) NOT NULL,
    template_id VARCHAR(64)  NOT NULL,
    question_id VARCHAR(64)  NOT NULL,
    due_on      VARCHAR(10)  NOT NULL,
    status      VARCHAR(16)  NOT NULL,
    closed_by   VARCHAR(64)  REFERENCES visit (id),
    state       TEXT         NOT NULL
);
CREATE INDEX corrective_action_open ON corrective_action (site_id, template_id, status);

CREATE TABLE completion (
    id             VARCHAR(64)  NOT NULL PRIMARY KEY,
    project_id     VARCHAR(80)  NOT NULL REFERENCES project (id),
    metric         VARCHAR(200) NOT NULL,
    site_id        VARCHAR(64)  NOT NULL,
    area           VARCHAR(100) NOT NULL,
    status         VARCHAR(16)  NOT NULL,
    content_sha256 CHAR(64)     NOT NULL,
    -- Per mergeable field, the hybrid logical clock of the write that set it (JSON object).
    field_clocks   TEXT         NOT NULL,
    state          TEXT         NOT NULL
);
CREATE INDEX completion_by_project ON completion (project_id, status);

-- Values that lost a field-by-field merge, so no edit ever disappears without a trace.
CREATE TABLE conflict_log (
    id           VARCHAR(64)  NOT NULL PRIMARY KEY,
    entity_type  VARCHAR(32)  NOT NULL,
    entity_id    VARCHAR(64)  NOT NULL,
    field        VARCHAR(64)  NOT NULL,
    kept_value   TEXT,
    kept_clock   VARCHAR(100) NOT NULL,
    lost_value   TEXT,
    lost_clock   VARCHAR(100) NOT NULL,
    lost_device  VARCHAR(64),
    lost_user    VARCHAR(64),
    reason       VARCHAR(32)  NOT NULL,
    logged_at    VARCHAR(30)  NOT NULL
);
CREATE INDEX conflict_log_by_entity ON conflict_log (entity_type, entity_id);

-- Per site field merged by UPDATE_SITE, the hybrid logical clock of the write that set it.
CREATE TABLE site_field_clock (
    site_id VARCHAR(64)  NOT NULL,
    field   VARCHAR(32)  NOT NULL,
    clock   VARCHAR(100) NOT NULL,
    PRIMARY KEY (site_id, field)
);

-- The published plans and their projects, transcribed from the notices. Loaded from catalog files at start.
-- Dates are ISO-8601 text (2025-12-31): SQLite has no date type, and text sorts and compares the same on both.
CREATE TABLE plan (
    id              VARCHAR(64)  NOT NULL PRIMARY KEY,
    issuer          VARCHAR(200) NOT NULL,
    plan_year       INTEGER      NOT NULL,
    document_number VARCHAR(100) NOT NULL,
    issued_on       VARCHAR(10),
    title           VARCHAR(500) NOT NULL,
    source          VARCHAR(200),
    -- SHA-256 of the catalog file the plan came from: loading an unchanged file again is a no-op.
    content_sha256  CHAR(64)     NOT NULL
);

CREATE TABLE area (
    name VARCHAR(100) NOT NULL PRIMARY KEY
);

CREATE TABLE project (
    id          VARCHAR(80)  NOT NULL PRIMARY KEY,
    plan_id     VARCHAR(64)  NOT NULL REFERENCES plan (id),
    number      INTEGER      NOT NULL,
    category    VARCHAR(200),
    name        VARCHAR(500) NOT NULL,
    summary     TEXT,
    content     TEXT         NOT NULL,
    deadline    VARCHAR(10),
    -- Name, category, summary, content and unit names in one column, for the text filter.
    search_text TEXT         NOT NULL,
    UNIQUE (plan_id, number)
);

CREATE TABLE project_target (
    project_id VARCHAR(80)  NOT NULL REFERENCES project (id),
    position   INTEGER      NOT NULL,
    metric     VARCHAR(200) NOT NULL,
    comparator VARCHAR(16)  NOT NULL,
    -- Kept as the exact decimal text (3100, 9.2): SQLite has no exact decimal type.
    amount     VARCHAR(40)  NOT NULL,
    unit       VARCHAR(20)  NOT NULL,
    source_text TEXT        NOT NULL,
    PRIMARY KEY (project_id, position),
    UNIQUE (project_id, metric)
);

CREATE TABLE project_unit (
    project_id VARCHAR(80)  NOT NULL REFERENCES project (id),
    position   INTEGER      NOT NULL,
    role       VARCHAR(16)  NOT NULL,
    unit_name  VARCHAR(200) NOT NULL,
    PRIMARY KEY (project_id, position)
);

CREATE TABLE project_area (
    project_id VARCHAR(80)  NOT NULL REFERENCES project (id),
    area_name  VARCHAR(100) NOT NULL REFERENCES area (name),
    PRIMARY KEY (project_id, area_name)
);

CREATE INDEX project_by_plan ON project (plan_id, number);
CREATE INDEX project_area_by_area ON project_area (area_name);

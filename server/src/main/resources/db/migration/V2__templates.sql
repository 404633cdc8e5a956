-- Checklist templates. A version, once stored, never changes: visits answered against it must stay readable.
CREATE TABLE checklist_template (
    id             VARCHAR(64)  NOT NULL,
    version        INTEGER      NOT NULL,
    title          VARCHAR(200) NOT NULL,
    site_kind      VARCHAR(40)  NOT NULL,
    -- The template document as served by the API (fieldledger-template/1 JSON).
    document       TEXT         NOT NULL,
    content_sha256 CHAR(64)     NOT NULL,
    -- Set when an admin withdraws a version; visits recorded offline against it are still accepted.
    retired        BOOLEAN      NOT NULL DEFAULT FALSE,
    PRIMARY KEY (id, version)
);

CREATE TABLE checklist_template_project (
    template_id VARCHAR(64) NOT NULL,
    version     INTEGER     NOT NULL,
    project_id  VARCHAR(80) NOT NULL REFERENCES project (id),
    PRIMARY KEY (template_id, version, project_id),
    FOREIGN KEY (template_id, version) REFERENCES checklist_template (id, version)
);

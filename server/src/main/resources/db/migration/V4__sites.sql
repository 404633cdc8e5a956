-- The places that are checked. Devices may create sites offline, so a site's id may be client-generated.
CREATE TABLE site (
    id              VARCHAR(64)      NOT NULL PRIMARY KEY,
    name            VARCHAR(200)     NOT NULL,
    kind            VARCHAR(40)      NOT NULL,
    area_name       VARCHAR(100)     NOT NULL REFERENCES area (name),
    address         VARCHAR(500),
    -- WGS-84; all three null until someone has measured the site.
    latitude        DOUBLE PRECISION,
    longitude       DOUBLE PRECISION,
    accuracy_meters DOUBLE PRECISION,
    created_at      BIGINT           NOT NULL,
    created_by      VARCHAR(36)      NOT NULL REFERENCES app_user (id),
    updated_at      BIGINT           NOT NULL,
    updated_by      VARCHAR(36)      NOT NULL REFERENCES app_user (id)
);

CREATE INDEX site_by_area ON site (area_name, id);
CREATE INDEX site_by_kind ON site (kind);

CREATE TABLE site_project (
    site_id    VARCHAR(64) NOT NULL REFERENCES site (id),
    project_id VARCHAR(80) NOT NULL REFERENCES project (id),
    PRIMARY KEY (site_id, project_id)
);

CREATE INDEX site_project_by_project ON site_project (project_id);

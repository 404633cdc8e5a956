-- Visits a town office asks for: this site, this checklist, by this date. Done by the next such visit.
CREATE TABLE assignment (
    id          VARCHAR(64)  NOT NULL PRIMARY KEY,
    site_id     VARCHAR(64)  NOT NULL REFERENCES site (id),
    area        VARCHAR(100) NOT NULL,
    template_id VARCHAR(64)  NOT NULL,
    assignee    VARCHAR(36),
    status      VARCHAR(16)  NOT NULL,
    state       TEXT         NOT NULL
);
CREATE INDEX assignment_open ON assignment (site_id, template_id, status);

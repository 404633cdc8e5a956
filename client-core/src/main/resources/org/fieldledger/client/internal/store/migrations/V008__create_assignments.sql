-- Assignments (a town office's "check this site with this checklist") as pulled, at their highest ledger position.
CREATE TABLE assignments (
    id       TEXT PRIMARY KEY,
    site_id  TEXT    NOT NULL,
    status   TEXT    NOT NULL,
    state    TEXT    NOT NULL,
    position INTEGER NOT NULL
);
CREATE INDEX assignments_by_status ON assignments (status);

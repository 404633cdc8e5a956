-- Drafts, visits submitted here and visits pulled from the server. A visit's sync state is not stored: it follows
-- from its status and from where its mutation is (outbox, rejected_mutations, or neither once acknowledged).
CREATE TABLE visits (
    id               TEXT PRIMARY KEY,
    revision_of      TEXT,
    site_id          TEXT    NOT NULL,
    template_id      TEXT    NOT NULL,
    template_version INTEGER NOT NULL,
    status           TEXT    NOT NULL,
    inspector        TEXT    NOT NULL,
    device_id        TEXT    NOT NULL,
    started_at       TEXT    NOT NULL,
    submitted_at     TEXT,
    location         TEXT,
    answers          TEXT    NOT NULL,
    mutation_id      TEXT UNIQUE,
    replaced_by      TEXT,
    inspector_name   TEXT,
    received_at      TEXT,
    outcome          TEXT,
    superseded_by    TEXT,
    position         INTEGER,
    updated_at       INTEGER NOT NULL
);
CREATE INDEX visits_by_site ON visits (site_id);
CREATE INDEX visits_by_revision ON visits (revision_of);

-- Completion claims and corrective actions as pulled, each the state at its highest ledger position.
CREATE TABLE completions (
    id       TEXT PRIMARY KEY,
    site_id  TEXT    NOT NULL,
    status   TEXT    NOT NULL,
    state    TEXT    NOT NULL,
    position INTEGER NOT NULL
);
CREATE INDEX completions_by_site ON completions (site_id);
CREATE TABLE corrective_actions (
    id       TEXT PRIMARY KEY,
    site_id  TEXT    NOT NULL,
    status   TEXT    NOT NULL,
    state    TEXT    NOT NULL,
    position INTEGER NOT NULL
);
CREATE INDEX corrective_actions_by_site ON corrective_actions (site_id);

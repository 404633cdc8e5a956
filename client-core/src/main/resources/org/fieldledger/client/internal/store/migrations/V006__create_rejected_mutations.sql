-- Mutations the server refused for good, with its code, reason and problems: kept so the user sees them.
CREATE TABLE rejected_mutations (
    mutation_id TEXT PRIMARY KEY,
    seq         INTEGER NOT NULL,
    type        TEXT    NOT NULL,
    record_id   TEXT    NOT NULL,
    payload     TEXT    NOT NULL,
    hlc         TEXT    NOT NULL,
    code        TEXT    NOT NULL,
    reason      TEXT,
    problems    TEXT    NOT NULL,
    rejected_at INTEGER NOT NULL
);
CREATE INDEX rejected_by_record ON rejected_mutations (record_id);

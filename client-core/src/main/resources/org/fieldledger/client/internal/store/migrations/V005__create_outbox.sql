-- Mutations not yet acknowledged by the server, in the device's gapless sequence. A row leaves only when the server
-- has answered for it (applied, duplicate, rejected) or acknowledged its seq.
CREATE TABLE outbox (
    mutation_id TEXT PRIMARY KEY,
    seq         INTEGER NOT NULL UNIQUE,
    type        TEXT    NOT NULL,
    record_id   TEXT    NOT NULL,
    payload     TEXT    NOT NULL,
    hlc         TEXT    NOT NULL,
    state       TEXT    NOT NULL,
    attempts    INTEGER NOT NULL DEFAULT 0,
    last_error  TEXT,
    created_at  INTEGER NOT NULL
);

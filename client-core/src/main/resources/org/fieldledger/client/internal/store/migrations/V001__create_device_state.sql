-- The one row of what this installation is: its device id, the next sequence number of its outbox, its hybrid
-- logical clock, its pull cursor, its session, and the back-off state of its sync.
CREATE TABLE device_state (
    id                INTEGER PRIMARY KEY CHECK (id = 1),
    device_id         TEXT    NOT NULL,
    next_seq          INTEGER NOT NULL,
    hlc               TEXT,
    pull_cursor       TEXT,
    user_id           TEXT,
    username          TEXT,
    role              TEXT,
    areas             TEXT,
    access_token      TEXT,
    access_expires_at INTEGER,
    refresh_token     TEXT,
    session_expired   INTEGER NOT NULL DEFAULT 0,
    sync_failures     INTEGER NOT NULL DEFAULT 0,
    retry_at          INTEGER,
    last_error        TEXT,
    last_synced_at    INTEGER
);

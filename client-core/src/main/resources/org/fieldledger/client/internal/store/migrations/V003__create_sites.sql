-- Sites as the user sees them (current: the server's state with this device's unsent edits laid over it), the
-- server's state as last pulled, and the site as created here while the server has not confirmed it.
CREATE TABLE sites (
    id            TEXT PRIMARY KEY,
    area          TEXT    NOT NULL,
    name          TEXT    NOT NULL,
    current       TEXT    NOT NULL,
    server_state  TEXT,
    position      INTEGER,
    created_here  TEXT
);
CREATE INDEX sites_by_area ON sites (area, name);

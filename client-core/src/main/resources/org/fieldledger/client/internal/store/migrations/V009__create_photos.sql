-- Photos attached on this device. The bytes are copied into the photo directory as <sha256> when attached, so the
-- app may delete its own copy at once. A row lives as long as the visit; the file is deleted only once the server has
-- confirmed it holds the photo (state UPLOADED).
CREATE TABLE photos (
    visit_id       TEXT    NOT NULL,
    question_id    TEXT    NOT NULL,
    sha256         TEXT    NOT NULL,
    size           INTEGER NOT NULL,
    content_type   TEXT    NOT NULL,
    -- PENDING, UPLOADING, UPLOADED or FAILED (refused by the server for good; last_error says why).
    state          TEXT    NOT NULL,
    -- The tus upload on the server, once created: an interrupted upload resumes there.
    upload_url     TEXT,
    uploaded_bytes INTEGER NOT NULL,
    last_error     TEXT,
    attached_at    INTEGER NOT NULL,
    PRIMARY KEY (visit_id, question_id, sha256)
);
CREATE INDEX photos_by_sha ON photos (sha256);

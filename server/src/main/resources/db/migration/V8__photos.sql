-- tus uploads in progress. The bytes are in a file of the upload directory; this row is how far they reach, so an
-- upload resumes from the server's offset after a restart or on another instance.
CREATE TABLE upload (
    id            VARCHAR(64)  NOT NULL PRIMARY KEY,
    owner_id      VARCHAR(36)  NOT NULL,
    length        BIGINT       NOT NULL,
    upload_offset BIGINT       NOT NULL,
    -- The SHA-256 the client claims for the whole file (Upload-Metadata 'sha256'); checked when the last byte arrives.
    sha256        CHAR(64)     NOT NULL,
    filename      VARCHAR(255),
    -- Upload-Metadata as the client sent it, returned by HEAD.
    metadata      TEXT,
    created_at    VARCHAR(30)  NOT NULL
);

-- Photos held in the blob store, with what their EXIF says (null when it says nothing).
CREATE TABLE blob (
    sha256       CHAR(64)         NOT NULL PRIMARY KEY,
    size         BIGINT           NOT NULL,
    content_type VARCHAR(40)      NOT NULL,
    stored_at    VARCHAR(30)      NOT NULL,
    stored_by    VARCHAR(36)      NOT NULL,
    has_exif     BOOLEAN          NOT NULL,
    taken_at     VARCHAR(30),
    latitude     DOUBLE PRECISION,
    longitude    DOUBLE PRECISION
);

-- Every photo a submitted visit claims, by question: who may read a blob, which photos are still missing, and the
-- evidence flags last recorded in the ledger for the visit.
CREATE TABLE visit_photo (
    visit_id    VARCHAR(64)  NOT NULL REFERENCES visit (id),
    question_id VARCHAR(64)  NOT NULL,
    sha256      CHAR(64)     NOT NULL,
    site_id     VARCHAR(64)  NOT NULL,
    area        VARCHAR(100) NOT NULL,
    -- PHOTO or SIGNATURE: a signature is drawn on the screen and has no EXIF to check.
    kind        VARCHAR(16)  NOT NULL,
    PRIMARY KEY (visit_id, question_id, sha256)
);
CREATE INDEX visit_photo_by_sha ON visit_photo (sha256);

CREATE TABLE visit_evidence (
    visit_id VARCHAR(64) NOT NULL PRIMARY KEY REFERENCES visit (id),
    -- The flags as last recorded in the ledger (JSON), so a flag is recorded once, when it first appears.
    flags    TEXT        NOT NULL
);

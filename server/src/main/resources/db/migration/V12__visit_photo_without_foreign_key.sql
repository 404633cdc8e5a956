-- A photo claim's foreign key on its visit cost PostgreSQL a lookup and a row lock on the visit for every claim: over a
-- third of inserting a visit's three claims, the costliest rows a push writes. It guarded nothing that can happen: a
-- visit is never deleted, and its claims are written only in the transaction that stores it, after it
-- (PhotoEvidence.afterVisit; EvidenceBackfill for visits stored before migration 8). SQLite cannot drop a constraint
-- in place, so the table is copied into its new form (on PostgreSQL too: one migration serves both).
CREATE TABLE visit_photo_v12 (
    visit_id    VARCHAR(64)  NOT NULL,
    question_id VARCHAR(64)  NOT NULL,
    sha256      CHAR(64)     NOT NULL,
    site_id     VARCHAR(64)  NOT NULL,
    area        VARCHAR(100) NOT NULL,
    -- PHOTO or SIGNATURE: a signature is drawn on the screen and has no EXIF to check.
    kind        VARCHAR(16)  NOT NULL,
    PRIMARY KEY (visit_id, question_id, sha256)
);
INSERT INTO visit_photo_v12 (visit_id, question_id, sha256, site_id, area, kind)
SELECT visit_id, question_id, sha256, site_id, area, kind
FROM visit_photo;
DROP TABLE visit_photo;
ALTER TABLE visit_photo_v12 RENAME TO visit_photo;
CREATE INDEX visit_photo_by_sha ON visit_photo (sha256);

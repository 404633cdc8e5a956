-- An applied mutation's record is its ledger entry (ledger_entry.mutation_id), hash-chained; device_mutation kept a
-- second copy of its text, a third of the bytes every push wrote. The text is now kept only for a mutation the ledger
-- does not record: one rejected, or unreadable. SQLite cannot drop a NOT NULL in place, so the table is copied into its
-- new form (on PostgreSQL too: one migration serves both).
CREATE TABLE device_mutation_v10 (
    device_id      VARCHAR(64)  NOT NULL,
    seq            BIGINT       NOT NULL,
    mutation_id    VARCHAR(64)  NOT NULL,
    mutation_type  VARCHAR(32)  NOT NULL,
    content_sha256 CHAR(64)     NOT NULL,
    -- The mutation as received (canonical JSON) when it was not applied; null when its ledger entry records it.
    mutation       TEXT,
    status         VARCHAR(16)  NOT NULL,
    code           VARCHAR(40),
    reason         TEXT,
    problems       TEXT,
    position       BIGINT,
    user_id        VARCHAR(64)  NOT NULL,
    received_at    VARCHAR(30)  NOT NULL,
    PRIMARY KEY (device_id, seq)
);
INSERT INTO device_mutation_v10 (device_id, seq, mutation_id, mutation_type, content_sha256, mutation, status, code,
                                 reason, problems, position, user_id, received_at)
SELECT device_id, seq, mutation_id, mutation_type, content_sha256, mutation, status, code, reason, problems, position,
       user_id, received_at
FROM device_mutation;
DROP TABLE device_mutation;
ALTER TABLE device_mutation_v10 RENAME TO device_mutation;
CREATE INDEX device_mutation_by_id ON device_mutation (mutation_id);

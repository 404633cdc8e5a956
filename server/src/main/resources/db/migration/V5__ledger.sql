-- The append-only, hash-chained record of every accepted change and decision. Rows are never updated or deleted.
CREATE TABLE ledger_entry (
    position      BIGINT       NOT NULL PRIMARY KEY,
    entity_type   VARCHAR(32)  NOT NULL,
    entity_id     VARCHAR(100) NOT NULL,
    action        VARCHAR(40)  NOT NULL,
    -- The town or street whose users may see the entry; NULL for entries everyone may see (checklists).
    area          VARCHAR(100),
    actor         VARCHAR(100) NOT NULL,
    device_id     VARCHAR(64),
    mutation_id   VARCHAR(64),
    recorded_at   VARCHAR(30)  NOT NULL,
    -- The record's full state after this change, as the sync feed serves it.
    payload       TEXT         NOT NULL,
    previous_hash CHAR(64)     NOT NULL,
    entry_hash    CHAR(64)     NOT NULL
);

-- Pull reads "entries after my cursor in my areas": this index makes its cost follow the changes, not the ledger.
CREATE INDEX ledger_entry_by_area ON ledger_entry (area, position);
CREATE INDEX ledger_entry_by_entity ON ledger_entry (entity_type, entity_id, position);

-- One row: the last position and hash. Appends update it first, which serialises them across server instances.
CREATE TABLE ledger_head (
    id         INTEGER  NOT NULL PRIMARY KEY,
    position   BIGINT   NOT NULL,
    entry_hash CHAR(64) NOT NULL
);
INSERT INTO ledger_head (id, position, entry_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- A visit's state as served was stored twice: in visit.state and as the payload of the ledger entry that made it (the
-- visit's SUBMITTED entry, then its SUPERSEDED one). The visit row now points at that entry instead; the state is read
-- from the ledger, where it is also hash-chained.
ALTER TABLE visit ADD COLUMN state_position BIGINT;
UPDATE visit SET state_position = (SELECT MAX(position) FROM ledger_entry
                                   WHERE entity_type = 'VISIT' AND entity_id = visit.id
                                     AND action IN ('SUBMITTED', 'SUPERSEDED'));
ALTER TABLE visit DROP COLUMN state;

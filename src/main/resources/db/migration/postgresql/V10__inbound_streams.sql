-- Inbound messages of any size: raw stays bytea, written with setBinaryStream and read with getBinaryStream one
-- message at a time; copies are merged on the SHA-256 of the message without its trace headers, written as
-- 'sha256:<hex>' in message_key; the Message-ID moves to a column of its own (not unique) for thread look-ups.
-- Rows written before keep their message_key (their Message-ID), copied into message_id.
ALTER TABLE inbound_message ADD COLUMN message_id VARCHAR(250);
ALTER TABLE inbound_message ADD COLUMN raw_size BIGINT;
UPDATE inbound_message SET message_id = message_key, raw_size = OCTET_LENGTH(raw) WHERE message_key NOT LIKE 'sha256:%';
UPDATE inbound_message SET raw_size = OCTET_LENGTH(raw) WHERE raw_size IS NULL;
CREATE INDEX inbound_message_id_ix ON inbound_message (message_id);
CREATE INDEX inbound_unprocessed_ix ON inbound_message (processed_at, id);

-- A reply that matches no introduction is still forwarded to a person: its outbound row names no introduction.
ALTER TABLE outbound_email ALTER COLUMN introduction_id DROP NOT NULL;

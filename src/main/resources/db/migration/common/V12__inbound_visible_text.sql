-- What the person wrote in an inbound message: its text without the quoted history and the signature, as Introflow
-- read it when the message was processed (cut to 4000 characters). Shown by `introflow status --intro TOKEN`.
ALTER TABLE inbound_message ADD COLUMN visible_text VARCHAR(4000);

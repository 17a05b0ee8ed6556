-- A row that failed for a temporary reason is tried again no earlier than this (exponential backoff with jitter).
ALTER TABLE outbound_email ADD COLUMN next_attempt_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX outbound_sender_sent_idx ON outbound_email (sender, sent_at);

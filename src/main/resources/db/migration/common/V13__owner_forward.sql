-- Every reply from a person is handed to the relationship owner (docs/replies.md), as a stage after the reply is
-- applied: a forward that cannot be queued stays OWED and is tried again on the next run, and the classification is
-- never touched again.
ALTER TABLE inbound_message ADD COLUMN intents VARCHAR(200);          -- secondary intents besides the class: question
ALTER TABLE inbound_message ADD COLUMN handling VARCHAR(2000);        -- what Introflow did: moves, holds, refusals
ALTER TABLE inbound_message ADD COLUMN forward_state VARCHAR(16);     -- OWED, FORWARDED, NO_OWNER; null: not owed
ALTER TABLE inbound_message ADD COLUMN forwarded_outbound_id BIGINT;  -- the forward in outbound_email
ALTER TABLE inbound_message ADD COLUMN forward_error VARCHAR(1000);    -- why the last attempt failed
CREATE INDEX inbound_forward_owed_ix ON inbound_message (forward_state);

-- The value offer an introduction's value email carried (batch-config/value-offers.yml), recorded when that email is
-- composed: a composition again after a restart uses the same offer, and later emails say what was actually sent.
-- value_offer_step is the step key of the email that carried it, whose outbox state tells whether it was delivered.
ALTER TABLE introduction ADD COLUMN value_offer VARCHAR(100);
ALTER TABLE introduction ADD COLUMN value_offer_step VARCHAR(30);

-- The import now sets first_seen_on on a new contact; the cadence only fills the few it finds NULL (contacts stored
-- before this version, or by other means), found through this index instead of reading every contact each night.
CREATE INDEX contact_first_seen_idx ON contact (first_seen_on);

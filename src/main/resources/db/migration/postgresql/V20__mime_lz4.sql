-- Stored MIME (every outbound email, every inbound message) compressed with lz4 rather than pglz: a night writes
-- 20,000 emails of 10-40 KB, and pglz cost the server more than the inserts (docs/benchmarks.md, issue 20). Only new
-- rows change. A server built without lz4 (or older than PostgreSQL 14) keeps pglz and says so.
DO $$
BEGIN
    EXECUTE 'ALTER TABLE outbound_mime ALTER COLUMN mime SET COMPRESSION lz4';
    EXECUTE 'ALTER TABLE inbound_message ALTER COLUMN raw SET COMPRESSION lz4';
EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'stored MIME keeps the default compression: %', SQLERRM;
END $$;

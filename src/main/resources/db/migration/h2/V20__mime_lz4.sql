-- PostgreSQL only (its V20 compresses stored MIME with lz4); H2 stores it as it did. Kept so both databases count
-- migrations alike: the next shared migration is V21.
SELECT 1;

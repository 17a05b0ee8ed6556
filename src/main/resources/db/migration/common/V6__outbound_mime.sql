-- The exact bytes of each email live apart from its delivery state, so that the two updates every email goes
-- through (SENDING, SENT) do not rewrite several kilobytes each time.
CREATE TABLE outbound_mime (
    outbound_id  BIGINT NOT NULL PRIMARY KEY,
    mime         BYTEA  NOT NULL,
    CONSTRAINT outbound_mime_fk FOREIGN KEY (outbound_id) REFERENCES outbound_email (id)
);
INSERT INTO outbound_mime (outbound_id, mime) SELECT id, mime FROM outbound_email;
ALTER TABLE outbound_email DROP COLUMN mime;

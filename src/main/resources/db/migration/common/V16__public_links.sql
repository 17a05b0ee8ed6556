-- Public links (the one-click unsubscribe, the referrer's introduction page) carry tokens of their own, one per
-- purpose, so that the reply/tracking token the prospect sees in the intro's CC and in our Message-IDs opens nothing.
-- A link's token is made when the first email carrying it is composed.
CREATE TABLE public_link (
    token            VARCHAR(64)  NOT NULL PRIMARY KEY,
    introduction_id  BIGINT       NOT NULL REFERENCES introduction (id),
    purpose          VARCHAR(20)  NOT NULL,          -- unsubscribe | intro-page
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT public_link_one_per_purpose UNIQUE (introduction_id, purpose)
);

-- Emails composed before public links had tokens of their own carried <public-base-url>/unsubscribe/<reply token>:
-- those links keep working for the introductions that existed then, and for no later one.
ALTER TABLE introduction ADD COLUMN legacy_links BOOLEAN DEFAULT FALSE NOT NULL;
UPDATE introduction SET legacy_links = TRUE;

-- introflow serve says it is alive once a minute; a night run warns when one-click links have had no server.
CREATE TABLE serve_heartbeat (
    instance    VARCHAR(200) NOT NULL PRIMARY KEY,   -- host and process id
    started_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    seen_at     TIMESTAMP WITH TIME ZONE NOT NULL
);

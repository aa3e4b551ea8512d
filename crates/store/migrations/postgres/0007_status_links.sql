-- The citizen's private status page is reached through an unguessable link.
-- Only the SHA-256 of its token is kept; a link can be revoked (and a new one
-- issued) by staff. Kept in lockstep with ../sqlite.

CREATE TABLE status_links (
    token_hash  TEXT     PRIMARY KEY,
    id          UUID     NOT NULL UNIQUE,
    case_id     UUID     NOT NULL,
    created_at  BIGINT   NOT NULL,
    revoked_at  BIGINT
);
CREATE INDEX status_links_case ON status_links (case_id);

-- The citizen's private status page is reached through an unguessable link.
-- Only the SHA-256 of its token is kept; a link can be revoked (and a new one
-- issued) by staff. Kept in lockstep with ../postgres.

CREATE TABLE status_links (
    token_hash  TEXT     PRIMARY KEY,
    id          BLOB     NOT NULL UNIQUE,
    case_id     BLOB     NOT NULL,
    created_at  INTEGER  NOT NULL,
    revoked_at  INTEGER
);
CREATE INDEX status_links_case ON status_links (case_id);

-- The status page can ask for a code sent by e-mail (an organisation
-- setting): the code and the access it grants are kept as hashes, with an
-- expiry and, for codes, a count of wrong tries. Kept in lockstep with ../sqlite.

ALTER TABLE organisation ADD COLUMN status_code_by_email BOOLEAN NOT NULL DEFAULT FALSE;

CREATE TABLE status_codes (
    token_hash  TEXT     PRIMARY KEY,
    code_hash   TEXT     NOT NULL,
    expires_at  BIGINT   NOT NULL,
    attempts    BIGINT   NOT NULL
);

CREATE TABLE status_access (
    access_hash TEXT     PRIMARY KEY,
    token_hash  TEXT     NOT NULL,
    expires_at  BIGINT   NOT NULL
);

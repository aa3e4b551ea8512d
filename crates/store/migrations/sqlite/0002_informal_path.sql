-- The informal path (rules of thumb 2 and 3): what the inbox needs to flag
-- work that is due, and the commitments and escalations overviews.
-- Projections like `cases`: rewritten with every change, rebuilt by
-- `gehoord rebuild`. Kept in lockstep with ../postgres.

ALTER TABLE cases ADD COLUMN first_contact_due TEXT;
ALTER TABLE cases ADD COLUMN first_contact_done INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN next_commitment_due TEXT;
ALTER TABLE cases ADD COLUMN open_escalations INTEGER NOT NULL DEFAULT 0;

-- "Needs attention": open cases whose first contact or a commitment is due.
CREATE INDEX cases_first_contact_due ON cases (is_open, first_contact_done, first_contact_due);
CREATE INDEX cases_next_commitment_due ON cases (is_open, next_commitment_due);

CREATE TABLE case_commitments (
    commitment_id  BLOB    PRIMARY KEY,
    case_id        BLOB    NOT NULL,
    what           TEXT    NOT NULL,
    to_whom        TEXT    NOT NULL,
    owner          TEXT    NOT NULL,
    due            TEXT    NOT NULL,
    status         TEXT    NOT NULL CHECK (status IN ('open', 'kept', 'broken'))
);
CREATE INDEX case_commitments_case ON case_commitments (case_id);
CREATE INDEX case_commitments_status_due ON case_commitments (status, due);

CREATE TABLE case_escalations (
    escalation_id       BLOB    PRIMARY KEY,
    case_id             BLOB    NOT NULL,
    reason              TEXT    NOT NULL,
    explanation         TEXT    NOT NULL,
    requested_decision  TEXT    NOT NULL,
    raised_at           INTEGER NOT NULL,
    raised_by           TEXT    NOT NULL,
    answered            INTEGER NOT NULL
);
CREATE INDEX case_escalations_case ON case_escalations (case_id);
CREATE INDEX case_escalations_open ON case_escalations (answered, raised_at);

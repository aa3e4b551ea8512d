-- Formal handling (rule of thumb 4): the Awb 9:11 deadline of every case,
-- as last recorded by its events, for the deadline overview; and the
-- organisation's warning threshold and competent ombudsman.
-- Kept in lockstep with ../postgres.

ALTER TABLE cases ADD COLUMN decision_due TEXT;
-- The deadline overview lists open cases by deadline, optionally per
-- handler or department; each filter has an index ending in the sort key.
CREATE INDEX cases_open_decision_due ON cases (is_open, decision_due, id);
CREATE INDEX cases_handler_decision_due ON cases (handler_id, is_open, decision_due, id);
CREATE INDEX cases_department_decision_due ON cases (department, is_open, decision_due, id);

ALTER TABLE organisation ADD COLUMN warning_working_days INTEGER NOT NULL DEFAULT 5;
ALTER TABLE organisation ADD COLUMN ombudsman TEXT NOT NULL DEFAULT 'de Nationale ombudsman';

-- Evidence files. The event that records a file carries its SHA-256, so the
-- hash chain covers the content; the bytes live here, written in the same
-- transaction, and are never changed.
CREATE TABLE attachments (
    id          BLOB     PRIMARY KEY,
    case_id     BLOB     NOT NULL,
    sha256      TEXT    NOT NULL,
    media_type  TEXT    NOT NULL,
    size        INTEGER NOT NULL,
    content     BLOB    NOT NULL
);
CREATE INDEX attachments_case ON attachments (case_id);

CREATE TRIGGER attachments_refuse_update BEFORE UPDATE ON attachments
BEGIN
    SELECT RAISE(ABORT, 'attachments are append-only: UPDATE refused');
END;

CREATE TRIGGER attachments_refuse_delete BEFORE DELETE ON attachments
BEGIN
    SELECT RAISE(ABORT, 'attachments are append-only: DELETE refused');
END;

-- Conduct protocols (ombudsvisie §4.6) apply to a person: their events live on
-- the case they were imposed on; this projection finds them for every case
-- of the same person (by e-mail, phone, or name with address).
CREATE TABLE conduct_protocols (
    protocol_id       BLOB     PRIMARY KEY,
    case_id           BLOB     NOT NULL,
    reference         TEXT    NOT NULL,
    email_key         TEXT,
    phone_key         TEXT,
    name_address_key  TEXT,
    active            INTEGER NOT NULL,
    detail            TEXT    NOT NULL
);
CREATE INDEX conduct_protocols_case ON conduct_protocols (case_id);
CREATE INDEX conduct_protocols_email ON conduct_protocols (email_key);
CREATE INDEX conduct_protocols_phone ON conduct_protocols (phone_key);
CREATE INDEX conduct_protocols_name_address ON conduct_protocols (name_address_key);

-- Letters going out by e-mail. A row is written in the same transaction as
-- the "letter sent" event, so a letter is never lost between the two; the
-- outbox worker delivers it, retries with backoff, and records delivery.
CREATE TABLE outbox (
    letter_id        BLOB     PRIMARY KEY,
    case_id          BLOB     NOT NULL,
    recipient        TEXT    NOT NULL,
    letter           TEXT    NOT NULL,
    status           TEXT    NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts         INTEGER NOT NULL,
    next_attempt_at  INTEGER NOT NULL,
    last_error       TEXT,
    delivered_at     INTEGER
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_case ON outbox (case_id);

-- Gehoord schema, SQLite. Kept in lockstep with ../postgres (a test checks
-- versions, tables and columns). Instants are integer microseconds since the
-- Unix epoch (UTC); civil dates are ISO text (YYYY-MM-DD).

CREATE TABLE organisation (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    name        TEXT    NOT NULL,
    created_at  INTEGER NOT NULL
);

CREATE TABLE users (
    id             BLOB    PRIMARY KEY,
    username       TEXT    NOT NULL UNIQUE,
    display_name   TEXT    NOT NULL,
    password_hash  TEXT    NOT NULL,
    role           TEXT    NOT NULL CHECK (role IN ('employee', 'handler', 'manager', 'admin')),
    active         INTEGER NOT NULL DEFAULT 1,
    created_at     INTEGER NOT NULL
);

CREATE TABLE sessions (
    token_hash  TEXT    PRIMARY KEY,
    user_id     BLOB    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL
);
CREATE INDEX sessions_expires_at ON sessions (expires_at);

CREATE TABLE api_tokens (
    id            BLOB    PRIMARY KEY,
    name          TEXT    NOT NULL,
    token_hash    TEXT    NOT NULL UNIQUE,
    created_at    INTEGER NOT NULL,
    revoked_at    INTEGER
);

CREATE TABLE setup_tokens (
    token_hash  TEXT    PRIMARY KEY,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL
);

CREATE TABLE reference_counters (
    year         INTEGER PRIMARY KEY,
    last_number  INTEGER NOT NULL
);

-- The append-only history. `position` orders all events globally (for
-- rebuilds); (case_id, seq) gives optimistic concurrency per case; each row's
-- hash covers its content and the previous row's hash of the same case.
CREATE TABLE events (
    position       INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id        BLOB    NOT NULL,
    seq            INTEGER NOT NULL CHECK (seq >= 1),
    event_type     TEXT    NOT NULL,
    event_version  INTEGER NOT NULL,
    recorded_at    INTEGER NOT NULL,
    actor          TEXT    NOT NULL,
    payload        TEXT    NOT NULL,
    prev_hash      TEXT    NOT NULL,
    hash           TEXT    NOT NULL,
    UNIQUE (case_id, seq)
);

CREATE TRIGGER events_refuse_update BEFORE UPDATE ON events
BEGIN
    SELECT RAISE(ABORT, 'events are append-only: UPDATE refused');
END;

CREATE TRIGGER events_refuse_delete BEFORE DELETE ON events
BEGIN
    SELECT RAISE(ABORT, 'events are append-only: DELETE refused');
END;

-- Projection for the inbox and case page, written in the same transaction
-- as the events it is derived from; `gehoord rebuild` recreates it.
CREATE TABLE cases (
    id                BLOB    PRIMARY KEY,
    reference         TEXT    NOT NULL UNIQUE,
    channel           TEXT    NOT NULL,
    phase             TEXT    NOT NULL,
    is_open           INTEGER NOT NULL,
    ladder_step       INTEGER NOT NULL,
    formal            INTEGER NOT NULL,
    received_at       INTEGER NOT NULL,
    handler_id        BLOB,
    handler_name      TEXT,
    department        TEXT,
    complainant_name  TEXT,
    summary           TEXT    NOT NULL,
    outcome           TEXT,
    closed_at         INTEGER,
    version           INTEGER NOT NULL,
    detail            TEXT    NOT NULL
);
-- The inbox lists open cases newest first, optionally per handler, phase or
-- channel; each filter has an index that ends in the sort key.
CREATE INDEX cases_open_received ON cases (is_open, received_at DESC, id);
CREATE INDEX cases_handler_received ON cases (handler_id, is_open, received_at DESC, id);
CREATE INDEX cases_phase_received ON cases (is_open, phase, received_at DESC, id);
CREATE INDEX cases_channel_received ON cases (is_open, channel, received_at DESC, id);

-- Gehoord schema, PostgreSQL. Kept in lockstep with ../sqlite (a test checks
-- versions, tables and columns). Instants are integer microseconds since the
-- Unix epoch (UTC); civil dates are ISO text (YYYY-MM-DD).

CREATE TABLE organisation (
    id          BIGINT  PRIMARY KEY CHECK (id = 1),
    name        TEXT    NOT NULL,
    created_at  BIGINT  NOT NULL
);

CREATE TABLE users (
    id             UUID       PRIMARY KEY,
    username       TEXT    NOT NULL UNIQUE,
    display_name   TEXT    NOT NULL,
    password_hash  TEXT    NOT NULL,
    role           TEXT    NOT NULL CHECK (role IN ('employee', 'handler', 'manager', 'admin')),
    active         BOOLEAN NOT NULL DEFAULT TRUE,
    created_at     BIGINT  NOT NULL
);

CREATE TABLE sessions (
    token_hash  TEXT    PRIMARY KEY,
    user_id     UUID       NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at  BIGINT  NOT NULL,
    expires_at  BIGINT  NOT NULL
);
CREATE INDEX sessions_expires_at ON sessions (expires_at);

CREATE TABLE api_tokens (
    id            UUID       PRIMARY KEY,
    name          TEXT    NOT NULL,
    token_hash    TEXT    NOT NULL UNIQUE,
    created_at    BIGINT  NOT NULL,
    revoked_at    BIGINT 
);

CREATE TABLE setup_tokens (
    token_hash  TEXT    PRIMARY KEY,
    created_at  BIGINT  NOT NULL,
    expires_at  BIGINT  NOT NULL
);

CREATE TABLE reference_counters (
    year         BIGINT  PRIMARY KEY,
    last_number  BIGINT  NOT NULL
);

-- The append-only history. `position` orders all events globally (for
-- rebuilds); (case_id, seq) gives optimistic concurrency per case; each row's
-- hash covers its content and the previous row's hash of the same case.
CREATE TABLE events (
    position       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id        UUID       NOT NULL,
    seq            BIGINT  NOT NULL CHECK (seq >= 1),
    event_type     TEXT    NOT NULL,
    event_version  BIGINT  NOT NULL,
    recorded_at    BIGINT  NOT NULL,
    actor          TEXT    NOT NULL,
    payload        TEXT    NOT NULL,
    prev_hash      TEXT    NOT NULL,
    hash           TEXT    NOT NULL,
    UNIQUE (case_id, seq)
);

CREATE FUNCTION events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'events are append-only: % refused', TG_OP;
END;
$$;

CREATE TRIGGER events_refuse_update BEFORE UPDATE ON events
    FOR EACH ROW EXECUTE FUNCTION events_refuse_change();

CREATE TRIGGER events_refuse_delete BEFORE DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION events_refuse_change();

-- TRUNCATE bypasses row triggers; refuse it as well.
CREATE TRIGGER events_refuse_truncate BEFORE TRUNCATE ON events
    FOR EACH STATEMENT EXECUTE FUNCTION events_refuse_change();

-- Projection for the inbox and case page, written in the same transaction
-- as the events it is derived from; `gehoord rebuild` recreates it.
CREATE TABLE cases (
    id                UUID       PRIMARY KEY,
    reference         TEXT    NOT NULL UNIQUE,
    channel           TEXT    NOT NULL,
    phase             TEXT    NOT NULL,
    is_open           BOOLEAN NOT NULL,
    ladder_step       BIGINT  NOT NULL,
    formal            BOOLEAN NOT NULL,
    received_at       BIGINT  NOT NULL,
    handler_id        UUID   ,
    handler_name      TEXT,
    department        TEXT,
    complainant_name  TEXT,
    summary           TEXT    NOT NULL,
    outcome           TEXT,
    closed_at         BIGINT ,
    version           BIGINT  NOT NULL,
    detail            TEXT    NOT NULL
);
-- The inbox lists open cases newest first, optionally per handler, phase or
-- channel; each filter has an index that ends in the sort key.
CREATE INDEX cases_open_received ON cases (is_open, received_at DESC, id);
CREATE INDEX cases_handler_received ON cases (handler_id, is_open, received_at DESC, id);
CREATE INDEX cases_phase_received ON cases (is_open, phase, received_at DESC, id);
CREATE INDEX cases_channel_received ON cases (is_open, channel, received_at DESC, id);

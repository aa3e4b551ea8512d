-- The lessons register (issue 7): every lesson is an event-sourced record of
-- its own, beside the cases it came from. Kept in lockstep with ../postgres.

-- The append-only history of lessons, hash-chained per lesson like `events`
-- per case (same hash over the same fields, with the lesson id in the place
-- of the case id).
CREATE TABLE lesson_events (
    position       INTEGER PRIMARY KEY AUTOINCREMENT,
    lesson_id      BLOB    NOT NULL,
    seq            INTEGER NOT NULL CHECK (seq >= 1),
    event_type     TEXT    NOT NULL,
    event_version  INTEGER NOT NULL,
    recorded_at    INTEGER NOT NULL,
    actor          TEXT    NOT NULL,
    payload        TEXT    NOT NULL,
    prev_hash      TEXT    NOT NULL,
    hash           TEXT    NOT NULL,
    UNIQUE (lesson_id, seq)
);

CREATE TRIGGER lesson_events_refuse_update BEFORE UPDATE ON lesson_events
BEGIN
    SELECT RAISE(ABORT, 'lesson_events are append-only: UPDATE refused');
END;

CREATE TRIGGER lesson_events_refuse_delete BEFORE DELETE ON lesson_events
BEGIN
    SELECT RAISE(ABORT, 'lesson_events are append-only: DELETE refused');
END;

-- The register as lists read it, written in the same transaction as the
-- lesson's events; `gehoord rebuild` recreates it. `due` is an ISO date, so
-- "overdue" is one comparison with today.
CREATE TABLE lessons (
    id           BLOB    PRIMARY KEY,
    text         TEXT    NOT NULL,
    level        TEXT    NOT NULL,
    learner      TEXT    NOT NULL,
    positive     INTEGER NOT NULL,
    department   TEXT,
    status       TEXT    NOT NULL,
    is_open      INTEGER NOT NULL,
    action       TEXT,
    owner        TEXT,
    due          TEXT,
    citizens_told INTEGER NOT NULL,
    case_count   INTEGER NOT NULL,
    proposed_at  INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    version      INTEGER NOT NULL,
    detail       TEXT    NOT NULL
);
-- A manager's open lessons of their department, newest first.
CREATE INDEX lessons_open_department ON lessons (is_open, department, proposed_at DESC, id);
-- Overdue actions: open and due before today.
CREATE INDEX lessons_open_due ON lessons (is_open, due);
CREATE INDEX lessons_status ON lessons (status, proposed_at DESC, id);

-- Which cases a lesson came from or happened again in. No foreign keys: both
-- sides are projections, rebuilt from events in any order (`gehoord rebuild`
-- may clear and refill `cases` while lessons stay).
CREATE TABLE lesson_cases (
    lesson_id  BLOB    NOT NULL,
    case_id    BLOB    NOT NULL,
    linked_at  INTEGER NOT NULL,
    PRIMARY KEY (lesson_id, case_id)
);
CREATE INDEX lesson_cases_case ON lesson_cases (case_id);

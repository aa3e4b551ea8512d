-- What managers did with the signals on the signal list (issue 7): turned a
-- signal into a lesson, or decided no action was needed and said why. A
-- decision is written once and never changed, so the open list only gets
-- shorter and the record of who decided what stays. Kept in lockstep with
-- ../postgres. Keys: see `gehoord_domain::signal`.
CREATE TABLE signal_decisions (
    signal_key    TEXT    PRIMARY KEY,
    kind          TEXT    NOT NULL CHECK (kind IN ('rise', 'theme', 'flag')),
    -- The signal as the list showed it, so the decision reads on its own.
    title         TEXT    NOT NULL,
    -- A rise: what was counted, and the last day (yyyymmdd) of its window.
    dimension     TEXT,
    name          TEXT,
    window_end    INTEGER,
    -- A flagged case.
    case_id       BLOB,
    decided_at    INTEGER NOT NULL,
    decided_by_id BLOB    NOT NULL,
    decided_by    TEXT    NOT NULL,
    -- Either the lesson it became or why no action is needed.
    lesson_id     BLOB,
    reason        TEXT,
    CHECK ((lesson_id IS NULL) <> (reason IS NULL))
);
CREATE INDEX signal_decisions_recent ON signal_decisions (decided_at DESC);
CREATE INDEX signal_decisions_kind ON signal_decisions (kind, window_end);
CREATE INDEX signal_decisions_case ON signal_decisions (case_id) WHERE case_id IS NOT NULL;

-- The complaints of a theme when it was dealt with, so the same theme under
-- a new anchor is still recognised.
CREATE TABLE signal_decision_cases (
    signal_key TEXT NOT NULL,
    case_id    BLOB NOT NULL,
    PRIMARY KEY (signal_key, case_id)
);

CREATE TRIGGER signal_decisions_refuse_update BEFORE UPDATE ON signal_decisions
BEGIN
    SELECT RAISE(ABORT, 'signal_decisions are append-only: UPDATE refused');
END;

CREATE TRIGGER signal_decisions_refuse_delete BEFORE DELETE ON signal_decisions
BEGIN
    SELECT RAISE(ABORT, 'signal_decisions are append-only: DELETE refused');
END;

CREATE TRIGGER signal_decision_cases_refuse_update BEFORE UPDATE ON signal_decision_cases
BEGIN
    SELECT RAISE(ABORT, 'signal_decision_cases are append-only: UPDATE refused');
END;

CREATE TRIGGER signal_decision_cases_refuse_delete BEFORE DELETE ON signal_decision_cases
BEGIN
    SELECT RAISE(ABORT, 'signal_decision_cases are append-only: DELETE refused');
END;

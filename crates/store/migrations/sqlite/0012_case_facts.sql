-- Learning from complaints (issue 7): one narrow row of facts per case, so the
-- dashboards and the annual report (Awb 9:12a) aggregate with indexed range
-- scans instead of folding every history. Written with the `cases` row in the
-- same transaction and rebuilt with it (so, like `cases`, without a foreign key:
-- a rebuild may empty and refill the projections in any order). Dates are civil days in Amsterdam as
-- yyyymmdd integers: they sort, compare and group by month (/ 100) or year
-- (/ 10000) the same way in both databases. Kept in lockstep with ../postgres.

CREATE TABLE case_facts (
    case_id             BLOB    PRIMARY KEY,
    received            INTEGER NOT NULL,
    closed              INTEGER,
    channel             TEXT    NOT NULL,
    department          TEXT,
    category            TEXT,
    handler_id          BLOB,
    ladder_step         INTEGER NOT NULL,
    outcome             TEXT,
    formal              INTEGER NOT NULL,
    not_handling_ground TEXT,
    decision_due        INTEGER,
    lead_days           INTEGER,
    within_term         INTEGER,
    postponed           INTEGER NOT NULL,
    well_founded        INTEGER NOT NULL,
    unfounded           INTEGER NOT NULL,
    no_judgment         INTEGER NOT NULL,
    commitments_kept    INTEGER NOT NULL,
    commitments_broken  INTEGER NOT NULL,
    satisfied           INTEGER,
    reopened            INTEGER NOT NULL,
    -- The handler's reason for flagging an important signal, while flagged.
    signal              TEXT,
    ombudsman           INTEGER NOT NULL
);
-- Volumes and intake counts by day of receipt: the index holds every column
-- the intake figures read, so they never visit the table. Outcomes and lead
-- times by day of closing.
CREATE INDEX case_facts_received ON case_facts (received, channel, category, department, formal, closed, decision_due, handler_id);
CREATE INDEX case_facts_closed ON case_facts (closed, department) WHERE closed IS NOT NULL;
CREATE INDEX case_facts_signal ON case_facts (received) WHERE signal IS NOT NULL;

-- The propriety norms named on each judged part, with the part's verdict.
CREATE TABLE case_fact_norms (
    case_id BLOB    NOT NULL,
    part    INTEGER NOT NULL,
    norm    TEXT    NOT NULL,
    verdict TEXT    NOT NULL,
    PRIMARY KEY (case_id, part, norm)
);

-- The organisation's own list of complaint subjects; the 22 norms stay the
-- fixed national classification beside it. A retired category stays on the
-- cases that have it but is no longer offered.
CREATE TABLE categories (
    name       TEXT    PRIMARY KEY,
    position   INTEGER NOT NULL,
    active     INTEGER NOT NULL
);

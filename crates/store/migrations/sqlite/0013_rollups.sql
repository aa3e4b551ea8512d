-- Monthly roll-ups of case_facts (issue 7, ADR 0011), so dashboards and the
-- annual report over a million complaints read a few thousand rows per year
-- instead of a row per case. One row per month (yyyymm) and combination of
-- the dashboard's filters; "none" is '' or the nil id, so the key can be a
-- primary key. Kept by the case's write transaction (the case's old facts
-- out, its new facts in) and filled from case_facts after this migration and
-- by `gehoord rebuild`. Kept in lockstep with ../postgres.

-- Complaints received, by month of receipt.
CREATE TABLE intake_months (
    month      INTEGER NOT NULL,
    channel    TEXT    NOT NULL,
    department TEXT    NOT NULL,
    category   TEXT    NOT NULL,
    handler_id BLOB    NOT NULL,
    received   INTEGER NOT NULL,
    PRIMARY KEY (month, channel, department, category, handler_id)
);

-- Complaints closed, by month of closing: the sums of the outcome figures,
-- and as 'key:count ...' text the closed cases per lead time in days, per
-- Awb 9:8 ground and per propriety norm named on a well-founded part.
CREATE TABLE outcome_months (
    month               INTEGER NOT NULL,
    channel             TEXT    NOT NULL,
    department          TEXT    NOT NULL,
    category            TEXT    NOT NULL,
    handler_id          BLOB    NOT NULL,
    closed              INTEGER NOT NULL,
    step1               INTEGER NOT NULL,
    step2               INTEGER NOT NULL,
    step3               INTEGER NOT NULL,
    forwarded           INTEGER NOT NULL,
    not_handled         INTEGER NOT NULL,
    formal              INTEGER NOT NULL,
    within_term         INTEGER NOT NULL,
    term_judged         INTEGER NOT NULL,
    postponed           INTEGER NOT NULL,
    formal_closed       INTEGER NOT NULL,
    well_founded        INTEGER NOT NULL,
    unfounded           INTEGER NOT NULL,
    no_judgment         INTEGER NOT NULL,
    kept                INTEGER NOT NULL,
    broken              INTEGER NOT NULL,
    satisfied           INTEGER NOT NULL,
    said                INTEGER NOT NULL,
    reopened            INTEGER NOT NULL,
    ombudsman           INTEGER NOT NULL,
    ombudsman_concluded INTEGER NOT NULL,
    lead_days           TEXT    NOT NULL,
    grounds             TEXT    NOT NULL,
    norms               TEXT    NOT NULL,
    PRIMARY KEY (month, channel, department, category, handler_id)
);

-- Open formal complaints (for "overdue") are few whatever the history.
CREATE INDEX case_facts_open_formal ON case_facts (received, decision_due) WHERE closed IS NULL AND formal = 1;

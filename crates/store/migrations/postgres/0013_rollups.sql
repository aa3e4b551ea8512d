-- Monthly roll-ups of case_facts (issue 7, ADR 0011), so dashboards and the
-- annual report over a million complaints read a few thousand rows per year
-- instead of a row per case. One row per month (yyyymm) and combination of
-- the dashboard's filters; "none" is '' or the nil id, so the key can be a
-- primary key. Kept by the case's write transaction (the case's old facts
-- out, its new facts in) and filled from case_facts after this migration and
-- by `gehoord rebuild`. Kept in lockstep with ../sqlite.

-- Complaints received, by month of receipt.
CREATE TABLE intake_months (
    month      BIGINT  NOT NULL,
    channel    TEXT    NOT NULL,
    department TEXT    NOT NULL,
    category   TEXT    NOT NULL,
    handler_id UUID    NOT NULL,
    received   BIGINT  NOT NULL,
    PRIMARY KEY (month, channel, department, category, handler_id)
);

-- Complaints closed, by month of closing: the sums of the outcome figures,
-- and as 'key:count ...' text the closed cases per lead time in days, per
-- Awb 9:8 ground and per propriety norm named on a well-founded part.
CREATE TABLE outcome_months (
    month               BIGINT  NOT NULL,
    channel             TEXT    NOT NULL,
    department          TEXT    NOT NULL,
    category            TEXT    NOT NULL,
    handler_id          UUID    NOT NULL,
    closed              BIGINT  NOT NULL,
    step1               BIGINT  NOT NULL,
    step2               BIGINT  NOT NULL,
    step3               BIGINT  NOT NULL,
    forwarded           BIGINT  NOT NULL,
    not_handled         BIGINT  NOT NULL,
    formal              BIGINT  NOT NULL,
    within_term         BIGINT  NOT NULL,
    term_judged         BIGINT  NOT NULL,
    postponed           BIGINT  NOT NULL,
    formal_closed       BIGINT  NOT NULL,
    well_founded        BIGINT  NOT NULL,
    unfounded           BIGINT  NOT NULL,
    no_judgment         BIGINT  NOT NULL,
    kept                BIGINT  NOT NULL,
    broken              BIGINT  NOT NULL,
    satisfied           BIGINT  NOT NULL,
    said                BIGINT  NOT NULL,
    reopened            BIGINT  NOT NULL,
    ombudsman           BIGINT  NOT NULL,
    ombudsman_concluded BIGINT  NOT NULL,
    lead_days           TEXT    NOT NULL,
    grounds             TEXT    NOT NULL,
    norms               TEXT    NOT NULL,
    PRIMARY KEY (month, channel, department, category, handler_id)
);

-- Open formal complaints (for "overdue") are few whatever the history.
CREATE INDEX case_facts_open_formal ON case_facts (received, decision_due) WHERE closed IS NULL AND formal = 1;

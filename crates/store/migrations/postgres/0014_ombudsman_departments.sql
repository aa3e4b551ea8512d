-- Issue 7 remainders. Kept in lockstep with ../sqlite.

-- The annual report (Awb 9:12a) lists the ombudsman's conclusions of a year
-- with what the organisation does with them (Awb 9:36). The conclusion lives
-- in the case's detail JSON; this partial expression index holds only the
-- few cases that have one, keyed by the day of the conclusion (an ISO date,
-- so a year is one range). Queries must repeat the expression exactly.
-- Creating it reads every case's detail once.
CREATE INDEX cases_ombudsman_concluded
    ON cases (((detail::jsonb) #>> '{formal_handling,ombudsman,conclusion,concluded_on}'), reference)
    WHERE ((detail::jsonb) #>> '{formal_handling,ombudsman,conclusion,concluded_on}') IS NOT NULL;

-- A staff member's own department: the lessons register and the insight
-- dashboard open on it for a manager (a default filter, not a restriction).
ALTER TABLE users ADD COLUMN department TEXT;

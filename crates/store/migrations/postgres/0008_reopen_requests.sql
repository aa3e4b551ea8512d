-- A citizen's request to reopen (from the status page, or unhappy feedback)
-- waits on a case that is usually closed; the inbox finds these cases by
-- this flag, newest first. Kept in lockstep with ../sqlite.

ALTER TABLE cases ADD COLUMN reopen_requested BOOLEAN NOT NULL DEFAULT FALSE;
CREATE INDEX cases_reopen_requested ON cases (reopen_requested, received_at DESC, id);

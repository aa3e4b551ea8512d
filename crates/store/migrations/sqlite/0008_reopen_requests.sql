-- A citizen's request to reopen (from the status page, or unhappy feedback)
-- waits on a case that is usually closed; the inbox finds these cases by
-- this flag, newest first. Kept in lockstep with ../postgres.

ALTER TABLE cases ADD COLUMN reopen_requested INTEGER NOT NULL DEFAULT 0;
CREATE INDEX cases_reopen_requested ON cases (reopen_requested, received_at DESC, id);

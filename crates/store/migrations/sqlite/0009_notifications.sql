-- Short e-mails to the complainant at the moments that matter, written in the
-- same transaction as the event that is the news, delivered by the outbox
-- worker with retries. Kept in lockstep with ../postgres.

CREATE TABLE notifications (
    id               BLOB     PRIMARY KEY,
    case_id          BLOB     NOT NULL,
    recipient        TEXT     NOT NULL,
    subject          TEXT     NOT NULL,
    body             TEXT     NOT NULL,
    status           TEXT     NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts         INTEGER  NOT NULL,
    next_attempt_at  INTEGER  NOT NULL,
    last_error       TEXT,
    delivered_at     INTEGER
);
CREATE INDEX notifications_due ON notifications (status, next_attempt_at);
CREATE INDEX notifications_case ON notifications (case_id);

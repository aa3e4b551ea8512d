-- Short e-mails to the complainant at the moments that matter, written in the
-- same transaction as the event that is the news, delivered by the outbox
-- worker with retries. Kept in lockstep with ../sqlite.

CREATE TABLE notifications (
    id               UUID     PRIMARY KEY,
    case_id          UUID     NOT NULL,
    recipient        TEXT     NOT NULL,
    subject          TEXT     NOT NULL,
    body             TEXT     NOT NULL,
    status           TEXT     NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts         BIGINT   NOT NULL,
    next_attempt_at  BIGINT   NOT NULL,
    last_error       TEXT,
    delivered_at     BIGINT
);
CREATE INDEX notifications_due ON notifications (status, next_attempt_at);
CREATE INDEX notifications_case ON notifications (case_id);

-- The organisation's own rules: the service norm for first personal contact
-- (working days) and the extra non-working days designated by royal decree
-- (Algemene termijnenwet art. 3 lid 3), as JSON [{"date": "YYYY-MM-DD", "name": "..."}].
-- Kept in lockstep with ../postgres.

ALTER TABLE organisation ADD COLUMN first_contact_working_days INTEGER NOT NULL DEFAULT 2;
ALTER TABLE organisation ADD COLUMN extra_days TEXT NOT NULL DEFAULT '[]';

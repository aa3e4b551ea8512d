-- The organisation's house style on its letters (logo, address, contact,
-- signature lines) and its own wording of letter passages (JSON, passage
-- code to text; Gehoord's defaults where absent).
-- Kept in lockstep with ../postgres.

ALTER TABLE organisation ADD COLUMN address TEXT;
ALTER TABLE organisation ADD COLUMN contact TEXT;
ALTER TABLE organisation ADD COLUMN signature TEXT;
ALTER TABLE organisation ADD COLUMN logo BLOB;
ALTER TABLE organisation ADD COLUMN logo_format TEXT;
ALTER TABLE organisation ADD COLUMN letter_texts TEXT NOT NULL DEFAULT '{}';

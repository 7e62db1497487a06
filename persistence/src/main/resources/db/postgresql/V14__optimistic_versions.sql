-- Optimistic versions (docs/decisions/0036-optimistic-versions.md): each row a person edits in place carries the
-- number of its changes. A change names the version its editor read (UPDATE … WHERE id = ? AND version = ?, bumping
-- it); no row changed means someone else changed it meanwhile, and the change is refused, never a lost update.
-- Rows made before this migration start at 1, as new rows do (the same as db/migration/V14 of the H2 store).
ALTER TABLE space ADD COLUMN version BIGINT DEFAULT 1 NOT NULL;
ALTER TABLE environment ADD COLUMN version BIGINT DEFAULT 1 NOT NULL;
ALTER TABLE lifecycle ADD COLUMN version BIGINT DEFAULT 1 NOT NULL;
ALTER TABLE project ADD COLUMN version BIGINT DEFAULT 1 NOT NULL;

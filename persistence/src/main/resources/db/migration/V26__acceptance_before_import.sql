-- Acceptance before import (issue 15, point 4; docs/decisions/0047-acceptance-before-import.md). Not bundle_accepted (V3),
-- which records that a space took a verified bundle in (the import wizard's "accepted": replay protection); this is an
-- approver of the target space accepting the imported release after reviewing its diff against the previous import.

-- A space that requires it: a row means "an imported release is accepted here before any deployment of it". Off by default
-- (no row); set by an administrator, audited (space.require-acceptance), keyed-sealed (RowSeals) from its first row.
CREATE TABLE acceptance_policy (
  space_id BIGINT NOT NULL PRIMARY KEY,
  set_at TIMESTAMP WITH TIME ZONE NOT NULL,
  set_by VARCHAR(200) NOT NULL,
  seal VARCHAR(64),
  CONSTRAINT fk_acceptance_policy_space FOREIGN KEY (space_id) REFERENCES space (id) ON DELETE CASCADE
);

-- Decisions on imported releases, append-only; the latest of a release (revision) in a space counts. The snapshot hash is
-- the release seal's (decision 0034) of what was accepted; compared_with names the previous import it was reviewed against
-- (null: the first import of its project). Keyed-sealed from its first row.
CREATE TABLE import_acceptance (
  id BIGINT AUTO_INCREMENT NOT NULL PRIMARY KEY,
  space_id BIGINT NOT NULL,
  release_id BIGINT NOT NULL,
  verdict VARCHAR(10) NOT NULL,
  comment VARCHAR(4000) NOT NULL,
  snapshot_hash VARCHAR(64) NOT NULL,
  compared_with BIGINT,
  decided_at TIMESTAMP WITH TIME ZONE NOT NULL,
  decided_by VARCHAR(200) NOT NULL,
  seal VARCHAR(64),
  CONSTRAINT fk_import_acceptance_space FOREIGN KEY (space_id) REFERENCES space (id) ON DELETE CASCADE,
  CONSTRAINT fk_import_acceptance_release FOREIGN KEY (release_id) REFERENCES release (id) ON DELETE CASCADE,
  CONSTRAINT fk_import_acceptance_compared FOREIGN KEY (compared_with) REFERENCES release (id),
  CONSTRAINT ck_import_acceptance_verdict CHECK (verdict IN ('ACCEPTED', 'DECLINED'))
);

CREATE INDEX ix_import_acceptance_release ON import_acceptance (release_id, space_id);

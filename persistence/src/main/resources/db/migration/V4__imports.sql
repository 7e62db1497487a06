-- Importing release bundles: remote projects, revisions of a release, and the upstream deployment history a
-- bundle carried. See docs/decisions/0011-importing-release-bundles.md.

-- A remote project: made by importing a release bundle from source_space_id, named '<Source space>: <Project>'.
-- Its process and templates mirror the newest imported release and are read-only; its variables are the
-- importer's per-environment values and stay editable. NULL for a project made in this space.
ALTER TABLE project ADD COLUMN source_space_id BIGINT;
ALTER TABLE project ADD CONSTRAINT fk_project_source_space FOREIGN KEY (source_space_id) REFERENCES space (id);

-- A newer revision of the same release (same project and version, re-promoted with a changed snapshot) is a new
-- frozen row with the next revision; the highest revision of a version is the current one, the others are
-- superseded. Rows stay frozen: nothing is updated to supersede.
ALTER TABLE release ADD COLUMN revision INT DEFAULT 1 NOT NULL;
ALTER TABLE release DROP CONSTRAINT uq_release_version_key;
ALTER TABLE release ADD CONSTRAINT uq_release_version_revision UNIQUE (project_id, version_key, revision);
ALTER TABLE release ADD CONSTRAINT ck_release_revision CHECK (revision >= 1);

-- Deployments of an imported release done before it arrived here (BundleContent.history), in bundle order.
CREATE TABLE release_history (
  release_id BIGINT NOT NULL,
  position INT NOT NULL,
  space_name VARCHAR(200) NOT NULL,
  environment VARCHAR(300) NOT NULL,
  deployed_at TIMESTAMP WITH TIME ZONE NOT NULL,
  outcome VARCHAR(40) NOT NULL,
  PRIMARY KEY (release_id, position),
  CONSTRAINT fk_release_history_release FOREIGN KEY (release_id) REFERENCES release (id)
);

-- A remote project builds nothing: its releases come only from its source space, through an imported bundle.
-- See docs/decisions/0011-importing-release-bundles.md. A release names the space it was imported from (NULL: made
-- here); the store refuses a release whose source is not its project's source (trigger RemoteOrigin), and a
-- project's source is set once, before it has releases, and never changed.
ALTER TABLE release ADD COLUMN source_space_id BIGINT;
ALTER TABLE release ADD CONSTRAINT fk_release_source_space FOREIGN KEY (source_space_id) REFERENCES space (id);

/* [jooq ignore start] */
-- Releases already imported name their source (a release of a remote project that no accepted bundle vouches for
-- stays without one: it was made here, wrongly, and is shown so).
DROP TRIGGER trg_release_frozen;
UPDATE release SET source_space_id = (SELECT MIN(b.source_space_id) FROM bundle_accepted b JOIN project p ON p.id = release.project_id
  WHERE b.release_id = release.id AND b.source_space_id = p.source_space_id);
CREATE TRIGGER trg_release_frozen BEFORE UPDATE, DELETE ON release FOR EACH ROW CALL 'odcm.persistence.release.FrozenRelease';
CREATE TRIGGER trg_release_origin BEFORE INSERT ON release FOR EACH ROW CALL 'odcm.persistence.release.RemoteOrigin';
CREATE TRIGGER trg_project_origin BEFORE UPDATE ON project FOR EACH ROW CALL 'odcm.persistence.release.RemoteOrigin';
/* [jooq ignore stop] */

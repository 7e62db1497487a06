-- A release's bundle parts, made once from its frozen snapshot (docs/decisions/0030-release-bundle-parts.md): the
-- canonical JSON of its steps, variables (sensitive values left out), templates and packages ('parts'), and, sealed
-- with the master key and bound to the release, its secret values with the SHA-256 of 'parts' and of the release's
-- snapshot_hash: parts altered in the file are refused, and cannot be made to match without the master key. A release
-- without a row (frozen before, or imported) gets one the first time a bundle is made of it.
CREATE TABLE release_bundle_parts (
  release_id BIGINT NOT NULL PRIMARY KEY,
  parts BLOB NOT NULL,
  secrets_sealed BLOB NOT NULL,
  CONSTRAINT fk_release_bundle_parts_release FOREIGN KEY (release_id) REFERENCES release (id)
);

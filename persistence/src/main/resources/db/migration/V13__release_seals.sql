-- Each release's keyed seal (docs/decisions/0034-release-seals.md): HMAC-SHA256, under a key derived from the master
-- key, over the release's id and its snapshot_hash (which covers every column of the row). Whoever can write the store
-- file but has no master key can recompute the plain hash of a changed row, never its seal. Releases frozen before this
-- migration get their seal on the first open with the master key, once (Store.arrive).
CREATE TABLE release_seal (
  release_id BIGINT NOT NULL PRIMARY KEY,
  seal VARCHAR(64) NOT NULL,
  CONSTRAINT fk_release_seal_release FOREIGN KEY (release_id) REFERENCES release (id)
);

-- Package store (issue 19; docs/decisions/0059-packages.md): each space's packages, content-addressed by SHA-256 in a folder
-- (by default under the store's folder; package_policy.store_folder overrides it), external feeds (folders, file shares) read
-- when a package is not in the store, and whether a deployment needs every package of its release found and checked first.

-- One row per space with a setting; none: the default folder, the check advisory (run and shown, never refusing).
CREATE TABLE package_policy (
  space_id BIGINT NOT NULL PRIMARY KEY,
  require_check BOOLEAN NOT NULL,
  store_folder VARCHAR(1000),
  set_at TIMESTAMP WITH TIME ZONE NOT NULL,
  set_by VARCHAR(200) NOT NULL,
  CONSTRAINT fk_package_policy_space FOREIGN KEY (space_id) REFERENCES space (id) ON DELETE CASCADE
);

-- Folders searched for a package not in the store, in the order they were added; a file there is named <id>.<version>.*
-- or by its SHA-256, and is checked by its hash as one in the store is.
CREATE TABLE package_feed (
  id BIGINT AUTO_INCREMENT NOT NULL PRIMARY KEY,
  space_id BIGINT NOT NULL,
  folder VARCHAR(1000) NOT NULL,
  added_at TIMESTAMP WITH TIME ZONE NOT NULL,
  added_by VARCHAR(200) NOT NULL,
  CONSTRAINT fk_package_feed_space FOREIGN KEY (space_id) REFERENCES space (id) ON DELETE CASCADE,
  CONSTRAINT uq_package_feed_folder UNIQUE (space_id, folder)
);

-- What the store holds: a package id and version, the SHA-256 its file is stored under and its size in bytes.
CREATE TABLE package_file (
  id BIGINT AUTO_INCREMENT NOT NULL PRIMARY KEY,
  space_id BIGINT NOT NULL,
  package_id VARCHAR(200) NOT NULL,
  package_key VARCHAR(800) NOT NULL,
  version VARCHAR(100) NOT NULL,
  sha256 VARCHAR(64) NOT NULL,
  size_bytes BIGINT NOT NULL,
  added_at TIMESTAMP WITH TIME ZONE NOT NULL,
  added_by VARCHAR(200) NOT NULL,
  CONSTRAINT fk_package_file_space FOREIGN KEY (space_id) REFERENCES space (id) ON DELETE CASCADE,
  CONSTRAINT uq_package_file_version UNIQUE (space_id, package_key, version),
  CONSTRAINT ck_package_file_sha CHECK (CHAR_LENGTH(sha256) = 64),
  CONSTRAINT ck_package_file_size CHECK (size_bytes >= 0)
);

-- Release bundles written (the Outbox) and accepted, and deployments recorded in a space.
-- See docs/decisions/0009-release-bundle-format.md.

-- A bundle this space (the source) wrote for target_space_id. sequence counts per (source, target), from 1.
-- target_name and target_sha256 are what the bundle names, kept even if the target is renamed or re-keyed later.
CREATE TABLE bundle_outbox (
  bundle_id UUID NOT NULL PRIMARY KEY,
  space_id BIGINT NOT NULL,
  release_id BIGINT NOT NULL,
  target_space_id BIGINT NOT NULL,
  target_name VARCHAR(100) NOT NULL,
  target_sha256 CHAR(64) NOT NULL,
  sequence BIGINT NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
  -- where it was written (a file path), or empty when it was delivered directly to a space of this console
  file_name VARCHAR(4000) NOT NULL,
  -- SHA-256 of the bundle file's bytes: the fingerprint to read out to the importer
  file_sha256 CHAR(64) NOT NULL,
  size_bytes BIGINT NOT NULL,
  CONSTRAINT fk_bundle_outbox_space FOREIGN KEY (space_id) REFERENCES space (id),
  CONSTRAINT fk_bundle_outbox_release FOREIGN KEY (release_id) REFERENCES release (id),
  CONSTRAINT fk_bundle_outbox_target FOREIGN KEY (target_space_id) REFERENCES space (id),
  CONSTRAINT uq_bundle_outbox_sequence UNIQUE (space_id, target_space_id, sequence),
  CONSTRAINT ck_bundle_outbox_sequence CHECK (sequence >= 1)
);

-- A bundle this space (the target) accepted from source_space_id, and the release it became here.
-- A bundle id is accepted once; a sequence not above the last accepted from that source is a rollback.
CREATE TABLE bundle_accepted (
  space_id BIGINT NOT NULL,
  bundle_id UUID NOT NULL,
  source_space_id BIGINT NOT NULL,
  source_sha256 CHAR(64) NOT NULL,
  sequence BIGINT NOT NULL,
  release_id BIGINT NOT NULL,
  accepted_at TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (space_id, bundle_id),
  CONSTRAINT fk_bundle_accepted_space FOREIGN KEY (space_id) REFERENCES space (id),
  CONSTRAINT fk_bundle_accepted_source FOREIGN KEY (source_space_id) REFERENCES space (id),
  CONSTRAINT fk_bundle_accepted_release FOREIGN KEY (release_id) REFERENCES release (id),
  CONSTRAINT uq_bundle_accepted_sequence UNIQUE (space_id, source_space_id, sequence)
);

-- A deployment of a release to an environment of this space, succeeded or failed. Never updated.
CREATE TABLE deployment (
  id BIGINT AUTO_INCREMENT NOT NULL PRIMARY KEY,
  space_id BIGINT NOT NULL,
  release_id BIGINT NOT NULL,
  environment_id BIGINT NOT NULL,
  outcome VARCHAR(10) NOT NULL,
  deployed_at TIMESTAMP WITH TIME ZONE NOT NULL,
  deployed_by VARCHAR(200) NOT NULL,
  CONSTRAINT fk_deployment_space FOREIGN KEY (space_id) REFERENCES space (id),
  CONSTRAINT fk_deployment_release FOREIGN KEY (release_id) REFERENCES release (id),
  CONSTRAINT fk_deployment_environment FOREIGN KEY (environment_id) REFERENCES environment (id),
  CONSTRAINT ck_deployment_outcome CHECK (outcome IN ('SUCCEEDED', 'FAILED'))
);
CREATE INDEX ix_deployment_release ON deployment (release_id, environment_id);

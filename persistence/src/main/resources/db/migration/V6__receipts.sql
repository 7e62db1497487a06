-- Deployment receipts written (by the space where releases were deployed) and accepted (by the space they came
-- from), and what a space knows of deployments of its releases elsewhere.
-- See docs/decisions/0012-deployment-receipts.md and docs/bundle-format.md ("Deployment receipts").

-- A receipt space_id (the signer) wrote for for_space_id (the addressee); sequence counts per pair, from 1.
CREATE TABLE receipt_outbox (
  receipt_id UUID NOT NULL PRIMARY KEY,
  space_id BIGINT NOT NULL,
  for_space_id BIGINT NOT NULL,
  sequence BIGINT NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
  deployments INT NOT NULL,
  file_name VARCHAR(4000) NOT NULL,
  file_sha256 CHAR(64) NOT NULL,
  CONSTRAINT fk_receipt_outbox_space FOREIGN KEY (space_id) REFERENCES space (id),
  CONSTRAINT fk_receipt_outbox_for FOREIGN KEY (for_space_id) REFERENCES space (id),
  CONSTRAINT uq_receipt_outbox_sequence UNIQUE (space_id, for_space_id, sequence),
  CONSTRAINT ck_receipt_outbox_sequence CHECK (sequence >= 1)
);

-- A receipt space_id (the addressee) accepted from reporter_space_id. Accepted once; older sequences are rollbacks.
CREATE TABLE receipt_accepted (
  space_id BIGINT NOT NULL,
  receipt_id UUID NOT NULL,
  reporter_space_id BIGINT NOT NULL,
  reporter_sha256 CHAR(64) NOT NULL,
  sequence BIGINT NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  accepted_at TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (space_id, receipt_id),
  CONSTRAINT fk_receipt_accepted_space FOREIGN KEY (space_id) REFERENCES space (id),
  CONSTRAINT fk_receipt_accepted_reporter FOREIGN KEY (reporter_space_id) REFERENCES space (id),
  CONSTRAINT uq_receipt_accepted_sequence UNIQUE (space_id, reporter_space_id, sequence)
);

-- The latest known outcome of release_id (a release of space_id) in environment of reporter_space_id: one row per
-- (release, reporter, environment), replaced only by a deployment that happened later. receipt_id is null when the
-- outcome came directly from a space of this console.
CREATE TABLE remote_deployment (
  space_id BIGINT NOT NULL,
  release_id BIGINT NOT NULL,
  reporter_space_id BIGINT NOT NULL,
  environment VARCHAR(60) NOT NULL,
  environment_key VARCHAR(60) NOT NULL,
  outcome VARCHAR(10) NOT NULL,
  deployed_at TIMESTAMP WITH TIME ZONE NOT NULL,
  deployed_by VARCHAR(200) NOT NULL,
  receipt_id UUID,
  reported_at TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (space_id, release_id, reporter_space_id, environment_key),
  CONSTRAINT fk_remote_deployment_space FOREIGN KEY (space_id) REFERENCES space (id),
  CONSTRAINT fk_remote_deployment_release FOREIGN KEY (release_id) REFERENCES release (id),
  CONSTRAINT fk_remote_deployment_reporter FOREIGN KEY (reporter_space_id) REFERENCES space (id),
  CONSTRAINT ck_remote_deployment_outcome CHECK (outcome IN ('SUCCEEDED', 'FAILED'))
);

-- Foundation: the store's identity, spaces, their certificates and keys, trusts, and the audit log.

-- One row: which store this is (names its master key file) and a value sealed under the master key,
-- so a wrong or missing master key is told apart from a broken one.
CREATE TABLE store_info (
  id INT NOT NULL PRIMARY KEY,
  store_id VARCHAR(36) NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  master_key_check VARBINARY(256),
  CONSTRAINT ck_store_info_single CHECK (id = 1)
);

-- Local and remote spaces share one table so names are unique across both (case-insensitively, via name_key).
CREATE TABLE space (
  id BIGINT AUTO_INCREMENT NOT NULL PRIMARY KEY,
  kind VARCHAR(10) NOT NULL,
  name VARCHAR(100) NOT NULL,
  name_key VARCHAR(400) NOT NULL,
  description VARCHAR(2000) NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT uq_space_name_key UNIQUE (name_key),
  CONSTRAINT ck_space_kind CHECK (kind IN ('LOCAL', 'REMOTE'))
);

-- Every certificate a space has had; retired_at is null for the current one.
CREATE TABLE certificate (
  id BIGINT AUTO_INCREMENT NOT NULL PRIMARY KEY,
  space_id BIGINT NOT NULL,
  der VARBINARY(65536) NOT NULL,
  sha256 CHAR(64) NOT NULL,
  subject VARCHAR(2000) NOT NULL,
  issuer VARCHAR(2000) NOT NULL,
  serial VARCHAR(100) NOT NULL,
  key_algorithm VARCHAR(20) NOT NULL,
  key_detail VARCHAR(40) NOT NULL,
  not_before TIMESTAMP WITH TIME ZONE NOT NULL,
  not_after TIMESTAMP WITH TIME ZONE NOT NULL,
  added_at TIMESTAMP WITH TIME ZONE NOT NULL,
  retired_at TIMESTAMP WITH TIME ZONE,
  -- when someone confirmed the fingerprint with the other side (local spaces' own certificates need no confirmation)
  confirmed_at TIMESTAMP WITH TIME ZONE,
  CONSTRAINT fk_certificate_space FOREIGN KEY (space_id) REFERENCES space (id) ON DELETE CASCADE,
  CONSTRAINT uq_certificate_sha256 UNIQUE (sha256)
);

-- A local space's private key, sealed (AES-256-GCM) under the master key, which is never in this database.
CREATE TABLE space_key (
  space_id BIGINT NOT NULL PRIMARY KEY,
  algorithm VARCHAR(40) NOT NULL,
  sealed_private_key VARBINARY(16384) NOT NULL,
  CONSTRAINT fk_space_key_space FOREIGN KEY (space_id) REFERENCES space (id) ON DELETE CASCADE
);

-- truster accepts <kind> from trusted. Revoked trusts stay as history.
CREATE TABLE trust (
  id BIGINT AUTO_INCREMENT NOT NULL PRIMARY KEY,
  truster_id BIGINT NOT NULL,
  trusted_id BIGINT NOT NULL,
  kind VARCHAR(30) NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  created_by VARCHAR(200) NOT NULL,
  revoked_at TIMESTAMP WITH TIME ZONE,
  revoked_by VARCHAR(200),
  revoke_reason VARCHAR(2000),
  CONSTRAINT fk_trust_truster FOREIGN KEY (truster_id) REFERENCES space (id),
  CONSTRAINT fk_trust_trusted FOREIGN KEY (trusted_id) REFERENCES space (id),
  CONSTRAINT ck_trust_kind CHECK (kind IN ('RELEASE_BUNDLES', 'DEPLOYMENT_RECEIPTS')),
  CONSTRAINT ck_trust_not_self CHECK (truster_id <> trusted_id)
);

-- Append-only, hash-chained: hash = SHA-256 over prev_hash and the entry's fields (see odcm.model.audit.AuditChain).
CREATE TABLE audit_event (
  seq BIGINT NOT NULL PRIMARY KEY,
  at TIMESTAMP WITH TIME ZONE NOT NULL,
  os_user VARCHAR(200) NOT NULL,
  action VARCHAR(60) NOT NULL,
  subject VARCHAR(400) NOT NULL,
  detail VARCHAR(8000) NOT NULL,
  prev_hash CHAR(64) NOT NULL,
  hash CHAR(64) NOT NULL
);

-- Environments, remote environments, lifecycles, projects and releases.
-- Structure that is queried and referred to (who uses which environment, which lifecycle) is in tables with
-- foreign keys; what is only ever read whole with its owner (a project's process, variables and templates; a
-- release's snapshot) is JSON text. See docs/decisions/0004-projects-and-release-snapshots-in-the-store.md.

-- An environment of a local space; names unique per space, ignoring case (name_key).
CREATE TABLE environment (
  id BIGINT AUTO_INCREMENT NOT NULL PRIMARY KEY,
  space_id BIGINT NOT NULL,
  name VARCHAR(60) NOT NULL,
  name_key VARCHAR(60) NOT NULL,
  description VARCHAR(2000) NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT fk_environment_space FOREIGN KEY (space_id) REFERENCES space (id) ON DELETE CASCADE,
  CONSTRAINT uq_environment_name_key UNIQUE (space_id, name_key)
);

-- A placeholder in space_id for environment name of owner_space_id (another space, local or remote).
CREATE TABLE remote_environment (
  id BIGINT AUTO_INCREMENT NOT NULL PRIMARY KEY,
  space_id BIGINT NOT NULL,
  owner_space_id BIGINT NOT NULL,
  name VARCHAR(60) NOT NULL,
  name_key VARCHAR(60) NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT fk_remote_environment_space FOREIGN KEY (space_id) REFERENCES space (id) ON DELETE CASCADE,
  CONSTRAINT fk_remote_environment_owner FOREIGN KEY (owner_space_id) REFERENCES space (id),
  CONSTRAINT uq_remote_environment_name_key UNIQUE (space_id, owner_space_id, name_key),
  CONSTRAINT ck_remote_environment_not_own CHECK (space_id <> owner_space_id)
);

-- Ordered phases in one space; at most one default per space (the service clears the other when setting one).
CREATE TABLE lifecycle (
  id BIGINT AUTO_INCREMENT NOT NULL PRIMARY KEY,
  space_id BIGINT NOT NULL,
  name VARCHAR(60) NOT NULL,
  name_key VARCHAR(60) NOT NULL,
  description VARCHAR(2000) NOT NULL,
  is_default BOOLEAN NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT fk_lifecycle_space FOREIGN KEY (space_id) REFERENCES space (id) ON DELETE CASCADE,
  CONSTRAINT uq_lifecycle_name_key UNIQUE (space_id, name_key)
);

CREATE TABLE phase (
  id BIGINT AUTO_INCREMENT NOT NULL PRIMARY KEY,
  lifecycle_id BIGINT NOT NULL,
  position INT NOT NULL,
  name VARCHAR(60) NOT NULL,
  rule_kind VARCHAR(10) NOT NULL,
  rule_at_least INT NOT NULL,
  CONSTRAINT fk_phase_lifecycle FOREIGN KEY (lifecycle_id) REFERENCES lifecycle (id) ON DELETE CASCADE,
  CONSTRAINT uq_phase_position UNIQUE (lifecycle_id, position),
  CONSTRAINT ck_phase_rule CHECK (rule_kind IN ('ALL', 'AT_LEAST', 'OPTIONAL'))
);

-- Exactly one of environment, remote environment or promotion target; referred rows cannot be deleted under it.
CREATE TABLE phase_member (
  id BIGINT AUTO_INCREMENT NOT NULL PRIMARY KEY,
  phase_id BIGINT NOT NULL,
  position INT NOT NULL,
  environment_id BIGINT,
  remote_environment_id BIGINT,
  target_space_id BIGINT,
  CONSTRAINT fk_phase_member_phase FOREIGN KEY (phase_id) REFERENCES phase (id) ON DELETE CASCADE,
  CONSTRAINT fk_phase_member_environment FOREIGN KEY (environment_id) REFERENCES environment (id),
  CONSTRAINT fk_phase_member_remote_environment FOREIGN KEY (remote_environment_id) REFERENCES remote_environment (id),
  CONSTRAINT fk_phase_member_target_space FOREIGN KEY (target_space_id) REFERENCES space (id),
  CONSTRAINT ck_phase_member_one CHECK (
    (CASE WHEN environment_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN remote_environment_id IS NULL THEN 0 ELSE 1 END)
    + (CASE WHEN target_space_id IS NULL THEN 0 ELSE 1 END) = 1)
);

-- A project; process, variables and templates are JSON documents (persistence-private DTOs). A sensitive
-- variable's value is never in variables_json in clear: only its AES-GCM sealed form (base64), bound to the
-- store, the project and the variable.
CREATE TABLE project (
  id BIGINT AUTO_INCREMENT NOT NULL PRIMARY KEY,
  space_id BIGINT NOT NULL,
  name VARCHAR(100) NOT NULL,
  name_key VARCHAR(100) NOT NULL,
  description VARCHAR(2000) NOT NULL,
  lifecycle_id BIGINT NOT NULL,
  process_json CLOB NOT NULL,
  variables_json CLOB NOT NULL,
  templates_json CLOB NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT fk_project_space FOREIGN KEY (space_id) REFERENCES space (id),
  CONSTRAINT fk_project_lifecycle FOREIGN KEY (lifecycle_id) REFERENCES lifecycle (id),
  CONSTRAINT uq_project_name_key UNIQUE (space_id, name_key)
);

CREATE TABLE project_channel (
  project_id BIGINT NOT NULL,
  position INT NOT NULL,
  name VARCHAR(60) NOT NULL,
  name_key VARCHAR(60) NOT NULL,
  is_default BOOLEAN NOT NULL,
  PRIMARY KEY (project_id, position),
  CONSTRAINT fk_project_channel_project FOREIGN KEY (project_id) REFERENCES project (id) ON DELETE CASCADE,
  CONSTRAINT uq_project_channel_name_key UNIQUE (project_id, name_key)
);

-- A release and its snapshot, frozen: inserted once, never updated or deleted (triggers below refuse it), and
-- snapshot_hash (SHA-256 over every other column) is checked on every read.
CREATE TABLE release (
  id BIGINT AUTO_INCREMENT NOT NULL PRIMARY KEY,
  project_id BIGINT NOT NULL,
  version VARCHAR(50) NOT NULL,
  version_key VARCHAR(50) NOT NULL,
  notes VARCHAR(8000) NOT NULL,
  channel VARCHAR(60) NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  snapshot_json CLOB NOT NULL,
  snapshot_hash CHAR(64) NOT NULL,
  CONSTRAINT fk_release_project FOREIGN KEY (project_id) REFERENCES project (id),
  CONSTRAINT uq_release_version_key UNIQUE (project_id, version_key)
);

/* [jooq ignore start] */
CREATE TRIGGER trg_release_frozen BEFORE UPDATE, DELETE ON release FOR EACH ROW CALL 'odcm.persistence.release.FrozenRelease';
/* [jooq ignore stop] */

-- Environment templates (issue 18; docs/decisions/0057-environment-templates.md): recipes for environments made on demand.
-- An instance is an environment like any other (the environment table), marked with its template; a de-provisioned one
-- keeps its row for the deployments made to it (deprovisioned_at set) and is neither listed nor deployable until
-- provisioned again. A phase may hold a template (phase_member.template_id): its live instances count as the phase's
-- environments. Provisioning and de-provisioning are recorded (the console records, it does not execute) and audited.
CREATE TABLE environment_template (
  id BIGINT AUTO_INCREMENT NOT NULL PRIMARY KEY,
  space_id BIGINT NOT NULL,
  name VARCHAR(60) NOT NULL,
  name_key VARCHAR(400) NOT NULL,
  description VARCHAR(2000) NOT NULL,
  parameters_json CLOB NOT NULL,
  provisioning_json CLOB NOT NULL,
  deprovisioning_json CLOB NOT NULL,
  name_expression VARCHAR(200) NOT NULL,
  on_existing VARCHAR(12) NOT NULL,
  deprovision_when_progressed BOOLEAN NOT NULL,
  deprovision_after_days INT NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  version BIGINT DEFAULT 1 NOT NULL,
  CONSTRAINT fk_environment_template_space FOREIGN KEY (space_id) REFERENCES space (id) ON DELETE CASCADE,
  CONSTRAINT uq_environment_template_name_key UNIQUE (space_id, name_key),
  CONSTRAINT ck_environment_template_on_existing CHECK (on_existing IN ('REPROVISION', 'SKIP')),
  CONSTRAINT ck_environment_template_days CHECK (deprovision_after_days BETWEEN 0 AND 3650)
);

ALTER TABLE environment ADD COLUMN template_id BIGINT;
ALTER TABLE environment ADD COLUMN deprovisioned_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE environment ADD CONSTRAINT fk_environment_template FOREIGN KEY (template_id) REFERENCES environment_template (id) ON DELETE SET NULL;

ALTER TABLE phase_member ADD COLUMN template_id BIGINT;
ALTER TABLE phase_member ADD CONSTRAINT fk_phase_member_template FOREIGN KEY (template_id) REFERENCES environment_template (id) ON DELETE SET NULL;
ALTER TABLE phase_member DROP CONSTRAINT ck_phase_member_one;
ALTER TABLE phase_member ADD CONSTRAINT ck_phase_member_one CHECK (
    (CASE WHEN environment_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN remote_environment_id IS NULL THEN 0 ELSE 1 END)
    + (CASE WHEN target_space_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN template_id IS NULL THEN 0 ELSE 1 END) = 1);

-- Append-only: each provisioning or de-provisioning of an instance, why (MANUAL, PHASE: its release reached the phase,
-- PROGRESSED: its release went on to the next phase, IDLE: days without a deployment), for which release (null when
-- manual), whether its process was recorded as run (RUN), skipped by the person (SKIPPED) or there was none (NONE), and the
-- parameters' values (a sensitive one masked: nothing is executed here, so its value is not kept).
CREATE TABLE provisioning (
  id BIGINT AUTO_INCREMENT NOT NULL PRIMARY KEY,
  space_id BIGINT NOT NULL,
  environment_id BIGINT NOT NULL,
  template_id BIGINT NOT NULL,
  kind VARCHAR(12) NOT NULL,
  reason VARCHAR(12) NOT NULL,
  release_id BIGINT,
  process VARCHAR(8) NOT NULL,
  parameters_json CLOB NOT NULL,
  done_at TIMESTAMP WITH TIME ZONE NOT NULL,
  done_by VARCHAR(200) NOT NULL,
  CONSTRAINT fk_provisioning_space FOREIGN KEY (space_id) REFERENCES space (id) ON DELETE CASCADE,
  CONSTRAINT fk_provisioning_environment FOREIGN KEY (environment_id) REFERENCES environment (id) ON DELETE CASCADE,
  CONSTRAINT fk_provisioning_template FOREIGN KEY (template_id) REFERENCES environment_template (id) ON DELETE CASCADE,
  CONSTRAINT fk_provisioning_release FOREIGN KEY (release_id) REFERENCES release (id) ON DELETE CASCADE,
  CONSTRAINT ck_provisioning_kind CHECK (kind IN ('PROVISION', 'DEPROVISION')),
  CONSTRAINT ck_provisioning_reason CHECK (reason IN ('MANUAL', 'PHASE', 'PROGRESSED', 'IDLE')),
  CONSTRAINT ck_provisioning_process CHECK (process IN ('RUN', 'SKIPPED', 'NONE'))
);

CREATE INDEX ix_provisioning_environment ON provisioning (environment_id, id);

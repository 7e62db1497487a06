-- Environment templates across spaces (issue 18 point 5; docs/decisions/0058-templates-across-spaces.md).
-- owner_space_id: the row is this space's placeholder of a template of another space (a remote template, shown
-- "Prod Space: Feature (template)"), holding the definition this space's bundles carry there; it has no instances here.
-- source_space_id: the template was made (and is kept up to date) by release bundles from that space.
ALTER TABLE environment_template ADD COLUMN owner_space_id BIGINT;
ALTER TABLE environment_template ADD COLUMN source_space_id BIGINT;
ALTER TABLE environment_template ADD CONSTRAINT fk_environment_template_owner FOREIGN KEY (owner_space_id) REFERENCES space (id);
ALTER TABLE environment_template ADD CONSTRAINT fk_environment_template_source FOREIGN KEY (source_space_id) REFERENCES space (id);
ALTER TABLE environment_template ADD CONSTRAINT ck_environment_template_remote CHECK (owner_space_id IS NULL OR source_space_id IS NULL);
-- pending_json: a changed definition of a template made by release bundles, carried by the imported release pending_release_id
-- that awaits acceptance here (decision 0047); applied when that release is accepted, dropped when it is declined.
ALTER TABLE environment_template ADD COLUMN pending_json CLOB;
ALTER TABLE environment_template ADD COLUMN pending_release_id BIGINT;
ALTER TABLE environment_template ADD CONSTRAINT fk_environment_template_pending FOREIGN KEY (pending_release_id) REFERENCES release (id) ON DELETE SET NULL;

-- The instances of environment templates another space reported (a receipt's instances, or a space of this console
-- directly): the latest word on each, so the lifecycle graph draws a remote template with its live instances.
CREATE TABLE remote_instance (
  space_id BIGINT NOT NULL,
  reporter_space_id BIGINT NOT NULL,
  environment VARCHAR(60) NOT NULL,
  environment_key VARCHAR(400) NOT NULL,
  template VARCHAR(60) NOT NULL,
  template_key VARCHAR(400) NOT NULL,
  live BOOLEAN NOT NULL,
  reported_at TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (space_id, reporter_space_id, environment_key),
  CONSTRAINT fk_remote_instance_space FOREIGN KEY (space_id) REFERENCES space (id) ON DELETE CASCADE,
  CONSTRAINT fk_remote_instance_reporter FOREIGN KEY (reporter_space_id) REFERENCES space (id) ON DELETE CASCADE
);

-- An instance provisioned for an imported release that was then declined goes (DECLINED).
ALTER TABLE provisioning DROP CONSTRAINT ck_provisioning_reason;
ALTER TABLE provisioning ADD CONSTRAINT ck_provisioning_reason CHECK (reason IN ('MANUAL', 'PHASE', 'PROGRESSED', 'IDLE', 'DECLINED'));

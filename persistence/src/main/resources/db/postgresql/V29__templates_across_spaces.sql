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
ALTER TABLE environment_template ADD COLUMN pending_json TEXT;
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

-- Row-level security (V20, V28; review 18b M3): an importer makes and updates the templates its bundles carry
-- (source_space_id set, never a template made here), and, as a deployer or release manager does, provisions the instance an
-- imported release brings (the import, or a receipt that completes a phase); odcm_provision_only (V28) still lets none of them
-- change anything of an instance but whether it is live. An approver's decline only de-provisions a live instance (recorded
-- DEPROVISION/DECLINED), and an acceptance applies the definition held for the release: it makes, revives or records nothing
-- else. odcm_template_stays: no one but an administrator moves a template to another space, source, owner or name.
CREATE POLICY odcm_import_template ON environment_template FOR INSERT WITH CHECK (source_space_id IS NOT NULL AND odcm_may(space_id, 'IMPORTER'));
CREATE POLICY odcm_import_template_update ON environment_template FOR UPDATE
  USING (source_space_id IS NOT NULL AND (odcm_may(space_id, 'IMPORTER') OR odcm_may(space_id, 'APPROVER')))
  WITH CHECK (source_space_id IS NOT NULL AND (odcm_may(space_id, 'IMPORTER') OR odcm_may(space_id, 'APPROVER')));
CREATE FUNCTION odcm_template_stays() RETURNS trigger LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF public.odcm_may(OLD.space_id, 'ADMINISTRATOR') THEN
    RETURN NEW;
  END IF;
  IF NEW.space_id IS DISTINCT FROM OLD.space_id OR NEW.source_space_id IS DISTINCT FROM OLD.source_space_id
     OR NEW.owner_space_id IS DISTINCT FROM OLD.owner_space_id OR NEW.name_key IS DISTINCT FROM OLD.name_key THEN
    RAISE EXCEPTION 'ODCM_TEMPLATE_STAYS: % may change the definition of template %, not its space, source, owner or name', session_user, OLD.name
      USING ERRCODE = '42501';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER trg_environment_template_stays BEFORE UPDATE ON environment_template FOR EACH ROW EXECUTE FUNCTION odcm_template_stays();
DROP POLICY odcm_instance_make ON environment;
DROP POLICY odcm_instance_provision ON environment;
CREATE FUNCTION odcm_may_provision(space BIGINT) RETURNS BOOLEAN LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
  SELECT public.odcm_may(space, 'DEPLOYER') OR public.odcm_may(space, 'RELEASE_MANAGER') OR public.odcm_may(space, 'IMPORTER')
$$;
CREATE POLICY odcm_instance_make ON environment FOR INSERT
  WITH CHECK (deprovisioned_at IS NULL AND odcm_may_provision(space_id)
              AND EXISTS (SELECT FROM environment_template t WHERE t.id = template_id AND t.space_id = environment.space_id
                          AND t.owner_space_id IS NULL));
CREATE POLICY odcm_instance_provision ON environment FOR UPDATE
  USING (template_id IS NOT NULL AND odcm_may_provision(space_id))
  WITH CHECK (template_id IS NOT NULL AND odcm_may_provision(space_id));
CREATE POLICY odcm_instance_decline ON environment FOR UPDATE
  USING (template_id IS NOT NULL AND deprovisioned_at IS NULL AND odcm_may(space_id, 'APPROVER'))
  WITH CHECK (template_id IS NOT NULL AND deprovisioned_at IS NOT NULL AND odcm_may(space_id, 'APPROVER'));
ALTER TABLE remote_instance ENABLE ROW LEVEL SECURITY;
CREATE POLICY odcm_read ON remote_instance FOR SELECT USING (true);
CREATE POLICY odcm_write ON remote_instance FOR ALL USING (odcm_may(space_id, 'IMPORTER')) WITH CHECK (odcm_may(space_id, 'IMPORTER'));
DROP POLICY odcm_write ON provisioning;
CREATE POLICY odcm_write ON provisioning FOR INSERT
  WITH CHECK (done_by = session_user::text AND (odcm_may(space_id, 'ADMINISTRATOR') OR odcm_may_provision(space_id)
              OR (kind = 'DEPROVISION' AND reason = 'DECLINED' AND odcm_may(space_id, 'APPROVER'))));

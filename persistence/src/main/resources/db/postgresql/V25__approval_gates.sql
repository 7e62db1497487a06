-- Approval gates where they matter (docs/decisions/0046-approval-gates.md). A space gates the environments of its choice:
-- a release needs the space's number of approvals (duty_rule.approvals, decision 0043) before its first deployment to a
-- gated environment. approval_policy (V5) keeps its meaning, widened: its row is the gate on EVERY environment of the
-- space, so a store that required approval before V25 gates every environment, new ones included, as before.
CREATE TABLE approval_gate (
  space_id BIGINT NOT NULL,
  environment_id BIGINT NOT NULL,
  set_at TIMESTAMP WITH TIME ZONE NOT NULL,
  set_by VARCHAR(200) NOT NULL,
  CONSTRAINT pk_approval_gate PRIMARY KEY (space_id, environment_id),
  CONSTRAINT fk_approval_gate_space FOREIGN KEY (space_id) REFERENCES space (id) ON DELETE CASCADE,
  CONSTRAINT fk_approval_gate_environment FOREIGN KEY (environment_id) REFERENCES environment (id) ON DELETE CASCADE
);

-- What a decision covered: the snapshot hash of the revision decided on (release.snapshot_hash, decision 0034) and the
-- release it was compared against, if any. Its own table, keyed-sealed (RowSeals): a column added to approval_decision
-- would change the seal of every decision sealed before (the seal covers every column). A decision made before V25 has
-- none and covers the revision its row names (a release row is frozen).
CREATE TABLE approval_cover (
  decision_id BIGINT NOT NULL PRIMARY KEY,
  space_id BIGINT NOT NULL,
  snapshot_hash VARCHAR(64) NOT NULL,
  against_release_id BIGINT,
  seal VARCHAR(64),
  CONSTRAINT fk_approval_cover_decision FOREIGN KEY (decision_id) REFERENCES approval_decision (id) ON DELETE CASCADE,
  CONSTRAINT fk_approval_cover_space FOREIGN KEY (space_id) REFERENCES space (id) ON DELETE CASCADE,
  CONSTRAINT fk_approval_cover_against FOREIGN KEY (against_release_id) REFERENCES release (id)
);

-- Who may write them is row-level security's (V20, decision 0042): gates are the space's administrators', covers its approvers'.
ALTER TABLE approval_gate ENABLE ROW LEVEL SECURITY;
CREATE POLICY odcm_read ON approval_gate FOR SELECT USING (true);
CREATE POLICY odcm_write ON approval_gate FOR ALL USING (odcm_may(space_id, 'ADMINISTRATOR')) WITH CHECK (odcm_may(space_id, 'ADMINISTRATOR'));
ALTER TABLE approval_cover ENABLE ROW LEVEL SECURITY;
CREATE POLICY odcm_read ON approval_cover FOR SELECT USING (true);
CREATE POLICY odcm_write ON approval_cover FOR ALL USING (odcm_may(space_id, 'APPROVER')) WITH CHECK (odcm_may(space_id, 'APPROVER'));

-- A gate names an environment of its own space.
CREATE OR REPLACE FUNCTION odcm_approval_gate() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  IF NOT odcm_is_owner(TG_RELID) AND NOT EXISTS (SELECT 1 FROM environment e WHERE e.id = NEW.environment_id AND e.space_id = NEW.space_id) THEN
    RAISE EXCEPTION 'ODCM_DUTY: an approval gate in space % names environment #%, which is not of that space', NEW.space_id, NEW.environment_id
      USING ERRCODE = '42501';
  END IF;
  RETURN NEW;
END $$;
DROP TRIGGER IF EXISTS trg_approval_gate ON approval_gate;
CREATE TRIGGER trg_approval_gate BEFORE INSERT OR UPDATE ON approval_gate FOR EACH ROW EXECUTE FUNCTION odcm_approval_gate();

-- What a decision covered is written once, with it, by the login that decided, and it is true: its snapshot hash is the one
-- of the release decided on, the release compared against one of the same space. Only its seal is added; never removed.
CREATE OR REPLACE FUNCTION odcm_approval_cover() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  IF odcm_is_owner(TG_RELID) THEN
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  END IF;
  IF TG_OP = 'DELETE' THEN
    IF EXISTS (SELECT 1 FROM space s WHERE s.id = OLD.space_id) THEN
      RAISE EXCEPTION 'ODCM_DUTY: what an approval decision covered is kept; % may not remove it', session_user USING ERRCODE = '42501';
    END IF;
    RETURN OLD;
  END IF;
  IF TG_OP = 'UPDATE' THEN
    IF (NEW.decision_id, NEW.space_id, NEW.snapshot_hash, NEW.against_release_id)
        IS DISTINCT FROM (OLD.decision_id, OLD.space_id, OLD.snapshot_hash, OLD.against_release_id) THEN
      RAISE EXCEPTION 'ODCM_DUTY: what an approval decision covered is written once; % may not change it', session_user USING ERRCODE = '42501';
    END IF;
    RETURN NEW;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM approval_decision d JOIN release r ON r.id = d.release_id WHERE d.id = NEW.decision_id
      AND d.space_id = NEW.space_id AND d.decided_by = session_user::text AND r.snapshot_hash = NEW.snapshot_hash) THEN
    RAISE EXCEPTION 'ODCM_DUTY: what approval decision #% covered is written by the login that decided, with the snapshot hash of the release decided on',
      NEW.decision_id USING ERRCODE = '42501';
  END IF;
  IF NEW.against_release_id IS NOT NULL THEN
    PERFORM odcm_release_of(NEW.against_release_id, NEW.space_id, 'an approval decision''s compared-against release');
  END IF;
  RETURN NEW;
END $$;
DROP TRIGGER IF EXISTS trg_approval_cover ON approval_cover;
CREATE TRIGGER trg_approval_cover BEFORE INSERT OR UPDATE OR DELETE ON approval_cover FOR EACH ROW EXECUTE FUNCTION odcm_approval_cover();

-- A deployment (V22's rule, per environment since V25), as ApprovalService.deploymentRefusal lets it: in the name of the
-- login that records it, dated no later than now, of a release of its space; refused anywhere in the space while the latest
-- decision on any revision of the release there is a rejection; and to a gated environment (the space's gate on it, or
-- approval_policy: every environment), until the release has succeeded there, refused unless it is the current revision
-- with at least the space's number of distinct approvers since the latest rejection, each approval of this revision and
-- its snapshot hash (an earlier revision's approvals do not count), its maker not counted where the space separates duties.
CREATE OR REPLACE FUNCTION odcm_deployment_duty() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  rel record;
  latest text;
  since_at timestamptz;
  since_id bigint;
  needed int;
  not_maker boolean;
  maker text;
  have int;
  later int;
BEGIN
  IF odcm_is_owner(TG_RELID) OR TG_OP = 'UPDATE' AND (NEW.space_id, NEW.release_id, NEW.environment_id, NEW.outcome, NEW.deployed_at, NEW.deployed_by)
      IS NOT DISTINCT FROM (OLD.space_id, OLD.release_id, OLD.environment_id, OLD.outcome, OLD.deployed_at, OLD.deployed_by) THEN
    RETURN NEW;
  END IF;
  IF NEW.deployed_by IS DISTINCT FROM session_user::text THEN
    RAISE EXCEPTION 'ODCM_DUTY: a deployment names the login that records it; % may not record one in the name of %', session_user,
      NEW.deployed_by USING ERRCODE = '42501';
  END IF;
  PERFORM odcm_not_ahead(NEW.deployed_at, 'a deployment');
  PERFORM odcm_release_of(NEW.release_id, NEW.space_id, 'a deployment');
  SELECT r.project_id, r.version_key, r.revision, r.snapshot_hash INTO rel FROM release r WHERE r.id = NEW.release_id;
  -- the decisions on every revision of the release in the space, the latest first
  SELECT d.verdict INTO latest FROM approval_decision d JOIN release r ON r.id = d.release_id WHERE d.space_id = NEW.space_id
    AND r.project_id = rel.project_id AND r.version_key = rel.version_key ORDER BY d.decided_at DESC, d.id DESC LIMIT 1;
  IF latest = 'REJECTED' THEN
    RAISE EXCEPTION 'ODCM_DUTY: release #% was rejected in space %; it is deployed nowhere there until approved again', NEW.release_id,
      NEW.space_id USING ERRCODE = '42501';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM approval_policy a WHERE a.space_id = NEW.space_id)
      AND NOT EXISTS (SELECT 1 FROM approval_gate g WHERE g.space_id = NEW.space_id AND g.environment_id = NEW.environment_id) THEN
    RETURN NEW;
  END IF;
  IF EXISTS (SELECT 1 FROM deployment d WHERE d.release_id = NEW.release_id AND d.space_id = NEW.space_id
      AND d.environment_id = NEW.environment_id AND d.outcome = 'SUCCEEDED' AND d.id IS DISTINCT FROM NEW.id) THEN
    RETURN NEW;
  END IF;
  SELECT max(r.revision) INTO later FROM release r WHERE r.project_id = rel.project_id AND r.version_key = rel.version_key;
  IF later > rel.revision THEN
    RAISE EXCEPTION 'ODCM_DUTY: release #% is revision % of its version, superseded by revision %; an approval of revision % does not cover revision %',
      NEW.release_id, rel.revision, later, rel.revision, later USING ERRCODE = '42501';
  END IF;
  SELECT d.decided_at, d.id INTO since_at, since_id FROM approval_decision d JOIN release r ON r.id = d.release_id WHERE d.space_id = NEW.space_id
    AND r.project_id = rel.project_id AND r.version_key = rel.version_key AND d.verdict = 'REJECTED' ORDER BY d.decided_at DESC, d.id DESC LIMIT 1;
  SELECT r.approvals, r.approver_not_maker INTO needed, not_maker FROM duty_rule r WHERE r.space_id = NEW.space_id;
  IF not_maker THEN
    SELECT m.made_by INTO maker FROM release_maker m WHERE m.release_id = NEW.release_id;
  END IF;
  SELECT count(DISTINCT d.decided_by) INTO have FROM approval_decision d LEFT JOIN approval_cover c ON c.decision_id = d.id
    WHERE d.space_id = NEW.space_id AND d.release_id = NEW.release_id AND d.verdict = 'APPROVED'
    AND (c.decision_id IS NULL OR c.snapshot_hash = rel.snapshot_hash)
    AND d.decided_by IS DISTINCT FROM maker
    AND (since_id IS NULL OR (d.decided_at, d.id) > (since_at, since_id))
    AND NOT (COALESCE(not_maker, false) AND maker IS NULL); -- its maker not recorded: not approved while duties are separated (V21), none counts
  IF have < COALESCE(needed, 1) THEN
    IF have = 0 AND EXISTS (SELECT 1 FROM approval_decision d JOIN release r ON r.id = d.release_id WHERE d.space_id = NEW.space_id
        AND r.project_id = rel.project_id AND r.version_key = rel.version_key AND d.verdict = 'APPROVED' AND r.revision < rel.revision
        AND (since_id IS NULL OR (d.decided_at, d.id) > (since_at, since_id))) THEN
      RAISE EXCEPTION 'ODCM_DUTY: release #% is revision %; an approval of an earlier revision does not cover revision %, which needs its own before its first deployment to environment #%',
        NEW.release_id, rel.revision, rel.revision, NEW.environment_id USING ERRCODE = '42501';
    END IF;
    IF latest IS NULL THEN
      RAISE EXCEPTION 'ODCM_DUTY: release #% needs an approval in space % before its first deployment to environment #%; it has none',
        NEW.release_id, NEW.space_id, NEW.environment_id USING ERRCODE = '42501';
    END IF;
    RAISE EXCEPTION 'ODCM_DUTY: release #% has % of % approvals in space %; it needs % distinct approvers% before its first deployment to environment #%',
      NEW.release_id, have, COALESCE(needed, 1), NEW.space_id, COALESCE(needed, 1),
      CASE WHEN not_maker THEN ' other than its maker' ELSE '' END, NEW.environment_id USING ERRCODE = '42501';
  END IF;
  RETURN NEW;
END $$;
DROP TRIGGER IF EXISTS trg_deployment_duty ON deployment;
CREATE TRIGGER trg_deployment_duty BEFORE INSERT OR UPDATE ON deployment FOR EACH ROW EXECUTE FUNCTION odcm_deployment_duty();

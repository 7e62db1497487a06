-- Review of separation of duties by attack (docs/decisions/0043-separation-of-duties.md, "Review (2026-12-05, attacker)").
-- V21 held the rows of the duties (rules, maker, decisions, proposals, trusts) to their writer's login, but the gate that
-- uses them — a release's first deployment in a space that requires approval — was the console's only: a deployer's own
-- login with plain SQL recorded a deployment of a release nobody approved, or that had 1 of 2 approvals, or that was
-- rejected. And nothing held a decision's date: an approval dated ahead (say next year) stayed "the latest decision",
-- outranking every later rejection, in the console's eyes and the gate's. Here the database keeps both, for every login
-- but the tables' owner, as V21 does (same pattern: SECURITY DEFINER, catalog first, SQL state 42501, words ODCM_DUTY).
-- Row-level security asks for a role in the row's space_id, never whether the row's release is of that space: a deployer
-- of Prod recorded a deployment in Prod of DevTest's release, which DevTest read as that release having succeeded (its
-- approval gate passed for everyone, its lifecycle order met by an environment of the same name, its history, its
-- receipts). A deployment and an approval decision now name a release of a project of their own space.

-- Whether release `release_id` is of a project of space `space_id` (as every deployment and decision the console writes).
CREATE OR REPLACE FUNCTION odcm_release_of(release_id bigint, space_id bigint, what text) RETURNS void LANGUAGE plpgsql STABLE
  SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM public.release r JOIN public.project p ON p.id = r.project_id WHERE r.id = $1 AND p.space_id = $2) THEN
    RAISE EXCEPTION 'ODCM_DUTY: % in space % names release #%, which is not of a project of that space', what, $2, $1
      USING ERRCODE = '42501';
  END IF;
END $$;

-- An approval decision: dated no later than now, on a release of its space. A date a member writes is not ahead of the server's clock (a few minutes allowed for a console's clock running fast):
-- what is latest is what came last.
CREATE OR REPLACE FUNCTION odcm_not_ahead(at timestamptz, what text) RETURNS void LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF at > pg_catalog.clock_timestamp() + interval '5 minutes' THEN
    RAISE EXCEPTION 'ODCM_DUTY: % is dated %, ahead of the team store''s clock; % may not date it later than now', what, at, session_user
      USING ERRCODE = '42501';
  END IF;
END $$;

CREATE OR REPLACE FUNCTION odcm_decision_dated() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  IF NOT odcm_is_owner(TG_RELID) THEN
    PERFORM odcm_not_ahead(NEW.decided_at, 'an approval decision');
    PERFORM odcm_release_of(NEW.release_id, NEW.space_id, 'an approval decision');
  END IF;
  RETURN NEW;
END $$;
DROP TRIGGER IF EXISTS trg_decision_dated ON approval_decision;
CREATE TRIGGER trg_decision_dated BEFORE INSERT ON approval_decision FOR EACH ROW EXECUTE FUNCTION odcm_decision_dated();

-- A deployment: in the name of the login that records it, dated no later than now, of a release of its space, and — where its space requires
-- approval — as ApprovalService.deploymentRefusal and DeploymentService.approvalRefusal let it: once the release has
-- succeeded there and its latest decision is no rejection, freely; else its latest decision (newest decided_at, then id)
-- an approval, by at least the space's number of distinct approvers since the latest rejection, its maker not counted
-- where the space separates duties (and none, its maker not recorded).
CREATE OR REPLACE FUNCTION odcm_deployment_duty() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  latest text;
  since_at timestamptz;
  since_id bigint;
  needed int;
  not_maker boolean;
  maker text;
  have int;
BEGIN
  IF odcm_is_owner(TG_RELID) OR TG_OP = 'UPDATE' AND (NEW.space_id, NEW.release_id, NEW.outcome, NEW.deployed_at, NEW.deployed_by)
      IS NOT DISTINCT FROM (OLD.space_id, OLD.release_id, OLD.outcome, OLD.deployed_at, OLD.deployed_by) THEN
    RETURN NEW;
  END IF;
  IF NEW.deployed_by IS DISTINCT FROM session_user::text THEN
    RAISE EXCEPTION 'ODCM_DUTY: a deployment names the login that records it; % may not record one in the name of %', session_user,
      NEW.deployed_by USING ERRCODE = '42501';
  END IF;
  PERFORM odcm_not_ahead(NEW.deployed_at, 'a deployment');
  PERFORM odcm_release_of(NEW.release_id, NEW.space_id, 'a deployment');
  IF NOT EXISTS (SELECT 1 FROM approval_policy a WHERE a.space_id = NEW.space_id) THEN
    RETURN NEW;
  END IF;
  SELECT d.verdict INTO latest FROM approval_decision d WHERE d.space_id = NEW.space_id AND d.release_id = NEW.release_id
    ORDER BY d.decided_at DESC, d.id DESC LIMIT 1;
  IF latest IS DISTINCT FROM 'REJECTED' AND EXISTS (SELECT 1 FROM deployment d WHERE d.release_id = NEW.release_id
      AND d.space_id = NEW.space_id AND d.outcome = 'SUCCEEDED' AND d.id IS DISTINCT FROM NEW.id) THEN
    RETURN NEW;
  END IF;
  IF latest IS NULL THEN
    RAISE EXCEPTION 'ODCM_DUTY: release #% needs an approval in space % before its first deployment there; it has none',
      NEW.release_id, NEW.space_id USING ERRCODE = '42501';
  END IF;
  IF latest = 'REJECTED' THEN
    RAISE EXCEPTION 'ODCM_DUTY: release #% was rejected in space %; it is deployed there once approved again', NEW.release_id,
      NEW.space_id USING ERRCODE = '42501';
  END IF;
  SELECT d.decided_at, d.id INTO since_at, since_id FROM approval_decision d WHERE d.space_id = NEW.space_id
    AND d.release_id = NEW.release_id AND d.verdict = 'REJECTED' ORDER BY d.decided_at DESC, d.id DESC LIMIT 1;
  SELECT r.approvals, r.approver_not_maker INTO needed, not_maker FROM duty_rule r WHERE r.space_id = NEW.space_id;
  IF not_maker THEN
    SELECT m.made_by INTO maker FROM release_maker m WHERE m.release_id = NEW.release_id;
  END IF;
  SELECT count(DISTINCT d.decided_by) INTO have FROM approval_decision d WHERE d.space_id = NEW.space_id
    AND d.release_id = NEW.release_id AND d.verdict = 'APPROVED' AND d.decided_by IS DISTINCT FROM maker
    AND (since_id IS NULL OR (d.decided_at, d.id) > (since_at, since_id))
    AND NOT (COALESCE(not_maker, false) AND maker IS NULL); -- its maker not recorded: not approved while duties are separated (V21), none counts
  IF have < COALESCE(needed, 1) THEN
    RAISE EXCEPTION 'ODCM_DUTY: release #% has % of % approvals in space %; it needs % distinct approvers% before its first deployment there',
      NEW.release_id, have, COALESCE(needed, 1), NEW.space_id, COALESCE(needed, 1),
      CASE WHEN not_maker THEN ' other than its maker' ELSE '' END USING ERRCODE = '42501';
  END IF;
  RETURN NEW;
END $$;
DROP TRIGGER IF EXISTS trg_deployment_duty ON deployment;
CREATE TRIGGER trg_deployment_duty BEFORE INSERT OR UPDATE ON deployment FOR EACH ROW EXECUTE FUNCTION odcm_deployment_duty();

-- The last administrator (V20, 0041's review): a space keeps an administrator grant to a person who can sign in. A grant
-- to a name that is no login of the server (a typo, a person gone, a group's name given as a person's) no longer counts
-- as that administrator, so the last real one is not revoked while only such a grant is left.
CREATE OR REPLACE FUNCTION odcm_last_administrator() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF OLD.role <> 'ADMINISTRATOR' OR OLD.grantee_kind <> 'PERSON' OR public.odcm_owner()
     OR TG_OP = 'UPDATE' AND (NEW.space_id, NEW.role, NEW.grantee_kind, NEW.grantee, NEW.environment_id)
                             IS NOT DISTINCT FROM (OLD.space_id, OLD.role, OLD.grantee_kind, OLD.grantee, OLD.environment_id) THEN
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  END IF;
  PERFORM FROM public.space s WHERE s.id = OLD.space_id FOR UPDATE;
  IF FOUND AND NOT EXISTS (SELECT FROM public.role_grant g JOIN pg_catalog.pg_roles r ON r.rolname = g.grantee AND r.rolcanlogin
                           WHERE g.space_id = OLD.space_id AND g.id <> OLD.id AND g.role = 'ADMINISTRATOR' AND g.grantee_kind = 'PERSON') THEN
    RAISE EXCEPTION 'ODCM_LAST_ADMINISTRATOR: % is the last administrator of space % who can sign in, who is kept', OLD.grantee, OLD.space_id
      USING ERRCODE = '42501';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;

-- Roles enforced by the database (docs/decisions/0042-roles-enforced-by-the-database.md, issue 14 point 4). A member of
-- the team store (a login in <database>_members, TeamMembers) holds SELECT, INSERT, UPDATE and DELETE on every table, and
-- the master key file: without this migration plain SQL under their own login could grant themselves any role, trust any
-- space or record any deployment, passing by RoleService. Now every table whose change needs a role has row-level
-- security, its policies asking odcm_may — the one question, "does session_user hold this role in this space?" — as
-- RoleGrant.appliesTo answers it in the console. Reading stays open to every member (USING true).
--
-- Pattern, one per table (a later migration extends it to its tables the same way):
--   ALTER TABLE t ENABLE ROW LEVEL SECURITY;
--   CREATE POLICY odcm_read  ON t FOR SELECT USING (true);
--   CREATE POLICY odcm_write ON t FOR ALL USING (<who may change the old row>) WITH CHECK (<who may write the new row>);
-- and, where one command needs more (making a space, an import's project), an extra permissive policy for that command
-- (permissive policies are OR-ed). USING of UPDATE and DELETE hides the rows a person may not change (the statement
-- changes none of them); WITH CHECK of INSERT and UPDATE refuses a row they may not write (SQLSTATE 42501).
--
-- The tables' owner, and whoever has its rights (a superuser among them), is exempt, as PostgreSQL exempts a table's
-- owner from its policies: it could drop them anyway, and `odcm store copy` writes a store's rows as that owner. Foreign
-- keys and their cascades are checked by PostgreSQL as the owner too, so deleting a space still takes its rows along.
--
-- Every function: SECURITY DEFINER (owned by the tables' owner, so what it reads is not itself filtered), search_path
-- fixed to the catalog (a member cannot put an object of theirs before it), every table named with its schema.

-- Whether session_user has the rights of the tables' owner.
CREATE FUNCTION odcm_owner() RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  SELECT pg_catalog.pg_has_role(session_user, c.relowner, 'USAGE') FROM pg_catalog.pg_class c WHERE c.oid = 'public.role_grant'::pg_catalog.regclass
$$;

-- Whether a grant applies to session_user: RoleGrant.appliesTo. Its name is the login's (a person's grant, or a group's
-- named as the login: PostgreSQL counts every role a member of itself), or it is a group's and the login is a member of
-- that database role, directly or through others (PostgreSQL's own pg_* roles left out, as Store.person leaves them out
-- of a person's groups; a grantee that is no role is no group of anyone's).
CREATE FUNCTION odcm_applies(grantee_kind TEXT, grantee TEXT) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp AS $$
  SELECT $2 = session_user::text
      OR $1 = 'GROUP' AND EXISTS (SELECT FROM pg_catalog.pg_roles r WHERE r.rolname = $2 AND NOT pg_catalog.starts_with(r.rolname::text, 'pg_')
                                                                    AND pg_catalog.pg_has_role(session_user, r.oid, 'MEMBER'))
$$;

-- THE question: may session_user act as `role` in local space `space_id` (a deployer: to environment `environment_id`, or
-- null for any)? Permissions.holds: a grant of that space and role, a deployer's for every environment (null) or that one.
CREATE FUNCTION odcm_may(space_id BIGINT, role TEXT, environment_id BIGINT DEFAULT NULL) RETURNS boolean LANGUAGE sql STABLE
  SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  SELECT public.odcm_owner() OR EXISTS (
    SELECT FROM public.role_grant g
    WHERE g.space_id = $1 AND g.role = $2 AND (g.environment_id IS NULL OR $3 IS NULL OR g.environment_id = $3)
      AND public.odcm_applies(g.grantee_kind, g.grantee))
$$;

-- The role in at least one local space (remote spaces belong to no one space: RoleService.checkInAnySpace).
CREATE FUNCTION odcm_may_somewhere(role TEXT) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp AS $$
  SELECT public.odcm_owner() OR EXISTS (
    SELECT FROM public.role_grant g WHERE g.role = $1 AND public.odcm_applies(g.grantee_kind, g.grantee))
$$;

-- May session_user change space `space_id` of `kind` (null: as stored) — its row, certificates and key
-- (RoleService.checkChange): a local space's administrators; a remote one's, the administrators of any local space and,
-- once local spaces trust it, of every local space that does.
CREATE FUNCTION odcm_may_change_space(space_id BIGINT, kind TEXT DEFAULT NULL) RETURNS boolean LANGUAGE sql STABLE
  SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  SELECT CASE WHEN COALESCE($2, (SELECT s.kind FROM public.space s WHERE s.id = $1)) = 'LOCAL' THEN public.odcm_may($1, 'ADMINISTRATOR')
         ELSE public.odcm_may_somewhere('ADMINISTRATOR') AND NOT EXISTS (
           SELECT FROM public.trust t WHERE t.trusted_id = $1 AND t.revoked_at IS NULL AND NOT public.odcm_may(t.truster_id, 'ADMINISTRATOR'))
         END
$$;

-- A local space being made: no grant of it exists yet (SpaceService.create writes the space, its certificate — inserted,
-- then sealed — and key, then its maker's grants, the administrator's first). Making a local space needs no role (0041).
CREATE FUNCTION odcm_new_space(space_id BIGINT) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp AS $$
  SELECT EXISTS (SELECT FROM public.space s WHERE s.id = $1 AND s.kind = 'LOCAL')
     AND NOT EXISTS (SELECT FROM public.role_grant g WHERE g.space_id = $1)
$$;

-- Spaces, their certificates and keys.
ALTER TABLE space ENABLE ROW LEVEL SECURITY;
CREATE POLICY odcm_read ON space FOR SELECT USING (true);
CREATE POLICY odcm_write ON space FOR ALL USING (odcm_may_change_space(id, kind)) WITH CHECK (odcm_may_change_space(id, kind));
CREATE POLICY odcm_make ON space FOR INSERT WITH CHECK (kind = 'LOCAL');

ALTER TABLE certificate ENABLE ROW LEVEL SECURITY;
CREATE POLICY odcm_read ON certificate FOR SELECT USING (true);
CREATE POLICY odcm_write ON certificate FOR ALL USING (odcm_may_change_space(space_id)) WITH CHECK (odcm_may_change_space(space_id));
CREATE POLICY odcm_make ON certificate FOR ALL USING (odcm_new_space(space_id)) WITH CHECK (odcm_new_space(space_id)); -- sealed once written

ALTER TABLE space_key ENABLE ROW LEVEL SECURITY;
CREATE POLICY odcm_read ON space_key FOR SELECT USING (true);
CREATE POLICY odcm_write ON space_key FOR ALL USING (odcm_may(space_id, 'ADMINISTRATOR')) WITH CHECK (odcm_may(space_id, 'ADMINISTRATOR'));
CREATE POLICY odcm_make ON space_key FOR INSERT WITH CHECK (odcm_new_space(space_id));

-- Roles: granted and revoked by the space's administrators; the first grant of a space being made is its maker's own
-- administrator role (RoleService.madeBy), after which they are its administrator. A deployer's environment is the space's.
ALTER TABLE role_grant ENABLE ROW LEVEL SECURITY;
CREATE POLICY odcm_read ON role_grant FOR SELECT USING (true);
CREATE POLICY odcm_write ON role_grant FOR ALL USING (odcm_may(space_id, 'ADMINISTRATOR'))
  WITH CHECK (odcm_may(space_id, 'ADMINISTRATOR')
              AND (environment_id IS NULL OR EXISTS (SELECT FROM environment e WHERE e.id = environment_id AND e.space_id = role_grant.space_id)));
CREATE POLICY odcm_make ON role_grant FOR INSERT
  WITH CHECK (odcm_new_space(space_id) AND role = 'ADMINISTRATOR' AND environment_id IS NULL AND grantee_kind = 'PERSON'
              AND grantee = session_user::text);

-- The last administrator is kept (RoleService.revoke): a space keeps an administrator grant to a person, so removing or
-- changing the last one is refused. The space's row is locked first, so two administrators revoking each other at once
-- cannot both pass. Deleting the space itself takes its grants along (its row is gone by then).
CREATE FUNCTION odcm_last_administrator() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF OLD.role <> 'ADMINISTRATOR' OR OLD.grantee_kind <> 'PERSON' OR public.odcm_owner()
     OR TG_OP = 'UPDATE' AND (NEW.space_id, NEW.role, NEW.grantee_kind, NEW.grantee, NEW.environment_id)
                             IS NOT DISTINCT FROM (OLD.space_id, OLD.role, OLD.grantee_kind, OLD.grantee, OLD.environment_id) THEN
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  END IF;
  PERFORM FROM public.space s WHERE s.id = OLD.space_id FOR UPDATE;
  IF FOUND AND NOT EXISTS (SELECT FROM public.role_grant g WHERE g.space_id = OLD.space_id AND g.id <> OLD.id
                           AND g.role = 'ADMINISTRATOR' AND g.grantee_kind = 'PERSON') THEN
    RAISE EXCEPTION 'ODCM_LAST_ADMINISTRATOR: % is the last administrator of space %, who is kept', OLD.grantee, OLD.space_id
      USING ERRCODE = '42501';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER trg_last_administrator BEFORE UPDATE OR DELETE ON role_grant FOR EACH ROW EXECUTE FUNCTION odcm_last_administrator();

-- Administrator: trusts in which the space is the truster (a revoked one also goes with either space it names), its
-- environments and remote environments, its approval rule.
ALTER TABLE trust ENABLE ROW LEVEL SECURITY;
CREATE POLICY odcm_read ON trust FOR SELECT USING (true);
CREATE POLICY odcm_write ON trust FOR ALL USING (odcm_may(truster_id, 'ADMINISTRATOR')) WITH CHECK (odcm_may(truster_id, 'ADMINISTRATOR'));
CREATE POLICY odcm_remove ON trust FOR DELETE
  USING (revoked_at IS NOT NULL AND (odcm_may_change_space(truster_id) OR odcm_may_change_space(trusted_id)));

ALTER TABLE environment ENABLE ROW LEVEL SECURITY;
CREATE POLICY odcm_read ON environment FOR SELECT USING (true);
CREATE POLICY odcm_write ON environment FOR ALL USING (odcm_may(space_id, 'ADMINISTRATOR')) WITH CHECK (odcm_may(space_id, 'ADMINISTRATOR'));

ALTER TABLE remote_environment ENABLE ROW LEVEL SECURITY;
CREATE POLICY odcm_read ON remote_environment FOR SELECT USING (true);
CREATE POLICY odcm_write ON remote_environment FOR ALL USING (odcm_may(space_id, 'ADMINISTRATOR')) WITH CHECK (odcm_may(space_id, 'ADMINISTRATOR'));

ALTER TABLE approval_policy ENABLE ROW LEVEL SECURITY;
CREATE POLICY odcm_read ON approval_policy FOR SELECT USING (true);
CREATE POLICY odcm_write ON approval_policy FOR ALL USING (odcm_may(space_id, 'ADMINISTRATOR')) WITH CHECK (odcm_may(space_id, 'ADMINISTRATOR'));

-- Release manager: lifecycles with their phases and members.
ALTER TABLE lifecycle ENABLE ROW LEVEL SECURITY;
CREATE POLICY odcm_read ON lifecycle FOR SELECT USING (true);
CREATE POLICY odcm_write ON lifecycle FOR ALL USING (odcm_may(space_id, 'RELEASE_MANAGER')) WITH CHECK (odcm_may(space_id, 'RELEASE_MANAGER'));

ALTER TABLE phase ENABLE ROW LEVEL SECURITY;
CREATE POLICY odcm_read ON phase FOR SELECT USING (true);
CREATE POLICY odcm_write ON phase FOR ALL
  USING (EXISTS (SELECT FROM lifecycle l WHERE l.id = lifecycle_id AND odcm_may(l.space_id, 'RELEASE_MANAGER')))
  WITH CHECK (EXISTS (SELECT FROM lifecycle l WHERE l.id = lifecycle_id AND odcm_may(l.space_id, 'RELEASE_MANAGER')));

ALTER TABLE phase_member ENABLE ROW LEVEL SECURITY;
CREATE POLICY odcm_read ON phase_member FOR SELECT USING (true);
CREATE POLICY odcm_write ON phase_member FOR ALL
  USING (EXISTS (SELECT FROM phase p JOIN lifecycle l ON l.id = p.lifecycle_id WHERE p.id = phase_id AND odcm_may(l.space_id, 'RELEASE_MANAGER')))
  WITH CHECK (EXISTS (SELECT FROM phase p JOIN lifecycle l ON l.id = p.lifecycle_id WHERE p.id = phase_id AND odcm_may(l.space_id, 'RELEASE_MANAGER')));

-- Projects: the release manager's; an administrator's renaming of an environment rewrites the scopes naming it. An
-- importer writes a remote project (made, then marked with its source space, and from then on only as a remote project:
-- ImportService.saveProject). Whoever renames a space rewrites the scopes naming its remote environments in the projects
-- of the spaces that keep them (SpaceService.rename).
ALTER TABLE project ENABLE ROW LEVEL SECURITY;
CREATE POLICY odcm_read ON project FOR SELECT USING (true);
CREATE POLICY odcm_write ON project FOR ALL
  USING (odcm_may(space_id, 'RELEASE_MANAGER') OR odcm_may(space_id, 'ADMINISTRATOR'))
  WITH CHECK (odcm_may(space_id, 'RELEASE_MANAGER') OR odcm_may(space_id, 'ADMINISTRATOR'));
CREATE POLICY odcm_import_make ON project FOR INSERT WITH CHECK (odcm_may(space_id, 'IMPORTER'));
CREATE POLICY odcm_import ON project FOR UPDATE
  USING (odcm_may(space_id, 'IMPORTER') AND (source_space_id IS NOT NULL OR NOT EXISTS (SELECT FROM release r WHERE r.project_id = project.id)))
  WITH CHECK (odcm_may(space_id, 'IMPORTER') AND source_space_id IS NOT NULL);
CREATE POLICY odcm_scopes ON project FOR UPDATE
  USING (EXISTS (SELECT FROM remote_environment re WHERE re.space_id = project.space_id AND odcm_may_change_space(re.owner_space_id)))
  WITH CHECK (EXISTS (SELECT FROM remote_environment re WHERE re.space_id = project.space_id AND odcm_may_change_space(re.owner_space_id)));

-- Whoever writes a project only through odcm_scopes (no release manager, administrator or importer role in its space)
-- changes its scopes and nothing else: every column as it was but the process and variables, and those equal once each
-- step's and variable's "scope" is set aside (Documents.renameInProcess/renameInVariables) — no script of another space's
-- project rewritten by renaming one's own space.
CREATE FUNCTION odcm_unscoped(document TEXT) RETURNS jsonb LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
  SELECT COALESCE(jsonb_agg(e.value - 'scope' ORDER BY e.ordinality), '[]'::jsonb) FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS e
$$;
CREATE FUNCTION odcm_scopes_only() RETURNS trigger LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF public.odcm_may(OLD.space_id, 'RELEASE_MANAGER') OR public.odcm_may(OLD.space_id, 'ADMINISTRATOR')
     OR public.odcm_may(OLD.space_id, 'IMPORTER') THEN
    RETURN NEW;
  END IF;
  IF (NEW.id, NEW.space_id, NEW.name, NEW.name_key, NEW.description, NEW.lifecycle_id, NEW.templates_json, NEW.created_at,
      NEW.source_space_id) IS DISTINCT FROM (OLD.id, OLD.space_id, OLD.name, OLD.name_key, OLD.description, OLD.lifecycle_id,
      OLD.templates_json, OLD.created_at, OLD.source_space_id)
     OR public.odcm_unscoped(NEW.process_json) IS DISTINCT FROM public.odcm_unscoped(OLD.process_json)
     OR public.odcm_unscoped(NEW.variables_json) IS DISTINCT FROM public.odcm_unscoped(OLD.variables_json) THEN
    RAISE EXCEPTION 'ODCM_SCOPES_ONLY: % may change only the scopes of project %, which names a renamed space''s environments',
      session_user, OLD.name USING ERRCODE = '42501';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER trg_project_scopes_only BEFORE UPDATE ON project FOR EACH ROW EXECUTE FUNCTION odcm_scopes_only();

ALTER TABLE project_channel ENABLE ROW LEVEL SECURITY;
CREATE POLICY odcm_read ON project_channel FOR SELECT USING (true);
CREATE POLICY odcm_write ON project_channel FOR ALL
  USING (EXISTS (SELECT FROM project p WHERE p.id = project_id AND (odcm_may(p.space_id, 'RELEASE_MANAGER') OR odcm_may(p.space_id, 'IMPORTER'))))
  WITH CHECK (EXISTS (SELECT FROM project p WHERE p.id = project_id AND (odcm_may(p.space_id, 'RELEASE_MANAGER') OR odcm_may(p.space_id, 'IMPORTER'))));

-- Releases: a project made here gets them from its release manager, a remote project from an import (the importer); with
-- them their seal and bundle parts (also written when a release manager promotes) and, imported, their upstream history.
ALTER TABLE release ENABLE ROW LEVEL SECURITY;
CREATE POLICY odcm_read ON release FOR SELECT USING (true);
CREATE POLICY odcm_write ON release FOR ALL
  USING (EXISTS (SELECT FROM project p WHERE p.id = project_id AND (odcm_may(p.space_id, 'RELEASE_MANAGER') AND release.source_space_id IS NULL
                                                                    OR odcm_may(p.space_id, 'IMPORTER') AND release.source_space_id IS NOT NULL)))
  WITH CHECK (EXISTS (SELECT FROM project p WHERE p.id = project_id AND (odcm_may(p.space_id, 'RELEASE_MANAGER') AND release.source_space_id IS NULL
                                                                    OR odcm_may(p.space_id, 'IMPORTER') AND release.source_space_id IS NOT NULL)));

ALTER TABLE release_seal ENABLE ROW LEVEL SECURITY;
CREATE POLICY odcm_read ON release_seal FOR SELECT USING (true);
CREATE POLICY odcm_write ON release_seal FOR ALL
  USING (EXISTS (SELECT FROM release r JOIN project p ON p.id = r.project_id WHERE r.id = release_id
                 AND (odcm_may(p.space_id, 'RELEASE_MANAGER') OR odcm_may(p.space_id, 'IMPORTER'))))
  WITH CHECK (EXISTS (SELECT FROM release r JOIN project p ON p.id = r.project_id WHERE r.id = release_id
                      AND (odcm_may(p.space_id, 'RELEASE_MANAGER') OR odcm_may(p.space_id, 'IMPORTER'))));

ALTER TABLE release_bundle_parts ENABLE ROW LEVEL SECURITY;
CREATE POLICY odcm_read ON release_bundle_parts FOR SELECT USING (true);
CREATE POLICY odcm_write ON release_bundle_parts FOR ALL
  USING (EXISTS (SELECT FROM release r JOIN project p ON p.id = r.project_id WHERE r.id = release_id
                 AND (odcm_may(p.space_id, 'RELEASE_MANAGER') OR odcm_may(p.space_id, 'IMPORTER'))))
  WITH CHECK (EXISTS (SELECT FROM release r JOIN project p ON p.id = r.project_id WHERE r.id = release_id
                      AND (odcm_may(p.space_id, 'RELEASE_MANAGER') OR odcm_may(p.space_id, 'IMPORTER'))));

ALTER TABLE release_history ENABLE ROW LEVEL SECURITY;
CREATE POLICY odcm_read ON release_history FOR SELECT USING (true);
CREATE POLICY odcm_write ON release_history FOR ALL
  USING (EXISTS (SELECT FROM release r JOIN project p ON p.id = r.project_id WHERE r.id = release_id AND odcm_may(p.space_id, 'IMPORTER')))
  WITH CHECK (EXISTS (SELECT FROM release r JOIN project p ON p.id = r.project_id WHERE r.id = release_id AND odcm_may(p.space_id, 'IMPORTER')));

-- Release manager: promotion (bundles written, their sequence numbers) and deployment receipts written.
ALTER TABLE bundle_outbox ENABLE ROW LEVEL SECURITY;
CREATE POLICY odcm_read ON bundle_outbox FOR SELECT USING (true);
CREATE POLICY odcm_write ON bundle_outbox FOR ALL USING (odcm_may(space_id, 'RELEASE_MANAGER')) WITH CHECK (odcm_may(space_id, 'RELEASE_MANAGER'));

ALTER TABLE receipt_outbox ENABLE ROW LEVEL SECURITY;
CREATE POLICY odcm_read ON receipt_outbox FOR SELECT USING (true);
CREATE POLICY odcm_write ON receipt_outbox FOR ALL USING (odcm_may(space_id, 'RELEASE_MANAGER')) WITH CHECK (odcm_may(space_id, 'RELEASE_MANAGER'));

ALTER TABLE sequence_reserved ENABLE ROW LEVEL SECURITY;
CREATE POLICY odcm_read ON sequence_reserved FOR SELECT USING (true);
CREATE POLICY odcm_write ON sequence_reserved FOR ALL USING (odcm_may(space_id, 'RELEASE_MANAGER')) WITH CHECK (odcm_may(space_id, 'RELEASE_MANAGER'));

-- Importer: bundles and receipts accepted, the deployments a receipt reports.
ALTER TABLE bundle_accepted ENABLE ROW LEVEL SECURITY;
CREATE POLICY odcm_read ON bundle_accepted FOR SELECT USING (true);
CREATE POLICY odcm_write ON bundle_accepted FOR ALL USING (odcm_may(space_id, 'IMPORTER')) WITH CHECK (odcm_may(space_id, 'IMPORTER'));

ALTER TABLE receipt_accepted ENABLE ROW LEVEL SECURITY;
CREATE POLICY odcm_read ON receipt_accepted FOR SELECT USING (true);
CREATE POLICY odcm_write ON receipt_accepted FOR ALL USING (odcm_may(space_id, 'IMPORTER')) WITH CHECK (odcm_may(space_id, 'IMPORTER'));

ALTER TABLE remote_deployment ENABLE ROW LEVEL SECURITY;
CREATE POLICY odcm_read ON remote_deployment FOR SELECT USING (true);
CREATE POLICY odcm_write ON remote_deployment FOR ALL USING (odcm_may(space_id, 'IMPORTER')) WITH CHECK (odcm_may(space_id, 'IMPORTER'));

-- Approver: approval decisions.
ALTER TABLE approval_decision ENABLE ROW LEVEL SECURITY;
CREATE POLICY odcm_read ON approval_decision FOR SELECT USING (true);
CREATE POLICY odcm_write ON approval_decision FOR ALL USING (odcm_may(space_id, 'APPROVER')) WITH CHECK (odcm_may(space_id, 'APPROVER'));

-- Deployer: a deployment to an environment of the space they deploy to (the old row for a change or removal, the new one
-- for a record or change: no moving a deployment to an environment one may not deploy to, or into another space).
ALTER TABLE deployment ENABLE ROW LEVEL SECURITY;
CREATE POLICY odcm_read ON deployment FOR SELECT USING (true);
CREATE POLICY odcm_write ON deployment FOR ALL
  USING (odcm_may(space_id, 'DEPLOYER', environment_id))
  WITH CHECK (odcm_may(space_id, 'DEPLOYER', environment_id)
              AND EXISTS (SELECT FROM environment e WHERE e.id = environment_id AND e.space_id = deployment.space_id));

-- The store's one row is written once, by whoever's console opens the new store first; on a team store its check value
-- never moves on in place (Store.sealEarlier), so only the owner changes or removes it (no member can break the store by
-- deleting it).
ALTER TABLE store_info ENABLE ROW LEVEL SECURITY;
CREATE POLICY odcm_read ON store_info FOR SELECT USING (true);
CREATE POLICY odcm_write ON store_info FOR ALL USING (odcm_owner()) WITH CHECK (odcm_owner());
CREATE POLICY odcm_make ON store_info FOR INSERT WITH CHECK (true);

-- Not here: audit_event (V18's trigger: appended to only, in one's own name), flyway_schema_history (members only read it).

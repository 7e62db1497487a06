-- People (docs/decisions/0040-people.md). On a team store a person is their database login: the audit log's os_user
-- column names the login that wrote the entry (session_user: what the server authenticated, never a name the client
-- claims; SET ROLE does not change it). A member's login may only append entries in its own name, and may not change or
-- remove an entry. The tables' owner (and whoever holds the owner's rights, a superuser among them) is exempt: it could
-- drop this trigger anyway, and `odcm store copy` writes a store's entries with their original names as that owner.
-- The console reads session_user once when it opens the store and MACs that name, so its entries verify.
CREATE INDEX IF NOT EXISTS audit_event_person ON audit_event (os_user);

-- search_path fixed to the catalog: a member whose login may create functions (the public schema of PostgreSQL before 15
-- lets everyone) cannot put a pg_has_role of their own before the catalog's.
CREATE OR REPLACE FUNCTION odcm_audit_person() RETURNS trigger LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF pg_catalog.pg_has_role(session_user, (SELECT c.relowner FROM pg_catalog.pg_class c WHERE c.oid = TG_RELID), 'USAGE') THEN
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  END IF;
  IF TG_OP <> 'INSERT' THEN
    RAISE EXCEPTION 'ODCM_AUDIT_PERSON: the audit log is only appended to; % may not change or remove an entry', session_user
      USING ERRCODE = '42501';
  END IF;
  IF NEW.os_user IS DISTINCT FROM session_user::text THEN
    RAISE EXCEPTION 'ODCM_AUDIT_PERSON: an audit entry names the login that writes it; % may not write one in the name of %',
      session_user, NEW.os_user USING ERRCODE = '42501';
  END IF;
  RETURN NEW;
END $$;

DROP TRIGGER IF EXISTS trg_audit_person ON audit_event;
CREATE TRIGGER trg_audit_person BEFORE INSERT OR UPDATE OR DELETE ON audit_event
  FOR EACH ROW EXECUTE FUNCTION odcm_audit_person();

-- People (docs/decisions/0040-people.md): the audit log's os_user column names the person who made the change. In an
-- embedded store that is this computer's user, the store's one person; on a team store, the database login (enforced
-- there by a trigger). `odcm audit list --person NAME` finds a person's entries through this index.
CREATE INDEX IF NOT EXISTS audit_event_person ON audit_event (os_user);

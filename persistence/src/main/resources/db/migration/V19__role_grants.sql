-- Roles per local space (docs/decisions/0041-roles-per-space.md): a role granted to a person or to a group (a database
-- role of the team store). environment_id is only a deployer's: null for every environment of the space. Several rows
-- per person; on a team store these rows are the rules (the embedded store's one person holds every role). Kept plain
-- so a database policy of a later slice can read them (who may act is a join on space_id, role and the login's roles).
CREATE TABLE role_grant (
  id BIGINT AUTO_INCREMENT NOT NULL PRIMARY KEY,
  space_id BIGINT NOT NULL,
  role VARCHAR(20) NOT NULL,
  environment_id BIGINT,
  grantee_kind VARCHAR(10) NOT NULL,
  grantee VARCHAR(200) NOT NULL,
  granted_at TIMESTAMP WITH TIME ZONE NOT NULL,
  granted_by VARCHAR(200) NOT NULL,
  CONSTRAINT fk_role_grant_space FOREIGN KEY (space_id) REFERENCES space (id) ON DELETE CASCADE,
  CONSTRAINT fk_role_grant_environment FOREIGN KEY (environment_id) REFERENCES environment (id) ON DELETE CASCADE,
  CONSTRAINT ck_role_grant_role CHECK (role IN ('ADMINISTRATOR', 'RELEASE_MANAGER', 'APPROVER', 'IMPORTER', 'DEPLOYER', 'VIEWER')),
  CONSTRAINT ck_role_grant_kind CHECK (grantee_kind IN ('PERSON', 'GROUP')),
  CONSTRAINT ck_role_grant_environment CHECK (environment_id IS NULL OR role = 'DEPLOYER')
);

CREATE INDEX ix_role_grant_space ON role_grant (space_id);

-- Local spaces made before roles: whoever made the store (its first audit entry) holds every role of each, as the
-- maker of a space does from now on, so a copy of this store onto a team store keeps an administrator of every space.
/* [jooq ignore start] */
INSERT INTO role_grant (space_id, role, environment_id, grantee_kind, grantee, granted_at, granted_by)
SELECT s.id, r.role, NULL, 'PERSON', (SELECT a.os_user FROM audit_event a ORDER BY a.seq LIMIT 1), CURRENT_TIMESTAMP, 'V19'
FROM space s CROSS JOIN (VALUES ('ADMINISTRATOR'), ('RELEASE_MANAGER'), ('APPROVER'), ('IMPORTER'), ('DEPLOYER')) AS r(role)
WHERE s.kind = 'LOCAL' AND EXISTS (SELECT 1 FROM audit_event);
/* [jooq ignore stop] */

-- Separation of duties per local space (docs/decisions/0043-separation-of-duties.md; issue 14, point 3).
-- duty_rule: a space's rules, one row per space that changed them from the defaults (no row: approver may be the maker,
-- 1 approval, one administrator trusts). Keyed-sealed (RowSeals); what the audit log's last space.duties entry says
-- is checked against it wherever a rule is relied on, so a row removed or put back to an earlier state is refused.
CREATE TABLE duty_rule (
  space_id BIGINT NOT NULL PRIMARY KEY,
  approver_not_maker BOOLEAN NOT NULL,
  approvals INT NOT NULL,
  two_admin_trust BOOLEAN NOT NULL,
  set_at TIMESTAMP WITH TIME ZONE NOT NULL,
  set_by VARCHAR(200) NOT NULL,
  seal VARCHAR(64),
  CONSTRAINT fk_duty_rule_space FOREIGN KEY (space_id) REFERENCES space (id) ON DELETE CASCADE,
  CONSTRAINT ck_duty_rule_approvals CHECK (approvals BETWEEN 1 AND 9)
);

-- Who made a release: the person who created it (at the source) or imported the bundle it came in (at the target).
-- A side table, as release rows are sealed (decision 0034). Keyed-sealed; one row per release, written once.
CREATE TABLE release_maker (
  release_id BIGINT NOT NULL PRIMARY KEY,
  made_by VARCHAR(200) NOT NULL,
  how VARCHAR(10) NOT NULL,
  made_at TIMESTAMP WITH TIME ZONE NOT NULL,
  seal VARCHAR(64),
  CONSTRAINT fk_release_maker_release FOREIGN KEY (release_id) REFERENCES release (id) ON DELETE CASCADE,
  CONSTRAINT ck_release_maker_how CHECK (how IN ('CREATED', 'IMPORTED'))
);

-- A trust proposed by one administrator, pinned to the trusted space's certificate fingerprint, waiting for another
-- administrator of the truster to confirm it (then the trust row is made) or to decline it; or withdrawn by its proposer.
CREATE TABLE trust_proposal (
  id BIGINT AUTO_INCREMENT NOT NULL PRIMARY KEY,
  truster_id BIGINT NOT NULL,
  trusted_id BIGINT NOT NULL,
  kind VARCHAR(30) NOT NULL,
  fingerprint VARCHAR(64) NOT NULL,
  proposed_at TIMESTAMP WITH TIME ZONE NOT NULL,
  proposed_by VARCHAR(200) NOT NULL,
  state VARCHAR(10) NOT NULL,
  decided_at TIMESTAMP WITH TIME ZONE,
  decided_by VARCHAR(200),
  trust_id BIGINT,
  seal VARCHAR(64),
  CONSTRAINT fk_trust_proposal_truster FOREIGN KEY (truster_id) REFERENCES space (id) ON DELETE CASCADE,
  CONSTRAINT fk_trust_proposal_trusted FOREIGN KEY (trusted_id) REFERENCES space (id) ON DELETE CASCADE,
  CONSTRAINT ck_trust_proposal_kind CHECK (kind IN ('RELEASE_BUNDLES', 'DEPLOYMENT_RECEIPTS')),
  CONSTRAINT ck_trust_proposal_state CHECK (state IN ('PENDING', 'CONFIRMED', 'DECLINED', 'WITHDRAWN'))
);

CREATE INDEX ix_trust_proposal_truster ON trust_proposal (truster_id, state);

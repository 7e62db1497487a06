-- A loosening of a space's separation of duties (docs/decisions/0043, "Loosening needs a second administrator"): where the
-- space's rules require two administrators for a trust, switching approver-not-maker off, asking fewer approvals or
-- switching two-admin-trust off is proposed by one administrator (the rules it would set, whole) and applied only when
-- another administrator of the space confirms it (then the rules and their space.duties entry are written); declined by
-- another, or withdrawn by its proposer. Tightening stays immediate. Keyed-sealed (RowSeals), like trust_proposal.
CREATE TABLE duty_proposal (
  id BIGINT AUTO_INCREMENT NOT NULL PRIMARY KEY,
  space_id BIGINT NOT NULL,
  approver_not_maker BOOLEAN NOT NULL,
  approvals INT NOT NULL,
  two_admin_trust BOOLEAN NOT NULL,
  proposed_at TIMESTAMP WITH TIME ZONE NOT NULL,
  proposed_by VARCHAR(200) NOT NULL,
  state VARCHAR(10) NOT NULL,
  decided_at TIMESTAMP WITH TIME ZONE,
  decided_by VARCHAR(200),
  seal VARCHAR(64),
  CONSTRAINT fk_duty_proposal_space FOREIGN KEY (space_id) REFERENCES space (id) ON DELETE CASCADE,
  CONSTRAINT ck_duty_proposal_approvals CHECK (approvals BETWEEN 1 AND 9),
  CONSTRAINT ck_duty_proposal_state CHECK (state IN ('PENDING', 'CONFIRMED', 'DECLINED', 'WITHDRAWN'))
);

CREATE INDEX ix_duty_proposal_space ON duty_proposal (space_id, state);

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

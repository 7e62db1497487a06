-- Approval of releases before their first deployment in a space (see docs/decisions/0010-release-comparison.md).
-- V5 on purpose: V3 and V4 are written in parallel; Flyway applies them in order wherever they are missing.

-- A space that requires an approved release before the release's first deployment there; a row means "required".
CREATE TABLE approval_policy (
  space_id BIGINT NOT NULL PRIMARY KEY,
  set_at TIMESTAMP WITH TIME ZONE NOT NULL,
  set_by VARCHAR(200) NOT NULL,
  CONSTRAINT fk_approval_policy_space FOREIGN KEY (space_id) REFERENCES space (id) ON DELETE CASCADE
);

-- Decisions, append-only: the latest decision of a release in a space is the one that counts.
CREATE TABLE approval_decision (
  id BIGINT AUTO_INCREMENT NOT NULL PRIMARY KEY,
  space_id BIGINT NOT NULL,
  release_id BIGINT NOT NULL,
  verdict VARCHAR(10) NOT NULL,
  comment VARCHAR(4000) NOT NULL,
  decided_at TIMESTAMP WITH TIME ZONE NOT NULL,
  decided_by VARCHAR(200) NOT NULL,
  CONSTRAINT fk_approval_decision_space FOREIGN KEY (space_id) REFERENCES space (id) ON DELETE CASCADE,
  CONSTRAINT fk_approval_decision_release FOREIGN KEY (release_id) REFERENCES release (id),
  CONSTRAINT ck_approval_decision_verdict CHECK (verdict IN ('APPROVED', 'REJECTED'))
);

CREATE INDEX ix_approval_decision_release ON approval_decision (release_id, space_id);

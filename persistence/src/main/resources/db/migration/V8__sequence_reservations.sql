-- The highest sequence number a local space (space_id) handed out for a signed file of one kind to another space
-- (to_space_id): committed before the file is signed, so a number written into a file is never handed out again, even
-- when the process dies before the file's Outbox row is committed (that number is then skipped, which the receiving side
-- accepts). See docs/decisions/0016-sequence-window-and-reserved-numbers.md.
CREATE TABLE sequence_reserved (
  kind VARCHAR(10) NOT NULL,
  space_id BIGINT NOT NULL,
  to_space_id BIGINT NOT NULL,
  last_reserved BIGINT NOT NULL,
  PRIMARY KEY (kind, space_id, to_space_id),
  CONSTRAINT fk_sequence_reserved_space FOREIGN KEY (space_id) REFERENCES space (id) ON DELETE CASCADE,
  CONSTRAINT fk_sequence_reserved_to FOREIGN KEY (to_space_id) REFERENCES space (id) ON DELETE CASCADE,
  CONSTRAINT ck_sequence_reserved_kind CHECK (kind IN ('BUNDLE', 'RECEIPT')),
  CONSTRAINT ck_sequence_reserved_sequence CHECK (last_reserved >= 1)
);

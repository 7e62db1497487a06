-- Keyed seals on the rows that record what was accepted, reserved, decided or done (docs/decisions/0039-sealed-records-and-replay-anchored-in-the-audit-log.md):
-- the signed bundles and receipts a space accepted (they stop a replay), the sequence numbers a space reserved (no number
-- handed out twice), approval decisions and deployments (they move a release along its lifecycle). The same seal as
-- V15's (odcm.persistence.RowSeals): HMAC-SHA256 under a key derived from the master key over the store's id, the table
-- and every column of the row. A row inserted or changed without the master key (the H2 file, a team member's login) is
-- refused where it is relied on; a row deleted is caught for the accepted files by the audit log (ODCM's own entry of
-- the acceptance still counts). Rows made before this migration get their seal once (Store.sealEarlierRecords).
-- IF NOT EXISTS: a store whose Flyway history was cut back by hand keeps its columns and their seals.
ALTER TABLE bundle_accepted ADD COLUMN IF NOT EXISTS seal VARCHAR(64);
ALTER TABLE receipt_accepted ADD COLUMN IF NOT EXISTS seal VARCHAR(64);
ALTER TABLE sequence_reserved ADD COLUMN IF NOT EXISTS seal VARCHAR(64);
ALTER TABLE approval_decision ADD COLUMN IF NOT EXISTS seal VARCHAR(64);
ALTER TABLE deployment ADD COLUMN IF NOT EXISTS seal VARCHAR(64);
ALTER TABLE remote_deployment ADD COLUMN IF NOT EXISTS seal VARCHAR(64);

-- Packages, second slice (issue 19; docs/decisions/0059-packages.md, section of 2026-12-05 "Removal, the dashboard, the
-- seal"): the space's package setting is keyed-sealed (RowSeals) as acceptance_policy is, so a hand edit of it in the
-- database is refused as other sealed rows are. A row set under V30 has no seal: it is refused until an administrator sets
-- the space's package settings again (both of them), which seals it.
ALTER TABLE package_policy ADD COLUMN seal VARCHAR(64);

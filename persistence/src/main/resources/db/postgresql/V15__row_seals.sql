-- Keyed seals on the rows a signature's verification rests on (docs/decisions/0038-keyed-trusts-and-certificates.md):
-- HMAC-SHA256, under a key derived from the master key, over the store's id, the table, and every column of the row
-- in table order (odcm.persistence.RowSeals). Whoever can write the store without the master key (the H2 file, a team
-- member's login) can insert or change a trust or a pinned certificate, never make its seal: such a row is refused on
-- every read with the key. Rows made before this migration get their seal once, on the first open of an embedded
-- store with the master key while its audit log is intact (Store.arrive); a team store is never sealed in place.
-- IF NOT EXISTS: a store whose Flyway history was cut back by hand below this version (as the tests of earlier
-- migrations do) keeps its columns and their seals.
ALTER TABLE trust ADD COLUMN IF NOT EXISTS seal VARCHAR(64);
ALTER TABLE certificate ADD COLUMN IF NOT EXISTS seal VARCHAR(64);

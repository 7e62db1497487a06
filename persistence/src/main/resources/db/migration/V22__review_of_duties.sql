-- Review of separation of duties by attack (docs/decisions/0043-separation-of-duties.md, "Review (2026-12-05, attacker)").
-- On a team store (db/postgresql/V22) the database keeps the approval gate of a release's first deployment and the dates
-- of decisions and deployments for every member's own login. The embedded store has one person, whom the services hold
-- to the same rules: nothing to change here; this file keeps both engines at the same schema version.
SELECT 1;

package odcm.app.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import odcm.model.project.DeploymentStep;
import odcm.model.project.Scope;
import odcm.model.release.ApprovalDecision;
import odcm.model.release.Verdict;
import odcm.model.role.Grantee;
import odcm.model.role.Role;
import odcm.packaging.cert.KeyAlgorithm;
import odcm.persistence.TestDatabases;
import org.junit.jupiter.api.Test;

/**
 * Approval gates where they matter and a rejection that binds (issue 15, points 2 and 3; decision 0046), on both engines:
 * a gate on one environment stops only deployments there; a rejection stops deployments everywhere in the space, gated or
 * not; N approvals per the space's duties; an approval records the snapshot hash and the release compared against, and a
 * new revision voids approvals of the earlier one; a store that required approval before V25 gates every environment.
 */
class ApprovalGatesTest extends BundleFixture {
    private static final String REMOTE_WEB = DEV + ": Web";

    private void deploy(String environment) {
        ctx.deployments().deploy(DEV, "Web", "1.0.0", environment, true);
    }

    private List<String> deployed() {
        return ctx.deployments().list(DEV, "Web").stream().map(d -> d.environment()).toList();
    }

    @Test
    void aGateOnTestOnlyLetsDevelopmentDeployWithoutApproval() {
        connected(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P256);
        assertTrue(ctx.approvals().setGate(DEV, "test", true));
        assertEquals("space.approval-gate", lastAudit().action());
        assertTrue(lastAudit().detail().startsWith("releases need an approval before their first deployment to Test (environment #"),
                lastAudit().detail());
        assertFalse(ctx.approvals().setGate(DEV, "Test", true), "already gated: nothing changes");
        assertEquals(new ApprovalService.Gates(false, List.of("Test"), 1), ctx.approvals().gates(DEV));
        deploy("Development");
        refused("Release 1.0.0 of Web needs an approval in DevTest Space before its first deployment to Test; it has none.", () -> deploy("Test"));
        ctx.approvals().decide(DEV, "Web", "1.0.0", Verdict.APPROVED, "looked at it");
        deploy("Test");
        assertEquals(List.of("Test", "Development"), deployed());
        refused("'DevTest Space' has no environment named 'Staging'.", () -> ctx.approvals().setGate(DEV, "Staging", true));
    }

    @Test
    void aRejectionBindsWhereNoEnvironmentIsGated() {
        connected(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P256);
        assertEquals(new ApprovalService.Gates(false, List.of(), 1), ctx.approvals().gates(DEV));
        deploy("Development");
        ApprovalDecision no = ctx.approvals().decide(DEV, "Web", "1.0.0", Verdict.REJECTED, "Timeout too long");
        String sentence = "Release 1.0.0 of Web was rejected in DevTest Space by " + no.decidedBy() + ": Timeout too long";
        refused(sentence, () -> deploy("Test"));
        refused(sentence, () -> deploy("Development")); // where it succeeded before, too
        ctx.approvals().decide(DEV, "Web", "1.0.0", Verdict.APPROVED, "fixed");
        deploy("Test");
        assertEquals(List.of("Test", "Development"), deployed());
    }

    @Test
    void aGateNeedsTheSpacesNumberOfDistinctApprovals() {
        connected(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P256);
        String me = ctx.store().person().name();
        String bob = location().onServer() ? TestDatabases.login("bob") : "bob";
        ctx.roles().grant(DEV, Role.APPROVER, null, Grantee.person(bob));
        ctx.duties().set(DEV, null, 2, null);
        ctx.approvals().setGate(DEV, "Test", true);
        assertEquals(2, ctx.approvals().gates(DEV).approvals(), "the count is the space's (decision 0043), not a second one");
        deploy("Development");
        ctx.approvals().decide(DEV, "Web", "1.0.0", Verdict.APPROVED, "one");
        ctx.approvals().decide(DEV, "Web", "1.0.0", Verdict.APPROVED, "the same person again");
        refused("Release 1.0.0 of Web has 1 of 2 approvals in DevTest Space; it needs 2 distinct approvers before its first deployment"
                + " to Test (separation of duties).", () -> deploy("Test"));
        as(bob, me).approvals().decide(DEV, "Web", "1.0.0", Verdict.APPROVED, "two");
        as(me, me);
        deploy("Test");
        assertEquals(List.of("Test", "Development"), deployed());
    }

    @Test
    void anApprovalRecordsTheSnapshotHashAndTheReleaseComparedAgainst() {
        connected(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P256);
        ctx.releases().create(DEV, "Web", "1.1.0", "second", null, webPackages("1.1.0"));
        ApprovalDecision d = ctx.approvals().decide(DEV, "Web", "1.1.0", Verdict.APPROVED, "diffed", "1.0.0");
        assertEquals("1.0.0", d.against());
        assertEquals(1, d.revision());
        long id = ctx.releases().find(DEV, "Web", "1.1.0").id();
        String column = ctx.store().read(tx -> tx.approvals().covered(id)).snapshotHash();
        assertTrue(column.matches("[0-9a-f]{64}"), column);
        assertEquals(column, d.snapshotHash(), "the hash of the snapshot approved (decision 0034)");
        assertEquals(List.of(d), ctx.approvals().decisions(DEV, "Web", "1.1.0"), "read back as recorded");
        assertTrue(lastAudit().detail().endsWith("; revision 1, snapshot " + column + ", compared against 1.0.0"), lastAudit().detail());
        assertNull(ctx.approvals().decide(DEV, "Web", "1.0.0", Verdict.APPROVED, "").against());
        refused("Release 1.1.0 is compared against another release of 'Web', not itself.",
                () -> ctx.approvals().decide(DEV, "Web", "1.1.0", Verdict.APPROVED, "", "1.1.0"));
        refused("Project 'Web' has no release 0.9.0.", () -> ctx.approvals().decide(DEV, "Web", "1.1.0", Verdict.APPROVED, "", "0.9.0"));
    }

    /** Revisions are separate release rows: an approval covers its revision's snapshot only, a rejection binds the next. */
    @Test
    void aNewRevisionVoidsEarlierApprovalsButNotARejection() {
        connected(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P256);
        prodLifecycle();
        ctx.imports().importBundle(PROD, promote(PROD, "web.odcmbundle"), null, Map.of());
        ctx.approvals().setGate(PROD, "Production", true);
        ApprovalDecision first = ctx.approvals().decide(PROD, REMOTE_WEB, "1.0.0", Verdict.APPROVED, "revision 1 is fine");
        assertTrue(ctx.imports().importBundle(PROD, odcm.app.TestBundles.revised(ctx, "1.0.0", 2, 2, List.of(new DeploymentStep("Warm up",
                "Run a script", Map.of("Script", "true"), Scope.ALL, List.of()))), null, Map.of()).imported());
        refused("Release 1.0.0 of " + REMOTE_WEB + ": the approval of revision 1 does not cover revision 2; it needs an approval of"
                + " revision 2 in Prod Space before its first deployment to Production.",
                () -> ctx.deployments().deploy(PROD, REMOTE_WEB, "1.0.0", "Production", true));
        ApprovalService.History h = ctx.approvals().history(PROD, REMOTE_WEB, "1.0.0");
        assertEquals(2, h.revision());
        assertEquals(List.of(new ApprovalService.Decided(first, true)), h.decisions());
        assertTrue(h.line(h.decisions().get(0)).endsWith(" — voided by revision 2"), h.line(h.decisions().get(0)));
        assertEquals(java.util.Optional.of("0 of 1 approvals"), ctx.approvals().tally(PROD, REMOTE_WEB, "1.0.0"));

        ctx.approvals().decide(PROD, REMOTE_WEB, "1.0.0", Verdict.REJECTED, "not this one");
        assertTrue(ctx.imports().importBundle(PROD, odcm.app.TestBundles.revised(ctx, "1.0.0", 3, 3, List.of(new DeploymentStep("Warm up",
                "Run a script", Map.of("Script", "true"), Scope.ALL, List.of()), new DeploymentStep("Cool down", "Run a script",
                Map.of("Script", "true"), Scope.ALL, List.of()))), null, Map.of()).imported());
        String by = ctx.store().person().name();
        refused("Release 1.0.0 of " + REMOTE_WEB + " was rejected in Prod Space by " + by + ": not this one (revision 2; the rejection"
                + " binds revision 3 too)", () -> ctx.deployments().deploy(PROD, REMOTE_WEB, "1.0.0", "Production", true));
        ApprovalDecision third = ctx.approvals().decide(PROD, REMOTE_WEB, "1.0.0", Verdict.APPROVED, "revision 3 is fine");
        assertEquals(3, third.revision());
        ctx.deployments().deploy(PROD, REMOTE_WEB, "1.0.0", "Production", true);
        assertFalse(ctx.approvals().history(PROD, REMOTE_WEB, "1.0.0").decisions().get(0).voided());
    }

    /**
     * On a team store the database holds the same rule (V25's trigger, replacing V22's) against the test's own member login
     * with plain SQL: a gated environment needs an approval, a rejection binds in an environment nobody gated, a deployment
     * moved by UPDATE into a gated environment is checked, and what an approval covered cannot be written with a snapshot
     * hash that is not the release's.
     */
    @Test
    void onATeamStoreTheDatabaseRefusesWhatTheGateRefuses() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(location().onServer(), "the database's own enforcement is a team store's");
        connected(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P256);
        ctx.approvals().setGate(DEV, "Test", true);
        long space = ctx.spaces().find(DEV).id();
        long release = ctx.releases().find(DEV, "Web", "1.0.0").id();
        long development = ctx.store().read(tx -> tx.environments().findByName(space, "Development").orElseThrow().id());
        long test = ctx.store().read(tx -> tx.environments().findByName(space, "Test").orElseThrow().id());
        java.util.function.LongFunction<String> deploy = env -> "INSERT INTO deployment (space_id, release_id, environment_id, outcome,"
                + " deployed_at, deployed_by) VALUES (" + space + ", " + release + ", " + env + ", 'SUCCEEDED', now(), session_user)";
        try (Connection c = StoreDigest.connect(location()); Statement st = c.createStatement()) {
            assertEquals(1, st.executeUpdate(deploy.apply(development)), "not gated: the database lets it in");
            refusedBy(c, deploy.apply(test), "needs an approval in space " + space + " before its first deployment to environment #" + test);
            refusedBy(c, "UPDATE deployment SET environment_id = " + test + " WHERE environment_id = " + development, "needs an approval");
            ctx.approvals().decide(DEV, "Web", "1.0.0", Verdict.REJECTED, "no");
            refusedBy(c, deploy.apply(development), "was rejected in space " + space);
            ApprovalDecision yes = ctx.approvals().decide(DEV, "Web", "1.0.0", Verdict.APPROVED, "yes");
            try (java.sql.ResultSet rs = st.executeQuery("INSERT INTO approval_decision (space_id, release_id, verdict, comment, decided_at,"
                    + " decided_by) VALUES (" + space + ", " + release + ", 'APPROVED', 'forged cover', now(), session_user) RETURNING id")) {
                rs.next();
                refusedBy(c, "INSERT INTO approval_cover (decision_id, space_id, snapshot_hash) VALUES (" + rs.getLong(1) + ", " + space
                        + ", '" + "0".repeat(64) + "')", "with the snapshot hash of the release decided on");
            }
            refusedBy(c, "UPDATE approval_cover SET snapshot_hash = '" + "0".repeat(64) + "' WHERE decision_id = " + yes.id(), "written once");
            assertEquals(1, st.executeUpdate(deploy.apply(test)), "approved as the console says: deployed");
        }
    }

    private static void refusedBy(Connection c, String statement, String words) {
        java.sql.SQLException e = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class, () -> {
            try (Statement st = c.createStatement()) {
                st.executeUpdate(statement);
            }
        }, statement);
        assertEquals("42501", e.getSQLState(), e.getMessage());
        assertTrue(e.getMessage().contains("ODCM_DUTY") && e.getMessage().contains(words), e.getMessage());
    }

    /**
     * A store that required approval before V25 (approval_policy's row, V5) gates every environment after the migration,
     * as it did: V25 undone by hand on a store with the flag on, then opened again.
     */
    @Test
    void anOldStoreWithTheFlagOnStillGatesEveryEnvironment() throws Exception {
        connected(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P256);
        assertTrue(ctx.approvals().setRequired(DEV, true));
        ctx.close();
        try (Connection c = sql(); Statement st = c.createStatement()) {
            TestDatabases.undoPackageSeal(st); // V31 came after V25: undone first
            TestDatabases.undoPackageStore(st); // then V30
            TestDatabases.undoTemplatesAcrossSpaces(st); // then V29
            TestDatabases.undoEnvironmentTemplates(st); // then V28
            TestDatabases.undoKeysOverTime(st); // V27 next
            TestDatabases.undoAcceptanceBeforeImport(st); // V26 came after V25: undone next
            TestDatabases.undoApprovalGates(st); // back to V23's schema, the flag's row kept
        } finally {
            if (location().onServer()) {
                odcm.persistence.Store.prepare(ownerLocation()); // migrations are the owner's
            }
        }
        ctx = opener.get();
        assertEquals(new ApprovalService.Gates(true, List.of(), 1), ctx.approvals().gates(DEV));
        refused("Release 1.0.0 of Web needs an approval in DevTest Space before its first deployment here; it has none.",
                () -> deploy("Development"));
        ctx.approvals().decide(DEV, "Web", "1.0.0", Verdict.APPROVED, "");
        deploy("Development");
        deploy("Test");
        assertEquals(List.of("Test", "Development"), deployed());
    }
}

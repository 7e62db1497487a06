package odcm.app.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import odcm.model.Refusal;
import odcm.model.audit.AuditEntry;
import odcm.packaging.cert.KeyAlgorithm;
import odcm.model.release.Verdict;
import odcm.model.trust.TrustKind;
import odcm.packaging.bundle.VerificationOutcome;
import odcm.persistence.StoreCopy;
import odcm.persistence.StoreLocation;
import odcm.persistence.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * What a space accepted, reserved, decided and did is keyed and anchored (decision 0039). Each test plays the attacker who
 * can write the store without the master key (the H2 file; a team member's login, when run on a team store) with plain
 * SQL, and shows the console neither replays nor believes what was changed: a deleted accepted row lets no bundle or
 * receipt in twice (the audit log's entry of the acceptance still counts), a forged approval or deployment is refused
 * naming it, a store from before V16 gets its rows sealed once.
 */
class SealedRecordsTest extends BundleFixture {
    private static final String NO_SEAL = " has no seal: it was not made by ODCM Console (put into the store outside it, or its seal"
            + " removed), so it is not used. Remove it, or restore the store from a backup.";
    private static final String CHANGED = " does not match its seal: it was changed outside ODCM Console, so it is not used."
            + " Restore the store from a backup.";

    /** Runs {@code statement} on the closed store as the attacker does; how many rows it changed. */
    private int plainSql(String statement) throws Exception {
        ctx.close();
        try (Connection c = sql(); Statement st = c.createStatement()) {
            return st.executeUpdate(statement);
        } finally {
            ctx = opener.get();
        }
    }

    private long id(String space) {
        return ctx.spaces().find(space).id();
    }

    private long release(String space, String project) {
        return ctx.releases().find(space, project, "1.0.0").id();
    }

    private List<AuditEntry> entries(String action) {
        return audit().stream().filter(e -> e.action().equals(action)).toList();
    }

    private static void refusedWith(String start, String end, Executable action) {
        Refusal r = assertThrows(Refusal.class, action);
        assertTrue(r.getMessage().startsWith(start) && r.getMessage().endsWith(end), r.getMessage());
    }

    @Test
    void aDeletedAcceptedBundleRowDoesNotLetTheBundleImportTwice() throws Exception {
        connected(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P256);
        prodLifecycle();
        byte[] bundle = promote(PROD, "web.odcmbundle");
        assertTrue(ctx.imports().importBundle(PROD, bundle, null, Map.of()).imported());
        assertEquals(1, plainSql("DELETE FROM bundle_accepted"));
        ImportService.Result again = ctx.imports().importBundle(PROD, bundle, null, Map.of());
        assertFalse(again.imported(), again.sentence());
        assertTrue(again.sentence().contains("was already imported into 'Prod Space' (its audit entry says so, while the store's record"
                + " of it is missing: removed outside ODCM Console); nothing was changed."), again.sentence());
        assertTrue(ctx.imports().preview(PROD, bundle).alreadyImported());
        assertEquals(1, entries("release.import").size(), "imported once");
    }

    /** The newer bundle's row deleted: an older bundle of the same source, never imported, is still a rollback. */
    @Test
    void anOlderBundleIsNotImportedAfterTheNewerOnesRowIsDeleted() throws Exception {
        connected(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P256);
        prodLifecycle();
        byte[] older = promote(PROD, "1.odcmbundle");
        byte[] newer = promote(PROD, "2.odcmbundle");
        assertTrue(ctx.imports().importBundle(PROD, newer, null, Map.of()).imported());
        assertEquals(1, plainSql("DELETE FROM bundle_accepted"));
        VerificationOutcome.Rollback r = assertInstanceOf(VerificationOutcome.Rollback.class,
                ctx.bundles().verify(PROD, file("older.odcmbundle", older)));
        assertEquals(2, r.lastAccepted());
        assertThrows(Refusal.class, () -> ctx.imports().importBundle(PROD, older, null, Map.of()));
        assertEquals(1, entries("release.import").size());
    }

    /** The row and the audit entry of the acceptance both deleted: the log no longer verifies, and nothing is imported. */
    @Test
    void anAcceptedBundleRowDeletedWithItsAuditEntryStopsEveryImport() throws Exception {
        connected(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P256);
        prodLifecycle();
        byte[] bundle = promote(PROD, "web.odcmbundle");
        ctx.imports().importBundle(PROD, bundle, null, Map.of());
        ctx.environments().create(PROD, "Later", ""); // the import's entry is not the last one
        assertEquals(1, plainSql("DELETE FROM bundle_accepted"));
        assertEquals(1, plainSql("DELETE FROM audit_event WHERE action = 'release.import'"));
        // Said by whichever check meets the broken log first: the bundle checks (0039), or the trusts' freshness (0038).
        refusedWith("The audit log ", "", () -> ctx.imports().importBundle(PROD, bundle, null, Map.of()));
        assertEquals(0, plainSql("DELETE FROM bundle_accepted"), "nothing was imported");
    }

    /**
     * 0039's open finding (decision 0044): the accepted row deleted, the log cut back to before the acceptance's entry, and
     * the head beside the key deleted. A missing head no longer lets the cut pass: the bundle is neither verified as new nor
     * imported again, and the store is refused until the head is put back or the rollback is accepted.
     */
    @Test
    void anAcceptedBundleRowAndTheLogsEndCutWithTheHeadDeletedDoNotLetTheBundleImportTwice() throws Exception {
        assumeEmbedded(); // a member of a team store cannot delete audit entries (V18)
        connected(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P256);
        prodLifecycle();
        byte[] bundle = promote(PROD, "web.odcmbundle");
        assertTrue(ctx.imports().importBundle(PROD, bundle, null, Map.of()).imported());
        long cut = entries("release.import").get(0).seq();
        ctx.close();
        try (Connection c = sql(); Statement st = c.createStatement()) {
            assertEquals(1, st.executeUpdate("DELETE FROM bundle_accepted"));
            assertTrue(st.executeUpdate("DELETE FROM audit_event WHERE seq >= " + cut) >= 1);
        }
        try (var heads = Files.list(location().keyDir())) {
            for (java.nio.file.Path head : heads.filter(p -> p.toString().endsWith(".audit-head")).toList()) {
                Files.delete(head);
            }
        }
        ctx = opener.get();
        refusedWith("The audit head file ", "", () -> ctx.bundles().verify(PROD, file("again.odcmbundle", bundle)));
        refusedWith("The audit head file ", "", () -> ctx.imports().importBundle(PROD, bundle, null, Map.of()));
        ctx.close();
        try (Connection c = sql(); Statement st = c.createStatement()) {
            assertEquals(0, st.executeUpdate("DELETE FROM bundle_accepted"), "nothing was imported");
        }
        ctx = opener.get();
    }

    /** An accepted row whose bundle id was changed would free the bundle for a second import: refused, naming it. */
    @Test
    void anAcceptedBundleRowChangedWithPlainSqlIsRefused() throws Exception {
        connected(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P256);
        prodLifecycle();
        byte[] bundle = promote(PROD, "web.odcmbundle");
        ctx.imports().importBundle(PROD, bundle, null, Map.of());
        assertEquals(1, plainSql("UPDATE bundle_accepted SET bundle_id = '" + UUID.randomUUID() + "'"));
        refusedWith("The record that 'Prod Space' accepted bundle ", "(sequence 1 from 'DevTest Space')" + CHANGED,
                () -> ctx.imports().importBundle(PROD, bundle, null, Map.of()));
    }

    @Test
    void aDeletedAcceptedReceiptRowDoesNotLetTheReceiptCountTwice() throws Exception {
        byte[] receipt = importedDeployedAndReported();
        assertEquals(1, plainSql("DELETE FROM receipt_accepted"));
        ReceiptService.Result again = ctx.receipts().importReceipt(DEV, receipt);
        assertFalse(again.accepted(), again.sentence());
        assertEquals(1, entries("receipt.import").size(), "accepted once");
    }

    /** A reported deployment changed with plain SQL (one that failed made to succeed) is refused on the dashboard. */
    @Test
    void aReportedDeploymentChangedWithPlainSqlIsRefused() throws Exception {
        importedDeployedAndReported();
        assertEquals(1, ctx.dashboards().dashboard(DEV).rows().size());
        assertEquals(1, plainSql("UPDATE remote_deployment SET deployed_by = 'mallory'"));
        refusedWith("The deployment of release #", CHANGED, () -> ctx.dashboards().dashboard(DEV));
    }


    /** An approval inserted with plain SQL where approval is required: it does not count, and the deployment says why. */
    @Test
    void aForgedApprovalDoesNotCountAndIsReported() throws Exception {
        connected(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P256);
        ctx.approvals().setRequired(DEV, true);
        refusedWith("Release 1.0.0 of Web needs an approval", "it has none.",
                () -> ctx.deployments().deploy(DEV, "Web", "1.0.0", "Development", true));
        assertEquals(1, plainSql("INSERT INTO approval_decision (space_id, release_id, verdict, comment, decided_at, decided_by) VALUES ("
                + id(DEV) + ", " + release(DEV, "Web") + ", 'APPROVED', 'fine', CURRENT_TIMESTAMP, 'mallory')"));
        String start = "The approved decision by mallory on ";
        String end = " about release 1.0.0 in 'DevTest Space' (approval decision #";
        for (Executable e : List.<Executable>of(() -> ctx.deployments().deploy(DEV, "Web", "1.0.0", "Development", true),
                () -> ctx.approvals().decisions(DEV, "Web", "1.0.0"))) {
            Refusal r = assertThrows(Refusal.class, e);
            assertTrue(r.getMessage().startsWith(start) && r.getMessage().contains(end) && r.getMessage().endsWith(NO_SEAL), r.getMessage());
        }
        assertEquals(List.of(), ctx.deployments().list(DEV, "Web"), "not deployed");
    }

    /** A rejection turned into an approval with plain SQL: refused, the deployment not made. */
    @Test
    void aRejectionChangedIntoAnApprovalIsRefused() throws Exception {
        connected(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P256);
        ctx.approvals().setRequired(DEV, true);
        ctx.approvals().decide(DEV, "Web", "1.0.0", Verdict.REJECTED, "not yet");
        assertEquals(1, plainSql("UPDATE approval_decision SET verdict = 'APPROVED'"));
        refusedWith("The approved decision by ", CHANGED, () -> ctx.deployments().deploy(DEV, "Web", "1.0.0", "Development", true));
        assertEquals(List.of(), ctx.deployments().list(DEV, "Web"));
    }

    /** A rejection deleted with plain SQL would make the earlier approval the latest: the audit log's count of decisions says no. */
    @Test
    void aDeletedRejectionDoesNotLetTheEarlierApprovalCount() throws Exception {
        connected(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P256);
        ctx.approvals().setRequired(DEV, true);
        ctx.approvals().decide(DEV, "Web", "1.0.0", Verdict.APPROVED, "");
        ctx.approvals().decide(DEV, "Web", "1.0.0", Verdict.REJECTED, "found a bug");
        assertEquals(1, plainSql("DELETE FROM approval_decision WHERE verdict = 'REJECTED'"));
        refusedWith("The audit log records 2 approval decisions on releases 1.0.0 in local space 'DevTest Space' (of Web or another project),"
                + " the store holds 1:",
                "Restore the store from a backup.", () -> ctx.deployments().deploy(DEV, "Web", "1.0.0", "Development", true));
        assertEquals(List.of(), ctx.deployments().list(DEV, "Web"));
    }

    /** A decision on an earlier revision of the release is no decision removed from a new one: the new one needs its own. */
    @Test
    void aNewRevisionNeedsItsOwnApprovalAndIsNotTakenForARemovedDecision() {
        connected(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P256);
        prodLifecycle();
        ctx.imports().importBundle(PROD, promote(PROD, "web.odcmbundle"), null, Map.of());
        ctx.approvals().setRequired(PROD, true);
        ctx.approvals().decide(PROD, DEV + ": Web", "1.0.0", Verdict.APPROVED, "");
        byte[] revised = odcm.app.TestBundles.revised(ctx, "1.0.0", 2, List.of(new odcm.model.project.DeploymentStep("Warm up",
                "Run a script", Map.of("Script", "true"), odcm.model.project.Scope.ALL, List.of())));
        assertTrue(ctx.imports().importBundle(PROD, revised, null, Map.of()).imported());
        refusedWith("Release 1.0.0 of " + DEV + ": Web: the approval of revision 1 does not cover revision 2;", "before its first deployment here.",
                () -> ctx.deployments().deploy(PROD, DEV + ": Web", "1.0.0", "Production", true));
        ctx.approvals().decide(PROD, DEV + ": Web", "1.0.0", Verdict.APPROVED, "");
        ctx.deployments().deploy(PROD, DEV + ": Web", "1.0.0", "Production", true);
    }

    /** The requirement of approval deleted with plain SQL would let releases in unapproved: the audit log's last word on it counts. */
    @Test
    void aDeletedApprovalRequirementStillHolds() throws Exception {
        connected(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P256);
        ctx.approvals().setRequired(DEV, true);
        assertEquals(1, plainSql("DELETE FROM approval_policy"));
        refusedWith("local space 'DevTest Space' requires an approval before a release's first deployment (audit entry ",
                "Require it again (odcm space require-approval), or restore the store from a backup.",
                () -> ctx.deployments().deploy(DEV, "Web", "1.0.0", "Development", true));
        assertEquals(List.of(), ctx.deployments().list(DEV, "Web"));
        assertTrue(ctx.approvals().setRequired(DEV, true), "required again, as the sentence says");
        refusedWith("Release 1.0.0 of Web needs an approval", "it has none.",
                () -> ctx.deployments().deploy(DEV, "Web", "1.0.0", "Development", true));
        ctx.approvals().setRequired(DEV, false); // the console's own word: deployments go on
        ctx.deployments().deploy(DEV, "Web", "1.0.0", "Development", true);
    }

    /**
     * The package setting (V31, decision 0059) is sealed as acceptance_policy is: changed with plain SQL it is refused wherever
     * it is read, until an administrator sets it anew (both halves); deleted, the audit log's last word on it holds; put in by
     * hand, it has no seal.
     */
    @Test
    void aPackageSettingChangedDeletedOrPutInWithPlainSqlIsRefused() throws Exception {
        connected(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P256);
        ctx.packages().setPolicy(DEV, true, null);
        assertEquals(1, plainSql("UPDATE package_policy SET require_check = FALSE"));
        String settings = "The package settings of 'DevTest Space' (set by ";
        refusedWith(settings, CHANGED, () -> ctx.deployments().deploy(DEV, "Web", "1.0.0", "Development", true));
        refusedWith(settings, CHANGED, () -> ctx.packages().overview(DEV));
        refusedWith(settings, " To set it anew, give both the package check and the store folder (odcm space set --require-package-check on|off"
                + " --package-store FOLDER, '' for the default).",
                () -> ctx.packages().setPolicy(DEV, false, null));
        ctx.packages().setPolicy(DEV, true, "");
        assertTrue(ctx.packages().overview(DEV).requireCheck(), "set anew, sealed");

        assertEquals(1, plainSql("DELETE FROM package_policy"));
        refusedWith("local space 'DevTest Space' requires every package checked before a deployment (audit entry ",
                "Set it again (odcm space set --require-package-check), or restore the store from a backup.",
                () -> ctx.deployments().deploy(DEV, "Web", "1.0.0", "Development", true));
        assertEquals(List.of(), ctx.deployments().list(DEV, "Web"));

        assertEquals(1, plainSql("INSERT INTO package_policy (space_id, require_check, set_at, set_by) VALUES (" + id(DEV)
                + ", FALSE, CURRENT_TIMESTAMP, 'mallory')"));
        refusedWith("The package settings of 'DevTest Space' (set by mallory)", NO_SEAL,
                () -> ctx.deployments().deploy(DEV, "Web", "1.0.0", "Development", true));
        assertEquals(List.of(), ctx.deployments().list(DEV, "Web"));
    }

    /**
     * The audit log names a space by its words: a space renamed leaves its old name to a new space, which does not inherit
     * the old one's requirement of approval (nor, for bundles, its last sequences).
     */
    @Test
    void aNewSpaceWithTheNameOfARenamedOneIsNotBoundByItsAuditEntries() {
        connected(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P256);
        ctx.approvals().setRequired(DEV, true);
        ctx.spaces().rename(DEV, "Old DevTest Space");
        ctx.spaces().create(DEV, "", KeyAlgorithm.EC_P256);
        ctx.environments().create(DEV, "Development", "");
        ctx.environments().create(DEV, "Test", "");
        ctx.environments().createRemote(DEV, PROD, "Production");
        ctx.lifecycles().create(DEV, mainLifecycle());
        ctx.projects().create(DEV, webProject());
        ctx.releases().create(DEV, "Web", "1.0.0", "first", null, webPackages("1.0.0"));
        ctx.deployments().deploy(DEV, "Web", "1.0.0", "Development", true);
        refusedWith("Release 1.0.0 of Web needs an approval", "it has none.",
                () -> ctx.deployments().deploy("Old DevTest Space", "Web", "1.0.0", "Development", true));
    }

    /**
     * Review (2026-12-05): a space's row is not sealed. Its creation time moved forward with plain SQL made every audit entry
     * about it older than the space, so none counted: the requirement of approval deleted with it let a release in unapproved.
     */
    @Test
    void aSpacesCreationTimeMovedForwardDoesNotFreeItsDeletedApprovalRequirement() throws Exception {
        connected(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P256);
        ctx.approvals().setRequired(DEV, true);
        assertEquals(1, plainSql("DELETE FROM approval_policy"));
        assertEquals(2, plainSql("UPDATE space SET created_at = TIMESTAMP WITH TIME ZONE '2999-01-01 00:00:00+00'"));
        refusedWith("local space 'DevTest Space' requires an approval before a release's first deployment (audit entry ",
                "Require it again (odcm space require-approval), or restore the store from a backup.",
                () -> ctx.deployments().deploy(DEV, "Web", "1.0.0", "Development", true));
        assertEquals(List.of(), ctx.deployments().list(DEV, "Web"));
    }

    /** Review (2026-12-05): the same with the creation time moved forward: an older bundle is still a rollback. */
    @Test
    void aSpacesCreationTimeMovedForwardDoesNotLetAnOlderBundleIn() throws Exception {
        connected(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P256);
        prodLifecycle();
        byte[] older = promote(PROD, "1.odcmbundle");
        byte[] newer = promote(PROD, "2.odcmbundle");
        assertTrue(ctx.imports().importBundle(PROD, newer, null, Map.of()).imported());
        assertEquals(1, plainSql("DELETE FROM bundle_accepted"));
        assertEquals(2, plainSql("UPDATE space SET created_at = TIMESTAMP WITH TIME ZONE '2999-01-01 00:00:00+00'"));
        assertInstanceOf(VerificationOutcome.Rollback.class, ctx.bundles().verify(PROD, file("older.odcmbundle", older)));
        assertThrows(Refusal.class, () -> ctx.imports().importBundle(PROD, older, null, Map.of()));
        assertEquals(1, entries("release.import").size());
    }

    /** Review (2026-12-05): a space renamed by the console keeps what the log said under its old name. */
    @Test
    void aRenamedSpaceKeepsItsDeletedApprovalRequirementAndDecisions() throws Exception {
        connected(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P256);
        ctx.approvals().setRequired(DEV, true);
        ctx.approvals().decide(DEV, "Web", "1.0.0", Verdict.APPROVED, "");
        ctx.approvals().decide(DEV, "Web", "1.0.0", Verdict.REJECTED, "found a bug");
        ctx.spaces().rename(DEV, "Renamed Space");
        assertEquals(1, plainSql("DELETE FROM approval_decision WHERE verdict = 'REJECTED'"));
        refusedWith("The audit log records 2 approval decisions on releases 1.0.0 in local space 'Renamed Space' (of Web or another project),"
                + " the store holds 1:",
                "Restore the store from a backup.", () -> ctx.deployments().deploy("Renamed Space", "Web", "1.0.0", "Development", true));
        assertEquals(1, plainSql("DELETE FROM approval_policy"));
        refusedWith("local space 'Renamed Space' requires an approval before a release's first deployment (audit entry ",
                "Require it again (odcm space require-approval), or restore the store from a backup.",
                () -> ctx.deployments().deploy("Renamed Space", "Web", "1.0.0", "Development", true));
        assertEquals(List.of(), ctx.deployments().list("Renamed Space", "Web"));
    }

    /**
     * Review (2026-12-05): a space renamed with plain SQL escapes none of its audit entries: refused, naming the log's name.
     * Here only its case (the same name key, so it is still found by its old name and nothing else looks changed).
     */
    @Test
    void aSpaceRenamedWithPlainSqlIsRefusedAtTheGate() throws Exception {
        connected(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P256);
        ctx.approvals().setRequired(DEV, true);
        assertEquals(1, plainSql("DELETE FROM approval_policy"));
        assertEquals(1, plainSql("UPDATE space SET name = 'DEVTEST SPACE' WHERE name = 'DevTest Space'"));
        refusedWith("The name of local space 'DEVTEST SPACE' is not the one the audit log gives it ('DevTest Space', audit entry ",
                "so nothing is deployed there until it is renamed back, or the store is restored from a backup.",
                () -> ctx.deployments().deploy(DEV, "Web", "1.0.0", "Development", true));
        assertEquals(List.of(), ctx.deployments().list(DEV, "Web"));
    }

    /**
     * Review (2026-12-05): the audit log names a release by its project's name, which is not sealed and may be renamed: a
     * deleted rejection is still caught after the project is renamed, by the console or (here only its case) with plain SQL.
     */
    @Test
    void aDeletedRejectionIsCaughtAfterTheProjectIsRenamed() throws Exception {
        connected(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P256);
        ctx.approvals().setRequired(DEV, true);
        ctx.approvals().decide(DEV, "Web", "1.0.0", Verdict.APPROVED, "");
        ctx.approvals().decide(DEV, "Web", "1.0.0", Verdict.REJECTED, "found a bug");
        assertEquals(1, plainSql("DELETE FROM approval_decision WHERE verdict = 'REJECTED'"));
        assertEquals(1, plainSql("UPDATE project SET name = 'WEB' WHERE name = 'Web'"));
        refusedWith("The audit log records 2 approval decisions on releases 1.0.0 in local space 'DevTest Space'", "Restore the store from a backup.",
                () -> ctx.deployments().deploy(DEV, "Web", "1.0.0", "Development", true));
        assertEquals(List.of(), ctx.deployments().list(DEV, "Web"));
    }

    /**
     * Without the master key (a member's console that has none; the key file moved away) the seals cannot be checked, as for
     * releases and trusts (0034, 0038): a forged deployment reads, but nothing acts on it, since no deployment, import or
     * decision can be made without the key.
     */
    @Test
    void withoutTheMasterKeyAForgedDeploymentLeadsToNoAction() throws Exception {
        connected(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P256);
        prodLifecycle();
        byte[] bundle = promote(PROD, "web.odcmbundle");
        assertEquals(1, plainSql("INSERT INTO deployment (space_id, release_id, environment_id, outcome, deployed_at, deployed_by) SELECT "
                + id(DEV) + ", " + release(DEV, "Web") + ", id, 'SUCCEEDED', CURRENT_TIMESTAMP, 'mallory' FROM environment WHERE name = 'Development'"));
        java.nio.file.Path key = ctx.store().masterKeyFile();
        ctx.close();
        Files.move(key, tmp.resolve("elsewhere.key"));
        try {
            ctx = opener.get();
            // Development and Test before the promotion (decision 0045), and the forged one.
            assertEquals(3, ctx.deployments().list(DEV, "Web").size(), "read, unchecked, as releases are without the key");
            for (Executable e : List.<Executable>of(() -> ctx.deployments().deploy(DEV, "Web", "1.0.0", "Test", true),
                    () -> ctx.imports().importBundle(PROD, bundle, null, Map.of()),
                    () -> ctx.approvals().decide(DEV, "Web", "1.0.0", Verdict.APPROVED, ""))) {
                Refusal r = assertThrows(Refusal.class, e);
                assertTrue(r.getMessage().contains("master key"), r.getMessage());
            }
            assertEquals(3, ctx.deployments().list(DEV, "Web").size(), "nothing deployed");
        } finally {
            ctx.close();
            Files.move(tmp.resolve("elsewhere.key"), key);
            ctx = opener.get();
        }
    }

    /** A deployment inserted, or a failed one made to succeed, with plain SQL does not move the release along its lifecycle. */
    @Test
    void aForgedOrChangedDeploymentDoesNotMoveTheLifecycle() throws Exception {
        connected(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P256);
        refusedWith("", "", () -> ctx.deployments().deploy(DEV, "Web", "1.0.0", "Test", true)); // Development first
        assertEquals(1, plainSql("INSERT INTO deployment (space_id, release_id, environment_id, outcome, deployed_at, deployed_by) SELECT "
                + id(DEV) + ", " + release(DEV, "Web") + ", id, 'SUCCEEDED', CURRENT_TIMESTAMP, 'mallory' FROM environment WHERE name = 'Development'"));
        for (Executable e : List.<Executable>of(() -> ctx.deployments().deploy(DEV, "Web", "1.0.0", "Test", true),
                () -> ctx.dashboards().dashboard(DEV), () -> ctx.deployments().list(DEV, "Web"))) {
            refusedWith("The deployment of release 1.0.0 to 'Development' (succeeded ", NO_SEAL, e);
        }
        Refusal r = assertThrows(Refusal.class, () -> ctx.dashboards().dashboard(DEV));
        assertTrue(r.getMessage().contains(" by mallory, deployment #"), r.getMessage());

        assertEquals(1, plainSql("DELETE FROM deployment"));
        ctx.deployments().deploy(DEV, "Web", "1.0.0", "Development", false);
        assertEquals(1, plainSql("UPDATE deployment SET outcome = 'SUCCEEDED'"));
        refusedWith("The deployment of release 1.0.0 to 'Development' (succeeded ", CHANGED,
                () -> ctx.deployments().deploy(DEV, "Web", "1.0.0", "Test", true));
    }

    /** A sender's reservation of sequence numbers lowered with plain SQL would hand a number out twice: refused. */
    @Test
    void aLoweredSequenceReservationIsRefused() throws Exception {
        connected(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P256);
        promote(PROD, "1.odcmbundle");
        promote(PROD, "2.odcmbundle");
        assertEquals(1, plainSql("UPDATE sequence_reserved SET last_reserved = 1"));
        plainSql("DELETE FROM bundle_outbox WHERE sequence = 2");
        refusedWith("The reservation of bundle sequence numbers up to 1 by 'DevTest Space' for 'Prod Space'", CHANGED,
                () -> promote(PROD, "3.odcmbundle"));
    }

    /**
     * A store from before V16 (its records without seals, the master-key check v3) opened with the key: every record sealed
     * once, audited, the check moved to v4 and the marker written; everything reads and works as before, and nothing is
     * sealed again. On a team store: refused until sealed through a store file, as 0038 does for trusts.
     */
    @Test
    void recordsMadeBeforeV16AreSealedOnceWithTheKey() throws Exception {
        byte[] receipt = importedDeployedAndReported();
        ctx.approvals().decide(DEV, "Web", "1.0.0", Verdict.APPROVED, "");
        ctx.deployments().deploy(DEV, "Web", "1.0.0", "Development", true);
        String storeId = ctx.store().storeId();
        asVersion15(storeId);
        if (location().onServer()) {
            Refusal r = assertThrows(Refusal.class, () -> ctx.dashboards().dashboard(DEV));
            assertTrue(r.getMessage().contains("This team store was made before what it accepted, reserved, approved and deployed was"
                    + " sealed (decision 0039)"), r.getMessage());
            assertEquals(0, entries("store.records-sealed").size());
            StoreLocation file = new StoreLocation(tmp.resolve("file"), location().keyDir());
            StoreCopy.copy(ctx.store(), file);
            ctx.close();
            StoreLocation back = new StoreLocation(tmp.resolve("back"), location().keyDir(), TestDatabases.fresh());
            try (AppContext sealed = AppContext.open(file)) {
                StoreCopy.copy(sealed.store(), back);
            }
            opener = () -> AppContext.open(back);
            ctx = opener.get();
        } else {
            assertTrue(Files.exists(location().keyDir().resolve(storeId + ".records-sealed")));
        }
        List<AuditEntry> sealings = entries("store.records-sealed");
        assertEquals(1, sealings.size());
        // With the deployments to Development and Test before the promotion (decision 0045): two more than before.
        assertEquals("10 records (accepted bundles and receipts, reserved sequences, approvals and deployments) made before they were"
                + " sealed got their seal under the master key; the audit log was verified intact first", sealings.get(0).detail());
        assertEquals(4, ctx.deployments().list(DEV, "Web").size() + ctx.deployments().list(PROD, DEV + ": Web").size());
        assertEquals(1, ctx.approvals().decisions(DEV, "Web", "1.0.0").size());
        assertFalse(ctx.receipts().importReceipt(DEV, receipt).accepted(), "still accepted before");
        ctx.dashboards().dashboard(DEV);
        ctx.close();
        ctx = opener.get();
        assertEquals(1, entries("store.records-sealed").size(), "sealed once only");
    }

    /** Puts the test's store back as version 15 left it: V16's columns gone, not in Flyway's history, the check v3. */
    private void asVersion15(String storeId) throws Exception {
        ctx.close();
        try (Connection c = sql(); Statement st = c.createStatement()) {
            TestDatabases.undoLooseningProposals(st); // V23 (loosening proposals, 0043) undone before all, made again
            TestDatabases.undoReviewOfDuties(st); // V22 (the duties' review, 0043) undone before all, made again
            TestDatabases.undoRolesEnforced(st); // V20 (0042) undone first, made again as it was
            for (String t : List.of("bundle_accepted", "receipt_accepted", "sequence_reserved", "approval_decision", "deployment",
                    "remote_deployment")) {
                st.executeUpdate("ALTER TABLE " + t + " DROP COLUMN seal");
            }
            // The migrations after V16 undone first and made again as they were: V19's grants (0041), V18's index/trigger (0040).
            TestDatabases.undoSeparationOfDuties(st); // V21 (0043)
            st.executeUpdate("DROP TABLE IF EXISTS role_grant");
            st.executeUpdate("DELETE FROM \"flyway_schema_history\" WHERE \"version\" IN ('18', '19')");
            assertEquals(1, st.executeUpdate("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '16'"));
            var vault = new odcm.persistence.keys.AesGcmKeyVault(odcm.persistence.keys.MasterKeyFile.read(location().keyDir()
                    .resolve(storeId + ".key")).orElseThrow());
            byte[] v3 = vault.seal(new odcm.model.Secret("ODCM master key check v3: releases, trusts and certificates sealed"
                    .getBytes(StandardCharsets.US_ASCII)), "master-key-check:" + storeId);
            vault.wipe();
            try (var update = c.prepareStatement("UPDATE store_info SET master_key_check = ?")) {
                update.setBytes(1, v3);
                assertEquals(1, update.executeUpdate());
            }
        } finally {
            if (location().onServer()) {
                odcm.persistence.Store.prepare(ownerLocation()); // migrations are the owner's
            }
            ctx = opener.get();
        }
    }
}

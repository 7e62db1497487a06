package odcm.app.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import odcm.model.Refusal;
import odcm.model.compare.Change;
import odcm.model.release.ImportAcceptance;
import odcm.model.role.Grantee;
import odcm.model.role.Role;
import odcm.packaging.cert.KeyAlgorithm;
import odcm.persistence.TestDatabases;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Acceptance before import (issue 15, point 4; decision 0047), on both engines: a space that requires it deploys an imported
 * release only once an approver accepted it, after reviewing its changes against the previous import of its project; a
 * decline keeps it undeployable; the importer does not accept their own import where the space separates duties. On a team
 * store the database refuses a member's plain-SQL deployment of an unaccepted import too.
 */
class AcceptanceServiceTest extends BundleFixture {
    private static final String WEB = DEV + ": Web";
    private String me;
    private String bob;

    @BeforeEach
    void importedIntoProd() {
        connected(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P256);
        prodLifecycle();
        me = ctx.store().person().name();
        bob = location().onServer() ? TestDatabases.login("bob") : "bob";
    }

    private void importWeb(String version, String file) {
        throughTheEarlierPhases(version); // promotion follows the lifecycle (decision 0045)
        ctx.imports().importBundle(PROD, ctx.bundles().create(DEV, "Web", version, PROD, out(file), 30, false).bytes(), null, Map.of());
    }

    private String awaits(String version) {
        return "Release " + version + " of " + WEB + " was imported by " + me + " and awaits acceptance in " + PROD + "; an approver accepts"
                + " it after reviewing its changes (odcm import accept \"" + PROD + "\" \"" + WEB + "\" " + version + ").";
    }

    private void deploy(String version) {
        ctx.deployments().deploy(PROD, WEB, version, "Production", true);
    }

    @Test
    void offByDefaultSoAnImportDeploysAsBefore() {
        importWeb("1.0.0", "web.odcmbundle");
        assertFalse(ctx.acceptances().isRequired(PROD));
        assertEquals(List.of(), ctx.acceptances().pending(PROD));
        deploy("1.0.0");
        assertEquals(1, ctx.deployments().list(PROD, WEB).size());
    }

    @Test
    void requiredAnUnacceptedImportIsRefusedWithOneSentenceAndNothingIsDeployed() {
        assertTrue(ctx.acceptances().setRequired(PROD, true));
        assertEquals("space.require-acceptance", lastAudit().action());
        assertFalse(ctx.acceptances().setRequired(PROD, true), "already required: nothing changed");
        importWeb("1.0.0", "web.odcmbundle");
        assertEquals(List.of("Release 1.0.0 of '" + WEB + "' imported by " + me + " awaits acceptance."),
                ctx.acceptances().pending(PROD).stream().map(AcceptanceService.Pending::sentence).toList());
        refused(awaits("1.0.0"), () -> deploy("1.0.0"));
        assertEquals(List.of(), ctx.deployments().list(PROD, WEB));
        assertTrue(ctx.acceptances().review(PROD, WEB, "1.0.0").awaiting());
    }

    @Test
    void anAcceptanceRecordsWhoWhenTheCommentTheReleaseAndItsSnapshotHashThenItDeploys() {
        ctx.acceptances().setRequired(PROD, true);
        importWeb("1.0.0", "web.odcmbundle");
        ImportAcceptance a = ctx.acceptances().accept(PROD, WEB, "1.0.0", "reviewed: first cut");
        long release = ctx.releases().find(PROD, WEB, "1.0.0").id();
        String hash = ctx.store().read(tx -> tx.acceptances().snapshotHash(release));
        assertEquals(List.of(ImportAcceptance.Verdict.ACCEPTED, me, "reviewed: first cut", release, hash),
                List.of(a.verdict(), a.decidedBy(), a.comment(), a.releaseId(), a.snapshotHash()));
        assertEquals(64, hash.length());
        assertNull(a.comparedWith(), "the first import is compared with nothing");
        assertEquals("import.accept", lastAudit().action());
        assertTrue(lastAudit().detail().contains(hash), lastAudit().detail());
        refused("Release 1.0.0 of '" + WEB + "' was already accepted in '" + PROD + "' by " + me + " on " + a.decidedAt() + "; nothing was changed.",
                () -> ctx.acceptances().accept(PROD, WEB, "1.0.0", "again"));
        assertEquals(List.of(), ctx.acceptances().pending(PROD));
        deploy("1.0.0");
        assertEquals(1, ctx.deployments().list(PROD, WEB).size());
    }

    @Test
    void aDeclineNeedsAReasonAndKeepsTheImportUndeployableUntilAccepted() {
        ctx.acceptances().setRequired(PROD, true);
        importWeb("1.0.0", "web.odcmbundle");
        refused("Say why the import is declined: declining needs a reason (--comment).", () -> ctx.acceptances().decline(PROD, WEB, "1.0.0", " "));
        ctx.acceptances().decline(PROD, WEB, "1.0.0", "the smoke test is missing its URL");
        assertEquals("import.decline", lastAudit().action());
        refused("Release 1.0.0 of " + WEB + " was declined in " + PROD + " by " + me + ": the smoke test is missing its URL; it is deployed"
                + " there only once an approver accepts it (odcm import accept).", () -> deploy("1.0.0"));
        assertEquals(1, ctx.acceptances().pending(PROD).size(), "a declined import is still not accepted");
        ctx.acceptances().accept(PROD, WEB, "1.0.0", "fixed at the source's side");
        deploy("1.0.0");
    }

    @Test
    void theImporterDoesNotAcceptTheirOwnImportWhereTheSpaceSeparatesDuties() {
        ctx.acceptances().setRequired(PROD, true);
        ctx.duties().set(PROD, true, null, null);
        ctx.roles().grant(PROD, Role.APPROVER, null, Grantee.person(bob));
        importWeb("1.0.0", "web.odcmbundle");
        String own = me + " imported release 1.0.0 of " + WEB + ", so another approver must accept it (separation of duties in '" + PROD + "').";
        assertEquals(Optional.of(own), ctx.acceptances().acceptRefusal(PROD, WEB, "1.0.0"));
        refused(own, () -> ctx.acceptances().accept(PROD, WEB, "1.0.0", "mine"));
        ImportAcceptance a = as(bob, me).acceptances().accept(PROD, WEB, "1.0.0", "looked at it");
        assertEquals(bob, a.decidedBy());
        as(me, me);
        deploy("1.0.0");
    }

    @Test
    void aNonImportedReleaseIsNotAcceptedAndNeedsNoAcceptance() {
        ctx.acceptances().setRequired(DEV, true);
        refused("Release 1.0.0 of 'Web' was made in '" + DEV + "', not imported; only an imported release is accepted (a release made here is"
                + " approved: odcm release approve).", () -> ctx.acceptances().accept(DEV, "Web", "1.0.0", ""));
        ctx.deployments().deploy(DEV, "Web", "1.0.0", "Development", true);
    }

    @Test
    void theFirstImportIsComparedWithNothingAndTheSecondWithTheFirst() {
        ctx.acceptances().setRequired(PROD, true);
        importWeb("1.0.0", "web.odcmbundle");
        AcceptanceService.Review first = ctx.acceptances().review(PROD, WEB, "1.0.0");
        assertTrue(first.firstImport());
        assertEquals("First import of '" + WEB + "' here, everything is new.", first.against());
        assertFalse(first.diff().changes().isEmpty());
        assertTrue(first.diff().changes().stream().allMatch(e -> e.change() == Change.ADDED), "everything is new");
        ctx.acceptances().accept(PROD, WEB, "1.0.0", "");

        ctx.releases().create(DEV, "Web", "1.1.0", "second", null, webPackages("1.1.0"));
        importWeb("1.1.0", "web-1.1.0.odcmbundle");
        refused(awaits("1.1.0"), () -> deploy("1.1.0"));
        AcceptanceService.Review second = ctx.acceptances().review(PROD, WEB, "1.1.0");
        assertEquals("1.0.0", second.previousVersion());
        assertEquals("Compared with 1.0.0, the previous import of '" + WEB + "'.", second.against());
        assertEquals(List.of(Change.CHANGED), second.diff().changes().stream().map(e -> e.change()).distinct().toList());
        assertTrue(second.diff().changes().stream().anyMatch(e -> e.name().equals("Acme.Web")), second.diff().summary());
        ImportAcceptance a = ctx.acceptances().accept(PROD, WEB, "1.1.0", "package bump");
        assertEquals(ctx.releases().find(PROD, WEB, "1.0.0").id(), a.comparedWith());
        deploy("1.0.0");
        deploy("1.1.0");
    }

    @Test
    void aRequirementRemovedOutsideTheConsoleIsRefusedRatherThanReadAsOff() throws Exception {
        ctx.acceptances().setRequired(PROD, true);
        importWeb("1.0.0", "web.odcmbundle");
        ctx.close();
        try (Connection c = sql(); Statement st = c.createStatement()) {
            assertEquals(1, st.executeUpdate("DELETE FROM acceptance_policy"));
        }
        open();
        Refusal r = assertThrows(Refusal.class, () -> deploy("1.0.0"));
        assertTrue(r.getMessage().contains("requires an imported release to be accepted before deployment (audit entry "), r.getMessage());
        assertEquals(List.of(), ctx.deployments().list(PROD, WEB));
    }

    /** An acceptance put into the store by hand (without the master key, so without its seal) lets nothing in: refused (0039). */
    @Test
    void anAcceptancePutInByHandIsRefusedNotCounted() throws Exception {
        ctx.acceptances().setRequired(PROD, true);
        importWeb("1.0.0", "web.odcmbundle");
        long space = ctx.spaces().list().stream().filter(x -> x.name().equals(PROD)).findFirst().orElseThrow().id();
        long release = ctx.releases().find(PROD, WEB, "1.0.0").id();
        String hash = ctx.store().read(tx -> tx.acceptances().snapshotHash(release));
        ctx.close();
        try (Connection c = sql(); Statement st = c.createStatement()) {
            assertEquals(1, st.executeUpdate("INSERT INTO import_acceptance (space_id, release_id, verdict, comment, snapshot_hash, decided_at,"
                    + " decided_by) VALUES (" + space + ", " + release + ", 'ACCEPTED', 'by hand', '" + hash + "', CURRENT_TIMESTAMP, 'mallory')"));
        }
        open();
        Refusal r = assertThrows(Refusal.class, () -> deploy("1.0.0"));
        assertTrue(r.getMessage().startsWith("The accepted decision by mallory on imported release #" + release), r.getMessage());
        assertEquals(List.of(), ctx.deployments().list(PROD, WEB));
    }

    /** The team store holds the rule for a member's own login (V26): plain SQL deploys no unaccepted import, accepts none as another. */
    @Test
    void onATeamStoreTheDatabaseRefusesADeploymentOfAnUnacceptedImport() throws Exception {
        Assumptions.assumeTrue(location().onServer(), "the database's own enforcement is a team store's");
        ctx.acceptances().setRequired(PROD, true);
        ctx.duties().set(PROD, true, null, null);
        importWeb("1.0.0", "web.odcmbundle");
        long space = ctx.spaces().list().stream().filter(x -> x.name().equals(PROD)).findFirst().orElseThrow().id();
        long release = ctx.releases().find(PROD, WEB, "1.0.0").id();
        String hash = ctx.store().read(tx -> tx.acceptances().snapshotHash(release));
        long environment = Long.parseLong(one("SELECT min(id) FROM environment WHERE space_id = " + space + " AND name = 'Production'"));
        String deploy = "INSERT INTO deployment (space_id, release_id, environment_id, outcome, deployed_at, deployed_by) VALUES ("
                + space + ", " + release + ", " + environment + ", 'SUCCEEDED', now(), session_user)";
        String accept = "INSERT INTO import_acceptance (space_id, release_id, verdict, comment, snapshot_hash, decided_at, decided_by) VALUES ("
                + space + ", " + release + ", 'ACCEPTED', 'sql', ";
        ctx.close();
        try (Connection c = location().server().connect()) {
            refusedBy(c, deploy, "awaits acceptance");
            refusedBy(c, accept + "'" + hash + "', now(), session_user)", "another approver must accept it");
            refusedBy(c, accept + "'" + "0".repeat(64) + "', now(), 'someone')", "in the name of");
            refusedBy(c, accept.replace("'ACCEPTED'", "'DECLINED'") + "'" + hash + "', now() + interval '1 day', session_user)", "ahead of");
            refusedBy(c, accept.replace("'ACCEPTED'", "'DECLINED'") + "'" + "0".repeat(64) + "', now(), session_user)", "is not imported or its snapshot");
        }
        open();
        ctx.roles().grant(PROD, Role.APPROVER, null, Grantee.person(bob));
        as(bob, me).acceptances().decline(PROD, WEB, "1.0.0", "not yet");
        as(me, me);
        ctx.close();
        try (Connection c = location().server().connect()) {
            refusedBy(c, deploy, "was declined");
            refusedBy(c, "DELETE FROM import_acceptance", "are kept");
            refusedBy(c, "UPDATE import_acceptance SET verdict = 'ACCEPTED'", "written once");
        }
        as(bob, me).acceptances().accept(PROD, WEB, "1.0.0", "now");
        as(me, me);
        deploy("1.0.0");
    }

    private String one(String query) throws SQLException {
        try (Connection c = sql(); Statement st = c.createStatement(); java.sql.ResultSet rs = st.executeQuery(query)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void refusedBy(Connection c, String statement, String words) {
        SQLException e = assertThrows(SQLException.class, () -> {
            try (Statement st = c.createStatement()) {
                st.executeUpdate(statement);
            }
        }, statement);
        assertEquals("42501", e.getSQLState(), e.getMessage());
        assertTrue(e.getMessage().contains("ODCM_DUTY") && e.getMessage().contains(words), e.getMessage());
    }
}

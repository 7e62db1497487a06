package odcm.app.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import odcm.model.release.Verdict;
import odcm.model.role.Grantee;
import odcm.model.role.Role;
import odcm.model.role.RoleGrant;
import odcm.model.trust.TrustKind;
import odcm.persistence.ServerAddress;
import odcm.persistence.Store;
import odcm.persistence.StoreLocation;
import odcm.persistence.TeamMembers;
import odcm.persistence.TestDatabases;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Roles per local space (issue 14, point 2; decision 0041), on both engines: per role a change permitted and one refused
 * with the sentence naming the missing role (nothing written, no audit entry), the last administrator kept, grants to
 * groups, every grant and revocation audited.
 *
 * <p>Another person: see {@link #as}. The person who made the organisation ({@link #me}) is the one opening the store with the OS user's name.
 */
class RoleServiceTest extends ServiceFixture {
    private String me;
    /** Another person: "bob" on H2 (a store opened under another name); on a team store a login of his own, let in. */
    private String bob;

    @BeforeEach
    void organisationWithARelease() {
        organisation();
        me = ctx.store().person().name();
        bob = location().onServer() ? TestDatabases.login("bob") : "bob";
        ctx.lifecycles().create(DEV, mainLifecycle());
        ctx.projects().create(DEV, webProject());
        ctx.releases().create(DEV, "Web", "1.0.0", "", null, webPackages("1.0.0"));
    }

    /**
     * The store opened as {@code person} instead: on H2 under that name (only the OS user holds every role there); on a
     * team store as the person's own login, let into the store by its owner ({@link #me}) first.
     */
    private AppContext as(String person) {
        return as(person, me);
    }

    private void grant(String person, Role role, String environment) {
        String was = ctx.store().person().name();
        as(me).roles().grant(DEV, role, environment, Grantee.person(person));
        as(was);
    }

    @Test
    void theMakerOfASpaceHoldsEveryRoleThatChangesAndItIsAudited() {
        List<RoleGrant> grants = ctx.roles().list(DEV);
        assertEquals(List.of(Role.ADMINISTRATOR, Role.RELEASE_MANAGER, Role.APPROVER, Role.IMPORTER, Role.DEPLOYER),
                grants.stream().map(RoleGrant::role).sorted().toList());
        assertTrue(grants.stream().allMatch(g -> g.grantee().equals(Grantee.person(me)) && g.environment() == null), grants.toString());
        RoleGrant g = ctx.roles().grant(DEV, Role.VIEWER, null, Grantee.person("carol"));
        assertEquals("role.grant", lastAudit().action());
        assertEquals("carol is viewer of 'DevTest Space'", lastAudit().detail());
        ctx.roles().revoke(DEV, Role.VIEWER, null, Grantee.person("carol"));
        assertEquals("role.revoke", lastAudit().action());
        assertFalse(ctx.roles().list(DEV).contains(g));
    }

    @Test
    void administrator_refusedThenPermittedToTrust() {
        local(QA);
        as(bob);
        refused(bob + " may not trust a space in 'QA Space': that needs the administrator role of 'QA Space'.",
                () -> ctx.trusts().add(QA, DEV, TrustKind.RELEASE_BUNDLES));
        refused(bob + " may not grant or revoke roles in 'QA Space': that needs the administrator role of 'QA Space'.",
                () -> ctx.roles().grant(QA, Role.ADMINISTRATOR, null, Grantee.person(bob)));
        refused(bob + " may not add or change a remote space: that needs the administrator role of a local space.",
                () -> remote("Other Space"));
        grant(bob, Role.ADMINISTRATOR, null); // of DevTest Space: not of QA Space
        refused(bob + " may not trust a space in 'QA Space': that needs the administrator role of 'QA Space'.",
                () -> ctx.trusts().add(QA, DEV, TrustKind.RELEASE_BUNDLES));
        assertEquals(bob, ctx.trusts().add(DEV, QA, TrustKind.RELEASE_BUNDLES).createdBy());
        remote("Other Space"); // an administrator of any local space looks after remote spaces
    }

    /**
     * Review (2026-12-05): the administrator role of "a local space" is free (anyone may make a local space and holds every
     * role of it), so it does not let bob swap the certificate of, or remove, a remote space that another space trusts.
     */
    @Test
    void aSpaceOfOnesOwnGivesNoRightOverARemoteSpaceThatAnotherSpaceTrusts() {
        ctx.trusts().add(DEV, PROD, TrustKind.DEPLOYMENT_RECEIPTS);
        as(bob);
        local("Bob Space"); // needs no role; bob holds every role of it
        byte[] der = odcm.packaging.cert.Certificates.generate(PROD, odcm.packaging.cert.KeyAlgorithm.EC_P256, java.time.Instant.now()).certificateDer();
        String fingerprint = odcm.packaging.cert.Certificates.fingerprint(der).hex();
        String sentence = bob + " may not add or change a remote space in 'DevTest Space': that needs the administrator role of 'DevTest Space'.";
        refused(sentence, () -> ctx.remotes().replaceCertificate(PROD, der, fingerprint));
        refused(sentence, () -> ctx.remotes().remove(PROD));
        remote("Bob Remote"); // a remote space no local space trusts yet: any local space's administrator, as before
        grant(bob, Role.ADMINISTRATOR, null); // of DevTest Space, which trusts Prod Space
        ctx.remotes().replaceCertificate(PROD, der, fingerprint);
        assertEquals("remote.replace-cert", lastAudit().action());
    }

    /**
     * Review (2026-12-05): accepting an audit rollback takes the older store's trusts and certificates as they were, so it
     * is for the administrators of every local space, not for bob, who holds no role there (a space of his own included).
     */
    @Test
    void anAuditRollbackIsAcceptedOnlyByTheAdministratorsOfEveryLocalSpace() throws Exception {
        assumeEmbedded();
        java.nio.file.Path db = location().storeDir().resolve("odcm.mv.db");
        ctx.close();
        java.nio.file.Files.copy(db, tmp.resolve("old.mv.db"));
        open();
        ctx.trusts().add(DEV, PROD, TrustKind.DEPLOYMENT_RECEIPTS);
        ctx.close();
        java.nio.file.Files.copy(tmp.resolve("old.mv.db"), db, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        ctx = new AppContext(Store.open(location(), Clock.systemUTC(), "bob"));
        long entries = ctx.audit().lastSeq();
        odcm.model.Refusal r = org.junit.jupiter.api.Assertions.assertThrows(odcm.model.Refusal.class,
                () -> ctx.audit().acceptRollback("bob says the older file is right"));
        assertEquals("bob may not accept an audit rollback (the older store's trusts and certificates with it) in 'DevTest Space': that"
                + " needs the administrator role of 'DevTest Space'.", r.getMessage());
        assertEquals(entries, ctx.audit().lastSeq(), "nothing recorded");
        assertEquals("audit.rollback-accepted", as(me).audit().acceptRollback("restored the older file on purpose").action());
    }

    @Test
    void releaseManager_refusedThenPermittedToChangeProjectsAndReleases() {
        as(bob);
        refused(bob + " may not change projects in 'DevTest Space': that needs the release manager role of 'DevTest Space'.",
                () -> ctx.projects().delete(DEV, "Web"));
        refused(bob + " may not create a release in 'DevTest Space': that needs the release manager role of 'DevTest Space'.",
                () -> ctx.releases().create(DEV, "Web", "1.0.1", "", null, webPackages("1.0.1")));
        grant(bob, Role.RELEASE_MANAGER, null);
        assertEquals("1.0.1", ctx.releases().create(DEV, "Web", "1.0.1", "", null, webPackages("1.0.1")).version());
        refused(bob + " may not change the environments in 'DevTest Space': that needs the administrator role of 'DevTest Space'.",
                () -> ctx.environments().create(DEV, "Staging", ""));
    }

    @Test
    void approver_refusedThenPermittedToApprove() {
        as(bob);
        refused(bob + " may not approve or reject a release in 'DevTest Space': that needs the approver role of 'DevTest Space'.",
                () -> ctx.approvals().decide(DEV, "Web", "1.0.0", Verdict.APPROVED, "fine"));
        grant(bob, Role.APPROVER, null);
        assertEquals(bob, ctx.approvals().decide(DEV, "Web", "1.0.0", Verdict.APPROVED, "fine").decidedBy());
    }

    @Test
    void deployer_heldPerEnvironment() {
        grant(bob, Role.DEPLOYER, "Test");
        as(bob);
        refused(bob + " may not record a deployment in 'DevTest Space': that needs the deployer role of 'DevTest Space' for 'Development'.",
                () -> ctx.deployments().deploy(DEV, "Web", "1.0.0", "Development", true));
        grant(bob, Role.DEPLOYER, "Development");
        assertEquals(bob, ctx.deployments().deploy(DEV, "Web", "1.0.0", "Development", true).deployedBy());
    }

    @Test
    void importer_theRoleIsCheckedBeforeTheBundleIsRead() {
        byte[] notABundle = "not a bundle".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        as(bob);
        refused(bob + " may not import a release bundle in 'DevTest Space': that needs the importer role of 'DevTest Space'.",
                () -> ctx.imports().importBundle(DEV, notABundle, "Main", Map.of()));
        grant(bob, Role.IMPORTER, null);
        // Permitted now: what stops the import is the file itself, no longer the role.
        String said = org.junit.jupiter.api.Assertions.assertThrows(odcm.model.Refusal.class,
                () -> ctx.imports().importBundle(DEV, notABundle, "Main", Map.of())).getMessage();
        assertFalse(said.contains("importer role"), said);
    }

    @Test
    void viewer_readsButChangesNothing() {
        grant(bob, Role.VIEWER, null);
        as(bob);
        assertEquals(1, ctx.releases().list(DEV, "Web").size());
        refused(bob + " may not change the space in 'DevTest Space': that needs the administrator role of 'DevTest Space'.",
                () -> ctx.spaces().describe(DEV, "bob's words"));
    }

    @Test
    void theLastAdministratorIsKept() {
        String last = me + " is the last administrator of 'DevTest Space', who is kept: grant the administrator role to another person first.";
        refused(last, () -> ctx.roles().revoke(DEV, Role.ADMINISTRATOR, null, Grantee.person(me)));
        // A group may have nobody in it: it never stands alone as the administrator.
        ctx.roles().grant(DEV, Role.ADMINISTRATOR, null, Grantee.group("ops"));
        refused(last, () -> ctx.roles().revoke(DEV, Role.ADMINISTRATOR, null, Grantee.person(me)));
        ctx.roles().grant(DEV, Role.ADMINISTRATOR, null, Grantee.person(bob));
        ctx.roles().revoke(DEV, Role.ADMINISTRATOR, null, Grantee.person(me));
        as(bob);
        refused(bob + " is the last administrator of 'DevTest Space', who is kept: grant the administrator role to another person first.",
                () -> ctx.roles().revoke(DEV, Role.ADMINISTRATOR, null, Grantee.person(bob)));
        ctx.roles().revoke(DEV, Role.ADMINISTRATOR, null, Grantee.group("ops")); // a group's grant goes freely
    }

    /** On a team store another administrator counts only if they can sign in: a grant to a name that is no login does not. */
    @Test
    void aPersonWhoCannotSignInIsNoOtherAdministrator() {
        org.junit.jupiter.api.Assumptions.assumeTrue(location().onServer(), "an embedded store's people are not the server's logins");
        ctx.roles().grant(DEV, Role.ADMINISTRATOR, null, Grantee.person("nobody_signs_in_as_this"));
        refused(me + " is the last administrator of 'DevTest Space', who is kept: grant the administrator role to another person first.",
                () -> ctx.roles().revoke(DEV, Role.ADMINISTRATOR, null, Grantee.person(me)));
        ctx.roles().grant(DEV, Role.ADMINISTRATOR, null, Grantee.person(bob)); // a login: now the revocation goes through
        ctx.roles().revoke(DEV, Role.ADMINISTRATOR, null, Grantee.person(me));
    }

    @Test
    void grantsToAGroupAreListedAndCheckedLikeAnyOther() {
        RoleGrant g = ctx.roles().grant(DEV, Role.DEPLOYER, "Test", Grantee.group("ops"));
        assertEquals("the group 'ops' is deployer of 'DevTest Space' for 'Test'", g.sentence());
        assertTrue(ctx.roles().list(null).contains(g));
        refused("the group 'ops' is deployer of 'DevTest Space' for 'Test' already (granted " + g.grantedAt() + " by " + me + ").",
                () -> ctx.roles().grant(DEV, Role.DEPLOYER, "test", Grantee.group("ops")));
        refused("Only the deployer role is held per environment; the approver role is held in the whole space.",
                () -> ctx.roles().grant(DEV, Role.APPROVER, "Test", Grantee.group("ops")));
        refused("'DevTest Space' has no environment 'Nowhere'.", () -> ctx.roles().grant(DEV, Role.DEPLOYER, "Nowhere", Grantee.group("ops")));
        refused("'Prod Space' is a remote space: roles are held in local spaces, and a remote space is looked after by the administrators"
                + " of this store's local spaces.", () -> ctx.roles().grant(PROD, Role.VIEWER, null, Grantee.group("ops")));
        refused("the group 'ops' holds no grant of deployer of 'DevTest Space' for every environment, so there is nothing to revoke.",
                () -> ctx.roles().revoke(DEV, Role.DEPLOYER, null, Grantee.group("ops")));
        ctx.roles().revoke(DEV, Role.DEPLOYER, "Test", Grantee.group("ops"));
        assertFalse(ctx.roles().list(DEV).stream().anyMatch(x -> x.grantee().group()));
    }

    /**
     * V19 on a store made before roles: every local space gets every role that changes, held on H2 by whoever made the
     * store (its first audit entry), on a team store by the team's group (the role that owns the database); remote
     * spaces get none.
     */
    @Test
    void spacesMadeBeforeRolesGetTheirRolesAtTheUpgrade() throws Exception {
        ctx.close();
        String owner;
        try (java.sql.Connection c = sql(); java.sql.Statement st = c.createStatement()) {
            TestDatabases.undoLooseningProposals(st); // V23 (loosening proposals, 0043) undone before all, made again
            TestDatabases.undoReviewOfDuties(st); // V22 (the duties' review, 0043) undone before all, made again
            TestDatabases.undoSeparationOfDuties(st); // V21 (0043), made again
            TestDatabases.undoRolesEnforced(st); // V20 (0042), resting on V19, undone first and made again
            st.executeUpdate("DROP TABLE role_grant");
            st.executeUpdate("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '19'");
            owner = location().onServer() ? jooq(c).fetchValue("SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()")
                    .toString() : null;
        }
        if (location().onServer()) {
            Store.prepare(ownerLocation()); // migrations are the owner's
        }
        open();
        Grantee expected = location().onServer() ? Grantee.group(owner) : Grantee.person(me);
        List<RoleGrant> grants = ctx.roles().list(null);
        assertEquals(List.of(Role.ADMINISTRATOR, Role.RELEASE_MANAGER, Role.APPROVER, Role.IMPORTER, Role.DEPLOYER),
                grants.stream().map(RoleGrant::role).toList(), grants.toString());
        assertTrue(grants.stream().allMatch(g -> g.spaceName().equals(DEV) && g.grantee().equals(expected) && g.grantedBy().equals("V19")),
                grants.toString());
    }
}

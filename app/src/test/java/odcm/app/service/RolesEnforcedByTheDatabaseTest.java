package odcm.app.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import odcm.model.Refusal;
import odcm.model.release.Verdict;
import odcm.model.role.Grantee;
import odcm.model.role.Role;
import odcm.model.trust.TrustKind;
import odcm.packaging.cert.Certificates;
import odcm.packaging.cert.KeyAlgorithm;
import odcm.persistence.Store;
import odcm.persistence.StoreLocation;
import odcm.persistence.TeamMembers;
import odcm.persistence.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Roles enforced by the team store's database (decision 0042, issue 14 point 4): a member signing in under their own login
 * with plain SQL — as with psql — cannot do what their roles forbid, and each rule still lets through the one who holds
 * the role; and a member holding the roles does everything through the services. Team store only (the embedded store
 * has one person, who holds every role): skipped on H2.
 *
 * <p>The service tests' own person on a team store sets things up through the services: an admitted member, never the
 * owner of the tables, whom PostgreSQL exempts from the policies ({@link ServiceFixture#ownerLocation}). bob and alice are
 * logins of their own ({@code TestDatabases.as}), let in by the owner ({@code TeamMembers.admit}): members of the store's
 * group only.
 */
class RolesEnforcedByTheDatabaseTest extends BundleFixture {
    private static final String DENIED = "42501";
    /** Where the services connect: the owner's address until a test acts as a member. */
    private StoreLocation acting;
    private String bob;
    private Connection bobSql;

    @Override
    StoreLocation location() {
        return acting != null ? acting : super.location();
    }

    @BeforeEach
    void teamStoreOnly() {
        org.junit.jupiter.api.Assumptions.assumeTrue(TestDatabases.onTeamStore(), "the database's own enforcement is a team store's");
        bob = TestDatabases.login("bob");
    }

    @AfterEach
    void closeBob() throws SQLException {
        if (bobSql != null) {
            bobSql.close();
        }
    }

    /** {@code person}'s login let into the store by its owner; where they connect, with the store's key folder. */
    private StoreLocation member(String person) {
        StoreLocation owner = ownerLocation();
        if (ctx != null) {
            ctx.close();
        }
        var signedIn = TestDatabases.as(owner.server(), person); // the login made first
        try (Store s = Store.open(owner, Clock.systemUTC(), System.getProperty("user.name"))) {
            TeamMembers.admit(s, TestDatabases.login(person));
        }
        ctx = null;
        return new StoreLocation(owner.storeDir(), owner.keyDir(), signedIn);
    }

    /** The organisation (DevTest promoting Web 1.0.0 to Prod, both local, Prod trusting DevTest), bob let in. */
    private void organisationAndBob() throws SQLException {
        connected(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P256);
        prodLifecycle();
        StoreLocation b = member("bob");
        bobSql = b.server().connect();
        bobSql.setAutoCommit(true);
        open();
    }

    private void grantBob(String space, Role role, String environment) {
        ctx.roles().grant(space, role, environment, Grantee.person(bob));
    }

    /** The database refuses {@code sql} as bob for want of a right, and so changes nothing. */
    private void refused(String sql, Object... args) {
        SQLException e = assertThrows(SQLException.class, () -> run(sql, args), sql);
        assertEquals(DENIED, e.getSQLState(), e.getMessage());
    }

    /** bob's statement: its count of rows changed. */
    private int run(String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = bobSql.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        }
    }

    /** One number, read by the owner (who sees every row, as every member may). */
    private long owner(String sql) throws SQLException {
        try (Connection c = ownerLocation().server().connect(); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            assertTrue(rs.next(), sql);
            return rs.getLong(1);
        }
    }

    private long space(String name) throws SQLException {
        return owner("SELECT id FROM space WHERE name = '" + name + "'");
    }

    private long environment(String space, String name) throws SQLException {
        return owner("SELECT e.id FROM environment e JOIN space s ON s.id = e.space_id WHERE s.name = '" + space + "' AND e.name = '" + name + "'");
    }

    private long release() throws SQLException {
        return owner("SELECT r.id FROM release r JOIN project p ON p.id = r.project_id WHERE p.name = 'Web' AND r.version = '1.0.0'");
    }

    private String grantSql() {
        return "INSERT INTO role_grant (space_id, role, environment_id, grantee_kind, grantee, granted_at, granted_by)"
                + " VALUES (?, ?, NULL, ?, ?, now(), session_user)";
    }

    /** A member holding every role of the spaces they make does the whole round through the services: none is refused. */
    @Test
    void aMemberHoldingTheRolesDoesEverythingThroughTheServices() throws Exception {
        String alice = TestDatabases.login("alice");
        open().close(); // the store made by its owner
        acting = member("alice");
        ctx = null;
        importedDeployedAndReported(); // spaces made (bootstrap grants), environments, lifecycles, project, release, trusts, bundle,
                               // import (remote project, release, history), deployment, receipt written and imported
        assertEquals(alice, ctx.store().person().name());
        assertEquals(alice, ctx.roles().list(DEV).get(0).grantee().name(), "the maker's own grants");
        ctx.approvals().setRequired(PROD, true);
        assertEquals(alice, ctx.approvals().decide(PROD, DEV + ": Web", "1.0.0", Verdict.APPROVED, "fine").decidedBy());
        ctx.releases().create(DEV, "Web", "1.1.0", "second", null, webPackages("1.1.0"));
        throughTheEarlierPhases("1.1.0"); // before its promotion (decision 0045)
        assertTrue(ctx.bundles().deliver(DEV, "Web", "1.1.0", PROD, 30).imported().imported(), "connected delivery, into the remote project");
        ctx.projects().update(DEV, "Web", webProject()); // a project changed
        ctx.environments().rename(DEV, "Test", "QA"); // rewrites the project's scopes
        ctx.spaces().rename(PROD, "Production Space"); // rewrites the scopes naming its remote environments in DevTest's project
        ctx.spaces().describe(DEV, "builds");
        remote("Partner Space"); // a remote space: administrator of a local space
        ctx.trusts().add(DEV, "Partner Space", TrustKind.DEPLOYMENT_RECEIPTS);
        byte[] der = Certificates.generate("Partner Space", KeyAlgorithm.EC_P256, Instant.now()).certificateDer();
        ctx.remotes().replaceCertificate("Partner Space", der, Certificates.fingerprint(der).hex()); // trusted: DevTest's administrator
        ctx.trusts().revoke(DEV, "Partner Space", TrustKind.DEPLOYMENT_RECEIPTS, "no longer");
        ctx.remotes().remove("Partner Space"); // its revoked trust goes with it
        ctx.roles().grant(DEV, Role.DEPLOYER, "Development", Grantee.person(bob));
        ctx.roles().grant(DEV, Role.ADMINISTRATOR, null, Grantee.person(bob));
        ctx.roles().revoke(DEV, Role.DEPLOYER, "Development", Grantee.person(bob));
        ctx.roles().revoke(DEV, Role.ADMINISTRATOR, null, Grantee.person(alice)); // bob is administrator still
        local("Scratch Space");
        ctx.spaces().delete("Scratch Space"); // its grants go with it, the last administrator's among them
        assertFalse(ctx.spaces().list().stream().anyMatch(s -> s.name().equals("Scratch Space")));
        try (Connection c = acting.server().connect(); ResultSet rs = c.createStatement().executeQuery("SELECT odcm_owner()")) {
            assertTrue(rs.next());
            assertFalse(rs.getBoolean(1), "alice holds no rights of the tables' owner: the policies applied to all of the above");
        }
    }

    @Test
    void grantingOneselfARoleNeedsTheAdministratorRole() throws Exception {
        organisationAndBob();
        long dev = space(DEV);
        refused(grantSql(), dev, "ADMINISTRATOR", "PERSON", bob);
        refused(grantSql(), dev, "APPROVER", "GROUP", TeamMembers.group(ownerLocation().server()));
        assertEquals(0, run("UPDATE role_grant SET grantee = ? WHERE space_id = ?", bob, dev), "no grant of another's changed");
        assertEquals(0, run("DELETE FROM role_grant WHERE space_id = ? AND role = 'VIEWER'", dev));
        assertEquals(0, owner("SELECT count(*) FROM role_grant WHERE grantee = '" + bob + "'"));

        grantBob(DEV, Role.ADMINISTRATOR, null);
        assertEquals(1, run(grantSql(), dev, "APPROVER", "PERSON", bob), "an administrator grants roles of the space");
        refused(grantSql(), space(PROD), "ADMINISTRATOR", "PERSON", bob); // not of another space
        refused("UPDATE role_grant SET space_id = ? WHERE space_id = ? AND grantee = ?", space(PROD), dev, bob); // nor moved there
    }

    /** Making a local space needs no role: its first grant is its maker's own administrator role, and nobody else's. */
    @Test
    void theFirstGrantOfASpaceBeingMadeIsItsMakersAdministratorRoleOnly() throws Exception {
        organisationAndBob();
        // A remote space needs the administrator role of a local space, which bob does not hold yet.
        refused("INSERT INTO space (kind, name, name_key, description, created_at) VALUES ('REMOTE', 'Elsewhere', 'elsewhere', '', now())");
        bobSql.setAutoCommit(false);
        run("INSERT INTO space (kind, name, name_key, description, created_at) VALUES ('LOCAL', 'Bob Space', 'bob space', '', now())");
        long made = queryAsBob("SELECT id FROM space WHERE name = 'Bob Space'");
        refused(grantSql(), made, "ADMINISTRATOR", "PERSON", "carol"); // not someone else's
        bobSql.rollback();
        run("INSERT INTO space (kind, name, name_key, description, created_at) VALUES ('LOCAL', 'Bob Space', 'bob space', '', now())");
        made = queryAsBob("SELECT id FROM space WHERE name = 'Bob Space'");
        refused(grantSql(), made, "DEPLOYER", "PERSON", bob); // nor first another role
        bobSql.rollback();
        run("INSERT INTO space (kind, name, name_key, description, created_at) VALUES ('LOCAL', 'Bob Space', 'bob space', '', now())");
        made = queryAsBob("SELECT id FROM space WHERE name = 'Bob Space'");
        assertEquals(1, run(grantSql(), made, "ADMINISTRATOR", "PERSON", bob));
        assertEquals(1, run(grantSql(), made, "DEPLOYER", "PERSON", bob), "then as its administrator");
        bobSql.commit();
        assertEquals(2, owner("SELECT count(*) FROM role_grant WHERE grantee = '" + bob + "' AND space_id = " + made));
    }

    private long queryAsBob(String sql) throws SQLException {
        try (ResultSet rs = bobSql.createStatement().executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getLong(1);
        }
    }

    @Test
    void aTrustIsAddedRevokedOrRemovedOnlyByTheTrustersAdministrators() throws Exception {
        organisationAndBob();
        long dev = space(DEV);
        long prod = space(PROD);
        String add = "INSERT INTO trust (truster_id, trusted_id, kind, created_at, created_by) VALUES (?, ?, 'DEPLOYMENT_RECEIPTS', now(), session_user)";
        refused(add, dev, prod);
        assertEquals(0, run("UPDATE trust SET revoked_at = now(), revoked_by = session_user WHERE truster_id = ?", prod));
        assertEquals(0, run("DELETE FROM trust WHERE truster_id = ?", prod));
        assertEquals(1, owner("SELECT count(*) FROM trust WHERE truster_id = " + prod + " AND revoked_at IS NULL"), "Prod's trust stands");

        grantBob(DEV, Role.ADMINISTRATOR, null);
        assertEquals(1, run(add, dev, prod), "DevTest's administrator trusts for DevTest");
        assertEquals(0, run("UPDATE trust SET revoked_at = now(), revoked_by = session_user WHERE truster_id = ?", prod), "not for Prod");
        refused("UPDATE trust SET truster_id = ? WHERE truster_id = ?", prod, dev); // nor a trust of DevTest's made Prod's
    }

    /** Keys over time (V27): a certificate's window and a former key are written only by the space's administrators. */
    @Test
    void aCertificateWindowAndAFormerKeyNeedTheAdministratorRole() throws Exception {
        organisationAndBob();
        ctx.keys().rotate(PROD, 7, null, tmp.resolve("prod.odcmkeys"), false); // Prod's window and former key, made by the owner
        long dev = space(DEV);
        long prod = space(PROD);
        long devCert = owner("SELECT id FROM certificate WHERE space_id = " + dev);
        long prodCert = owner("SELECT min(id) FROM certificate WHERE space_id = " + prod);
        String window = "INSERT INTO certificate_window (certificate_id, space_id, compromised_from) VALUES (?, ?, now())";
        String key = "INSERT INTO former_space_key (certificate_id, space_id, algorithm, sealed_private_key) VALUES (?, ?, 'EC_P256', ?)";
        byte[] sealed = {1, 2, 3};
        refused(window, devCert, dev);
        refused(key, devCert, dev, sealed);
        assertEquals(0, run("UPDATE certificate_window SET compromised_from = now() WHERE space_id = ?", prod));
        assertEquals(0, run("DELETE FROM former_space_key WHERE space_id = ?", prod));

        grantBob(DEV, Role.ADMINISTRATOR, null);
        assertEquals(1, run(window, devCert, dev), "DevTest's administrator for DevTest");
        assertEquals(1, run(key, devCert, dev, sealed));
        refused(window, prodCert, dev); // not another space's certificate under DevTest's name
        assertEquals(0, run("UPDATE certificate_window SET compromised_from = now() WHERE space_id = ?", prod), "not for Prod");
        assertEquals(0, run("DELETE FROM former_space_key WHERE space_id = ?", prod));
        assertEquals(1, owner("SELECT count(*) FROM former_space_key WHERE space_id = " + prod + " AND certificate_id = " + prodCert),
                "Prod's former key stands");
    }

    @Test
    void environmentsAndTheApprovalRuleNeedTheAdministratorRole() throws Exception {
        organisationAndBob();
        long dev = space(DEV);
        String add = "INSERT INTO environment (space_id, name, name_key, description, created_at) VALUES (?, 'Staging', 'staging', '', now())";
        refused(add, dev);
        assertEquals(0, run("UPDATE environment SET name = 'Dev' WHERE space_id = ?", dev));
        refused("INSERT INTO approval_policy (space_id, set_at, set_by) VALUES (?, now(), session_user)", dev);

        grantBob(DEV, Role.ADMINISTRATOR, null);
        assertEquals(1, run(add, dev));
        assertEquals(1, run("INSERT INTO approval_policy (space_id, set_at, set_by) VALUES (?, now(), session_user)", dev));
        refused("UPDATE environment SET space_id = ? WHERE space_id = ? AND name = 'Staging'", space(PROD), dev); // not into Prod
    }

    @Test
    void projectsLifecyclesAndReleasesNeedTheReleaseManagerRole() throws Exception {
        organisationAndBob();
        long dev = space(DEV);
        long project = owner("SELECT id FROM project WHERE name = 'Web'");
        String release = "INSERT INTO release (project_id, version, version_key, notes, channel, created_at, snapshot_json, snapshot_hash)"
                + " VALUES (?, '6.6.6', '6.6.6', '', 'Default', now(), '{}', '" + "0".repeat(64) + "')";
        String lifecycle = "INSERT INTO lifecycle (space_id, name, name_key, description, is_default, created_at) VALUES (?, 'Fast', 'fast', '', false, now())";
        assertEquals(0, run("UPDATE project SET description = 'mine' WHERE id = ?", project));
        assertEquals(0, run("DELETE FROM project_channel WHERE project_id = ?", project));
        refused(release, project);
        refused(lifecycle, dev);
        assertEquals(0, run("DELETE FROM phase"));

        grantBob(DEV, Role.RELEASE_MANAGER, null);
        assertEquals(1, run("UPDATE project SET description = 'mine' WHERE id = ?", project));
        assertEquals(1, run(lifecycle, dev));
        refused(lifecycle, space(PROD)); // not in another space
        refused("UPDATE project SET space_id = ? WHERE id = ?", space(PROD), project);
    }

    /**
     * Renaming a space rewrites the scopes naming its environments in other spaces' projects (SpaceService.rename): whoever
     * may rename Prod may change those scopes in DevTest's project, and nothing else of it — not a script.
     */
    @Test
    void whoMayRenameASpaceChangesOnlyTheScopesNamingItInAnotherSpacesProject() throws Exception {
        organisationAndBob();
        grantBob(PROD, Role.ADMINISTRATOR, null); // none of DevTest's roles
        // Through the console: bob renames Prod; DevTest's project follows, though bob holds no role of DevTest.
        ctx.close();
        acting = new StoreLocation(ownerLocation().storeDir(), ownerLocation().keyDir(), TestDatabases.as(ownerLocation().server(), "bob"));
        open();
        ctx.spaces().rename(PROD, "Production Space");
        assertTrue(ctx.projects().find(DEV, "Web").process().stream().anyMatch(st -> st.scope().environments().contains("Production Space: Production")));

        // With plain SQL: the scopes, and nothing else.
        String renamed = "replace(%s, 'Production Space: Production', 'Prod: Production')";
        assertEquals(1, run("UPDATE project SET process_json = " + renamed.formatted("process_json") + ", variables_json = "
                + renamed.formatted("variables_json") + ", version = version + 1 WHERE name = 'Web'"));
        refused("UPDATE project SET process_json = replace(process_json, 'curl -f', 'curl -k') WHERE name = 'Web'");
        refused("UPDATE project SET description = 'mine' WHERE name = 'Web'");
        refused("UPDATE project SET process_json = replace(process_json, 'Prod: Production', 'Prod: Production'), templates_json = '[]' WHERE name = 'Web'");
        try (Connection c = ownerLocation().server().connect();
             ResultSet rs = c.createStatement().executeQuery("SELECT process_json FROM project WHERE name = 'Web'")) {
            assertTrue(rs.next());
            assertTrue(rs.getString(1).contains("curl -f") && rs.getString(1).contains("Prod: Production"), rs.getString(1));
        }
    }

    @Test
    void anApprovalDecisionNeedsTheApproverRole() throws Exception {
        organisationAndBob();
        String decide = "INSERT INTO approval_decision (space_id, release_id, verdict, comment, decided_at, decided_by)"
                + " VALUES (?, ?, 'APPROVED', '', now(), session_user)";
        refused(decide, space(DEV), release());
        grantBob(DEV, Role.APPROVER, null);
        assertEquals(1, run(decide, space(DEV), release()));
        refused(decide, space(PROD), release());
    }

    /**
     * Separation of duties (V21, decision 0043) rests on rows of its own: a space's rules and its trust proposals are its
     * administrators' to write, who made a release its release manager's (or importer's). Row-level security refuses bob
     * each of them without the role, though the duty triggers would let a row in his own name pass.
     */
    @Test
    void theRowsOfSeparationOfDutiesNeedTheirRoles() throws Exception {
        organisationAndBob();
        long dev = space(DEV);
        String rules = "INSERT INTO duty_rule (space_id, approver_not_maker, approvals, two_admin_trust, set_at, set_by)"
                + " VALUES (?, false, 1, false, now(), session_user)";
        refusedByPolicy(rules, dev);
        refusedByPolicy("INSERT INTO trust_proposal (truster_id, trusted_id, kind, fingerprint, proposed_at, proposed_by, state)"
                + " VALUES (?, ?, 'RELEASE_BUNDLES', 'ab', now(), session_user, 'PENDING')", dev, space(PROD));
        long release = release();
        try (Connection c = ownerLocation().server().connect(); PreparedStatement ps = c.prepareStatement("DELETE FROM release_maker WHERE release_id = ?")) {
            ps.setLong(1, release);
            assertEquals(1, ps.executeUpdate(), "the owner takes the maker away, so that bob may try to write it");
        }
        String maker = "INSERT INTO release_maker (release_id, made_by, how, made_at) VALUES (?, session_user, 'CREATED', now())";
        refusedByPolicy(maker, release);
        assertEquals(0, owner("SELECT count(*) FROM duty_rule WHERE space_id = " + dev) + owner("SELECT count(*) FROM trust_proposal")
                + owner("SELECT count(*) FROM release_maker WHERE release_id = " + release), "nothing was written");

        grantBob(DEV, Role.ADMINISTRATOR, null);
        assertEquals(1, run(rules, dev));
        grantBob(DEV, Role.RELEASE_MANAGER, null);
        assertEquals(1, run(maker, release));
    }

    /** Refused by a row-level policy (not by a duty trigger, which says ODCM_DUTY): SQL state 42501. */
    private void refusedByPolicy(String sql, Object... args) {
        SQLException e = assertThrows(SQLException.class, () -> run(sql, args), sql);
        assertEquals(DENIED, e.getSQLState(), e.getMessage());
        assertTrue(e.getMessage().contains("row-level security"), e.getMessage());
    }

    /** A deployer of one environment: a deployment there, not to another, not moved to another, not into another space. */
    @Test
    void aDeploymentNeedsTheDeployerRoleOfItsEnvironment() throws Exception {
        organisationAndBob();
        long dev = space(DEV);
        String deploy = "INSERT INTO deployment (space_id, release_id, environment_id, outcome, deployed_at, deployed_by)"
                + " VALUES (?, ?, ?, 'SUCCEEDED', now(), session_user)";
        refused(deploy, dev, release(), environment(DEV, "Development"));

        grantBob(DEV, Role.DEPLOYER, "Development");
        refused(deploy, dev, release(), environment(DEV, "Test"));
        assertEquals(1, run(deploy, dev, release(), environment(DEV, "Development")));
        refused("UPDATE deployment SET environment_id = ? WHERE deployed_by = ?", environment(DEV, "Test"), bob);
        assertEquals(0, owner("SELECT count(*) FROM deployment WHERE environment_id = " + environment(DEV, "Test")));

        grantBob(DEV, Role.DEPLOYER, null); // every environment of DevTest, none of Prod's
        refused(deploy, dev, release(), environment(PROD, "Production"));
        refused(deploy, space(PROD), release(), environment(PROD, "Production"));
    }

    /**
     * Review of issue 18 (M1): a deployer's deployment may provision and de-provision a template's instance, but over plain SQL
     * a deployer neither renames nor moves one, nor deletes one, nor makes a de-provisioned one or one of another space's template.
     */
    @Test
    void aDeployerProvisionsAnInstanceButChangesNothingElseOfIt() throws Exception {
        organisationAndBob();
        ctx.templates().create(DEV, odcm.model.environment.EnvironmentTemplate.draft("Feature", "", java.util.List.of(), java.util.List.of(), java.util.List.of(),
                "#{Template.Name}-#{Space.Name}", odcm.model.environment.EnvironmentTemplate.OnExisting.SKIP, true, 0));
        ctx.templates().instantiate(DEV, "Feature", "feat", java.util.Map.of());
        long feat = environment(DEV, "feat");
        grantBob(DEV, Role.DEPLOYER, "Development");
        assertEquals(1, run("UPDATE environment SET deprovisioned_at = now(), version = version + 1 WHERE id = ?", feat), "de-provisioned as a deployment may");
        refused("UPDATE environment SET name = 'renamed', name_key = 'renamed' WHERE id = ?", feat);
        refused("UPDATE environment SET deprovisioned_at = NULL, description = 'mine' WHERE id = ?", feat);
        assertEquals(0, run("DELETE FROM environment WHERE id = ?", feat), "no row a deployer may delete");
        long template = owner("SELECT id FROM environment_template WHERE name = 'Feature'");
        String make = "INSERT INTO environment (space_id, name, name_key, description, created_at, template_id, deprovisioned_at) VALUES (?, ?, ?, '', now(), ?, ?)";
        refused(make, space(DEV), "ghost", "ghost", template, java.sql.Timestamp.from(java.time.Instant.now()));
        refused(make, space(PROD), "ghost", "ghost", template, null);
        assertEquals(1, owner("SELECT count(*) FROM environment WHERE name = 'feat'"));
        assertEquals(0, owner("SELECT count(*) FROM environment WHERE name = 'ghost' OR name = 'renamed'"));
    }

    /**
     * The import and decline paths provision as a deployment does (decision 0058), under the database's rules: an importer
     * who holds no other role imports a release that reaches the template's phase, and its instance is provisioned (recorded
     * as theirs); an approver's decline takes it back.
     */
    @Test
    void anImportersImportProvisionsTheInstanceAndAnApproversDeclineTakesItBack() throws Exception {
        connected(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P256);
        ctx.environments().create(PROD, "Production", "");
        ctx.templates().create(PROD, odcm.model.environment.EnvironmentTemplate.draft("Feature", "", java.util.List.of(), java.util.List.of(),
                java.util.List.of(), "feature-#{Release.Number}", odcm.model.environment.EnvironmentTemplate.OnExisting.SKIP, true, 0));
        ctx.lifecycles().create(PROD, new odcm.model.lifecycle.LifecycleDraft("Prod", "", true, java.util.List.of(new odcm.model.lifecycle.LifecycleDraft.PhaseDraft(
                "Production", java.util.List.of("Production"), java.util.List.of(), java.util.List.of(), odcm.model.lifecycle.ProgressionRule.ALL,
                java.util.List.of("Feature")))));
        byte[] bundle = promote(PROD, "web.odcmbundle");
        String me = ctx.store().person().name();
        String carol = TestDatabases.login("carol");
        grantBob(PROD, Role.IMPORTER, null);
        ctx.roles().grant(PROD, Role.APPROVER, null, Grantee.person(carol));

        assertTrue(as(bob, me).imports().importBundle(PROD, bundle, null, java.util.Map.of()).imported());
        as(me, me);
        assertEquals(java.util.List.of("feature-1.0.0"), ctx.templates().instances(PROD, "Feature").stream()
                .filter(odcm.model.environment.Environment::isLive).map(odcm.model.environment.Environment::name).toList());
        assertEquals(bob, ctx.templates().history(PROD, "Feature").get(0).by());

        as(carol, me).acceptances().decline(PROD, DEV + ": Web", "1.0.0", "Not this one");
        as(me, me);
        assertFalse(ctx.templates().instances(PROD, "Feature").get(0).isLive());
        assertEquals(odcm.model.environment.Provisioning.Reason.DECLINED, ctx.templates().history(PROD, "Feature").get(0).reason());
        assertEquals(carol, ctx.templates().history(PROD, "Feature").get(0).by());
    }

    /**
     * Templates across spaces (V29, decision 0058): an importer makes and updates the templates its bundles carry (naming
     * their source space), never one made here; it provisions their instances as an import does, never an instance of a
     * remote template (a placeholder, whose instances are its owner's).
     */
    @Test
    void anImporterMakesTheTemplatesABundleCarriesAndProvisionsTheirInstancesOnly() throws Exception {
        organisationAndBob();
        grantBob(DEV, Role.IMPORTER, null);
        long dev = space(DEV);
        long prod = space(PROD);
        String template = "INSERT INTO environment_template (space_id, name, name_key, description, parameters_json, provisioning_json,"
                + " deprovisioning_json, name_expression, on_existing, deprovision_when_progressed, deprovision_after_days, created_at,"
                + " source_space_id, owner_space_id) VALUES (?, ?, ?, '', '[]', '[]', '[]', 'f-#{Release.Number}', 'SKIP', TRUE, 0, now(), ?, ?)";
        assertEquals(1, run(template, dev, "Carried", "carried", prod, null), "a template a bundle from Prod carries");
        refused(template, dev, "Mine", "mine", null, null);
        refused(template, prod, "Theirs", "theirs", dev, null);
        assertEquals(1, run("UPDATE environment_template SET description = 'updated by a bundle' WHERE name = 'Carried'"));
        ctx.templates().create(DEV, odcm.model.environment.EnvironmentTemplate.draft("Local", "", java.util.List.of(), java.util.List.of(),
                java.util.List.of(), "l-#{Release.Number}", odcm.model.environment.EnvironmentTemplate.OnExisting.SKIP, true, 0));
        assertEquals(0, run("UPDATE environment_template SET description = 'changed' WHERE name = 'Local'"), "a template made here is not the importer's");
        String make = "INSERT INTO environment (space_id, name, name_key, description, created_at, template_id) VALUES (?, ?, ?, '', now(), ?)";
        long carried = owner("SELECT id FROM environment_template WHERE name = 'Carried'");
        assertEquals(1, run(make, dev, "carried-1", "carried-1", carried), "the instance an import provisions");
        // Review 18b M3: the importer changes a carried template's definition, never where it stands, whose it is, or its name.
        refused("UPDATE environment_template SET source_space_id = " + dev + " WHERE name = 'Carried'");
        refused("UPDATE environment_template SET space_id = " + prod + " WHERE name = 'Carried'");
        refused("UPDATE environment_template SET name = 'Moved', name_key = 'moved' WHERE name = 'Carried'");
        assertEquals(prod, owner("SELECT source_space_id FROM environment_template WHERE name = 'Carried'"));
        owner("UPDATE environment_template SET source_space_id = NULL, owner_space_id = " + prod + " WHERE id = " + carried + " RETURNING 1");
        refused(make, dev, "placeholder-1", "placeholder-1", carried);
        assertEquals(0, owner("SELECT count(*) FROM environment WHERE name = 'placeholder-1'"));
    }

    /**
     * Review 18b M3: an approver only de-provisions a live instance, as a decline does (recorded DEPROVISION, DECLINED); it
     * makes no instance, revives none, and writes no other provisioning record.
     */
    @Test
    void anApproverOnlyTakesAnInstanceDownAsADeclineDoes() throws Exception {
        organisationAndBob();
        grantBob(PROD, Role.APPROVER, null);
        ctx.templates().create(PROD, odcm.model.environment.EnvironmentTemplate.draft("Feature", "", java.util.List.of(), java.util.List.of(),
                java.util.List.of(), "f-#{Release.Number}", odcm.model.environment.EnvironmentTemplate.OnExisting.SKIP, true, 0));
        ctx.templates().instantiate(PROD, "Feature", "live-1", java.util.Map.of());
        ctx.templates().instantiate(PROD, "Feature", "gone-1", java.util.Map.of());
        ctx.templates().deprovision(PROD, "gone-1", false);
        long prod = space(PROD);
        long template = owner("SELECT id FROM environment_template WHERE name = 'Feature'");
        refused("INSERT INTO environment (space_id, name, name_key, description, created_at, template_id) VALUES (?, 'new-1', 'new-1', '', now(), ?)",
                prod, template);
        assertEquals(0, run("UPDATE environment SET deprovisioned_at = NULL WHERE name = 'gone-1'"), "no instance revived");
        String record = "INSERT INTO provisioning (space_id, environment_id, template_id, kind, reason, process, parameters_json, done_at, done_by)"
                + " VALUES (?, ?, ?, ?, ?, 'NONE', '{}', now(), session_user)";
        long live = environment(PROD, "live-1");
        refused(record, prod, live, template, "PROVISION", "PHASE");
        refused(record, prod, live, template, "DEPROVISION", "MANUAL");
        assertEquals(1, run("UPDATE environment SET deprovisioned_at = now() WHERE name = 'live-1'"), "a decline takes it down");
        assertEquals(1, run(record, prod, live, template, "DEPROVISION", "DECLINED"));
        assertEquals(0, owner("SELECT count(*) FROM environment WHERE name = 'new-1' OR (name = 'gone-1' AND deprovisioned_at IS NULL)"));
    }

    /**
     * Review (attacker, 0043): a role in one space writes no row of that space naming another space's release. A deployment
     * in Prod of DevTest's release (bob deployer in Prod only) would count in DevTest's eyes as the release having succeeded
     * (its approval gate passed for everyone, its lifecycle order met by an environment of the same name, its history and
     * receipts) and an approval in Prod of it as a decision on it; both refused (V22), nothing written.
     */
    @Test
    void aRowOfOneSpaceNamesNoReleaseOfAnother() throws Exception {
        organisationAndBob();
        grantBob(PROD, Role.DEPLOYER, null);
        grantBob(PROD, Role.APPROVER, null);
        long prod = space(PROD);
        refusedByDuty("INSERT INTO deployment (space_id, release_id, environment_id, outcome, deployed_at, deployed_by)"
                + " VALUES (?, ?, ?, 'SUCCEEDED', now(), session_user)", prod, release(), environment(PROD, "Production"));
        refusedByDuty("INSERT INTO approval_decision (space_id, release_id, verdict, comment, decided_at, decided_by)"
                + " VALUES (?, ?, 'APPROVED', '', now(), session_user)", prod, release());
        assertEquals(0, owner("SELECT count(*) FROM deployment WHERE release_id = " + release())
                + owner("SELECT count(*) FROM approval_decision WHERE release_id = " + release()), "nothing was written");
        assertTrue(ctx.deployments().ofRelease(DEV, "Web", "1.0.0").isEmpty(), "DevTest's release was deployed nowhere");
    }

    /** Refused by a duty trigger (V21, V22): SQL state 42501, words starting ODCM_DUTY. */
    private void refusedByDuty(String sql, Object... args) {
        SQLException e = assertThrows(SQLException.class, () -> run(sql, args), sql);
        assertEquals(DENIED, e.getSQLState(), e.getMessage());
        assertTrue(e.getMessage().contains("ODCM_DUTY"), e.getMessage());
    }

    @Test
    void whatAnImportWritesNeedsTheImporterRole() throws Exception {
        organisationAndBob();
        long prod = space(PROD);
        long dev = space(DEV);
        String accepted = "INSERT INTO bundle_accepted (space_id, bundle_id, source_space_id, source_sha256, sequence, release_id, accepted_at)"
                + " VALUES (?, ?, ?, '" + "a".repeat(64) + "', 77, ?, now())";
        String reported = "INSERT INTO remote_deployment (space_id, release_id, reporter_space_id, environment, environment_key, outcome,"
                + " deployed_at, deployed_by, reported_at) VALUES (?, ?, ?, 'Production', 'production', 'SUCCEEDED', now(), 'x', now())";
        String receipt = "INSERT INTO receipt_accepted (space_id, receipt_id, reporter_space_id, reporter_sha256, sequence, created_at, accepted_at)"
                + " VALUES (?, ?, ?, '" + "a".repeat(64) + "', 77, now(), now())";
        String project = "INSERT INTO project (space_id, name, name_key, description, lifecycle_id, process_json, variables_json,"
                + " templates_json, created_at) VALUES (?, 'Mine', 'mine', '', (SELECT id FROM lifecycle WHERE space_id = ? LIMIT 1), '[]', '[]', '[]', now())";
        refused(accepted, prod, UUID.randomUUID(), dev, release());
        refused(reported, dev, release(), prod);
        refused(receipt, dev, UUID.randomUUID(), prod);
        refused(project, prod, prod);

        grantBob(PROD, Role.IMPORTER, null);
        grantBob(DEV, Role.IMPORTER, null);
        assertEquals(1, run(accepted, prod, UUID.randomUUID(), dev, release()));
        assertEquals(1, run(reported, dev, release(), prod));
        assertEquals(1, run(receipt, dev, UUID.randomUUID(), prod));
        // An importer's project is a remote one: made, then marked with its source; never kept as one made here.
        assertEquals(1, run(project, prod, prod));
        refused("UPDATE project SET description = 'x' WHERE name = 'Mine'");
        assertEquals(1, run("UPDATE project SET source_space_id = ? WHERE name = 'Mine'", dev));
        assertEquals(0, run("UPDATE project SET description = 'x' WHERE name = 'Web'"), "DevTest's own project is not an importer's");
    }

    @Test
    void theLastPersonAdministratorIsKeptByTheDatabase() throws Exception {
        organisationAndBob();
        long dev = space(DEV);
        grantBob(DEV, Role.ADMINISTRATOR, null);
        String me = ctx.store().person().name();
        assertEquals(1, run("DELETE FROM role_grant WHERE space_id = ? AND role = 'ADMINISTRATOR' AND grantee = ?", dev, me));
        SQLException e = assertThrows(SQLException.class,
                () -> run("DELETE FROM role_grant WHERE space_id = ? AND role = 'ADMINISTRATOR' AND grantee = ?", dev, bob));
        assertEquals(DENIED, e.getSQLState());
        assertTrue(e.getMessage().contains("ODCM_LAST_ADMINISTRATOR"), e.getMessage());
        refused("UPDATE role_grant SET role = 'VIEWER' WHERE space_id = ? AND role = 'ADMINISTRATOR'", dev);
        refused("UPDATE role_grant SET grantee_kind = 'GROUP' WHERE space_id = ? AND role = 'ADMINISTRATOR'", dev);
        assertEquals(1, owner("SELECT count(*) FROM role_grant WHERE space_id = " + dev + " AND role = 'ADMINISTRATOR'"));
        // A grant to a name that is no login (review, V22) is no administrator who could sign in: bob is kept still.
        assertEquals(1, run(grantSql(), dev, "ADMINISTRATOR", "PERSON", "nobody_" + bob));
        e = assertThrows(SQLException.class,
                () -> run("DELETE FROM role_grant WHERE space_id = ? AND role = 'ADMINISTRATOR' AND grantee = ?", dev, bob));
        assertTrue(e.getMessage().contains("ODCM_LAST_ADMINISTRATOR"), e.getMessage());
        TestDatabases.as(ownerLocation().server(), "carol"); // carol's login made: a person who can sign in
        assertEquals(1, run(grantSql(), dev, "ADMINISTRATOR", "PERSON", TestDatabases.login("carol")));
        assertEquals(1, run("DELETE FROM role_grant WHERE space_id = ? AND role = 'ADMINISTRATOR' AND grantee = ?", dev, bob),
                "with another person administrator, one may go");
    }

    /** The store's own row (its id, its master-key check) is written once; no member changes or removes it, whatever roles. */
    @Test
    void theStoresOwnRowIsChangedByNoMember() throws Exception {
        organisationAndBob();
        grantBob(DEV, Role.ADMINISTRATOR, null);
        assertEquals(0, run("DELETE FROM store_info"));
        assertEquals(0, run("UPDATE store_info SET master_key_check = NULL"));
        assertEquals(1, owner("SELECT count(*) FROM store_info WHERE master_key_check IS NOT NULL"));
    }

    /**
     * A package row (V30, V31; decision 0059): a release manager adds one in their own name but removes none; an administrator
     * removes it; nobody changes it. The package setting stays the administrators'.
     */
    @Test
    void aPackageIsAddedByAReleaseManagerAndRemovedByAnAdministratorOnly() throws Exception {
        organisationAndBob();
        long dev = space(DEV);
        grantBob(DEV, Role.RELEASE_MANAGER, null);
        assertEquals(1, run("INSERT INTO package_file (space_id, package_id, package_key, version, sha256, size_bytes, added_at, added_by)"
                + " VALUES (?, 'Acme.Web', 'acme.web', '1.0.0', ?, 1, now(), session_user)", dev, "ab".repeat(32)));
        assertEquals(0, run("DELETE FROM package_file"), "a release manager removes no package");
        assertEquals(0, run("UPDATE package_file SET sha256 = ?", "cd".repeat(32)));
        refused("INSERT INTO package_policy (space_id, require_check, set_at, set_by) VALUES (?, FALSE, now(), session_user)", dev);
        grantBob(DEV, Role.ADMINISTRATOR, null);
        assertEquals(0, run("UPDATE package_file SET sha256 = ?", "cd".repeat(32)), "a package row is never changed");
        assertEquals(1, owner("SELECT count(*) FROM package_file WHERE sha256 = '" + "ab".repeat(32) + "'"));
        assertEquals(1, run("DELETE FROM package_file WHERE space_id = ?", dev), "an administrator removes it");
        assertEquals(0, owner("SELECT count(*) FROM package_file"));
    }

    /** What the database refuses reaches a person as one sentence, never as SQL: here a console whose own check is passed by. */
    @Test
    void aRefusalOfTheDatabaseIsOneSentence() throws Exception {
        organisationAndBob();
        long dev = space(DEV);
        int entries = audit().size();
        ctx.close();
        ctx = null;
        try (Store asBob = Store.open(new StoreLocation(ownerLocation().storeDir(), ownerLocation().keyDir(),
                TestDatabases.as(ownerLocation().server(), "bob")), Clock.systemUTC(), bob)) {
            Refusal r = assertThrows(Refusal.class, () -> asBob.write(tx -> tx.roles().insert(dev, Role.ADMINISTRATOR, null,
                    Grantee.person(bob), Instant.now(), bob)));
            assertEquals("The team store's database refused this change, as the roles its person holds do not permit it (perhaps one"
                    + " was revoked a moment ago): nothing was changed.", r.getMessage());
        }
        open();
        assertEquals(entries, audit().size());
        assertTrue(ctx.roles().list(DEV).stream().noneMatch(g -> g.grantee().name().equals(bob)));
        grantBob(DEV, Role.ADMINISTRATOR, null);
        ctx.close();
        ctx = null;
        long others = owner("SELECT id FROM role_grant WHERE space_id = " + dev + " AND role = 'ADMINISTRATOR' AND grantee <> '" + bob + "'");
        long his = owner("SELECT id FROM role_grant WHERE space_id = " + dev + " AND role = 'ADMINISTRATOR' AND grantee = '" + bob + "'");
        try (Store asBob = Store.open(new StoreLocation(ownerLocation().storeDir(), ownerLocation().keyDir(),
                TestDatabases.as(ownerLocation().server(), "bob")), Clock.systemUTC(), bob)) {
            asBob.write(tx -> {
                tx.roles().delete(others);
                return null;
            });
            Refusal r = assertThrows(Refusal.class, () -> asBob.write(tx -> {
                tx.roles().delete(his);
                return null;
            }));
            assertEquals("A space keeps at least one administrator who is a person, so the team store's database refused to remove its"
                    + " last one: grant the administrator role to another person first; nothing was changed.", r.getMessage());
        }
        assertEquals(1, owner("SELECT count(*) FROM role_grant WHERE id = " + his));
    }
}

package odcm.app.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import odcm.model.Refusal;
import odcm.model.release.Verdict;
import odcm.model.role.Duties;
import odcm.model.role.Grantee;
import odcm.model.role.Role;
import odcm.model.trust.TrustKind;
import odcm.model.trust.TrustProposal;
import odcm.persistence.TestDatabases;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Separation of duties per local space (issue 14, point 3; decision 0043), on both engines: an approver may not approve a
 * release they made; N distinct approvals; a trust proposed by one administrator and confirmed by another; the rules set
 * by the space's administrator, audited, and a rule row removed outside the console refused. On a team store also as a
 * member's own login with plain SQL: the database refuses the same (SQL state 42501) and nothing changes.
 *
 * <p>Another person: on H2 the store opened under another name ("bob", "carol"), who goes by the grants; on a team store a
 * login of their own let in by the owner ({@link ServiceFixture#as}).
 */
class DutiesServiceTest extends ServiceFixture {
    private String me;
    private String bob;
    private String carol;

    @BeforeEach
    void organisationWithARelease() {
        organisation();
        me = ctx.store().person().name();
        bob = location().onServer() ? TestDatabases.login("bob") : "bob";
        carol = location().onServer() ? TestDatabases.login("carol") : "carol";
        ctx.lifecycles().create(DEV, mainLifecycle());
        ctx.projects().create(DEV, webProject());
        ctx.releases().create(DEV, "Web", "1.0.0", "", null, webPackages("1.0.0"));
        ctx.approvals().setRequired(DEV, true);
    }

    private AppContext as(String person) {
        return as(person, me);
    }

    private void grant(String person, Role role) {
        String was = ctx.store().person().name();
        as(me).roles().grant(DEV, role, null, Grantee.person(person));
        as(was);
    }

    private Optional<String> gate() {
        long space = ctx.spaces().list().stream().filter(s -> s.name().equals(DEV)).findFirst().orElseThrow().id();
        long release = ctx.releases().list(DEV, "Web").stream().filter(r -> r.version().equals("1.0.0")).findFirst().orElseThrow().id();
        return ctx.store().read(tx -> ApprovalService.deploymentRefusal(tx, space, release));
    }

    @Test
    void byDefaultTheMakerApprovesTheirOwnReleaseAsBefore() {
        assertEquals(Duties.DEFAULT, ctx.duties().of(DEV));
        assertEquals(me, ctx.duties().maker(DEV, "Web", "1.0.0").orElseThrow().madeBy());
        assertEquals(Optional.empty(), ctx.duties().approvalRefusal(DEV, "Web", "1.0.0"));
        ctx.approvals().decide(DEV, "Web", "1.0.0", Verdict.APPROVED, "mine");
        assertEquals(Optional.empty(), gate());
    }

    @Test
    void theMakerMayNotApproveTheirOwnReleaseAnotherApproverDoes() {
        ctx.duties().set(DEV, true, null, null);
        String sentence = me + " created release 1.0.0 of Web, so another approver must approve it (separation of duties in 'DevTest Space').";
        assertEquals(Optional.of(sentence), ctx.duties().approvalRefusal(DEV, "Web", "1.0.0"));
        refused(sentence, () -> ctx.approvals().decide(DEV, "Web", "1.0.0", Verdict.APPROVED, "mine"));
        ctx.approvals().decide(DEV, "Web", "1.0.0", Verdict.REJECTED, "not yet"); // a rejection only restricts: the maker may
        grant(bob, Role.APPROVER);
        as(bob);
        assertEquals(Optional.empty(), ctx.duties().approvalRefusal(DEV, "Web", "1.0.0"));
        assertEquals(bob, ctx.approvals().decide(DEV, "Web", "1.0.0", Verdict.APPROVED, "looked at it").decidedBy());
        assertEquals(Optional.empty(), gate());
    }

    @Test
    void anApprovalByTheMakerFromBeforeTheRuleDoesNotCount() {
        ctx.approvals().decide(DEV, "Web", "1.0.0", Verdict.APPROVED, "mine, before the rule");
        assertEquals(Optional.empty(), gate());
        ctx.duties().set(DEV, true, null, null);
        assertEquals(Optional.of("Release 1.0.0 of Web has 0 of 1 approvals in DevTest Space; it needs 1 distinct approvers other than its"
                + " maker before its first deployment here (separation of duties)."), gate());
    }

    /**
     * Review (attacker, 0043): a release whose maker is not recorded (made before V21, or its maker row never written by
     * plain SQL) cannot be approved while the space separates duties, so approvals it got before the rule count no more
     * than its maker's would: none, at the console's gate and (V22) the database's.
     */
    @Test
    void approvalsOfAReleaseWhoseMakerIsNotRecordedDoNotCountUnderTheRule() throws Exception {
        ctx.approvals().decide(DEV, "Web", "1.0.0", Verdict.APPROVED, "mine, before the rule");
        try (Connection c = sql(); Statement st = c.createStatement()) {
            assertEquals(1, st.executeUpdate("DELETE FROM release_maker"), "its maker not recorded");
        }
        assertEquals(Optional.empty(), gate());
        ctx.duties().set(DEV, true, null, null);
        assertEquals(Optional.of("Release 1.0.0 of Web has 0 of 1 approvals in DevTest Space; it needs 1 distinct approvers other than its"
                + " maker before its first deployment here (separation of duties)."), gate());
        assertEquals(Optional.of("0 of 1 approvals"), ctx.approvals().tally(DEV, "Web", "1.0.0"));
    }

    @Test
    void nDistinctApprovalsCountEachPersonOnceAndARejectionStillBinds() {
        assertEquals(Duties.DEFAULT.with(null, 2, null), ctx.duties().set(DEV, null, 2, null));
        grant(bob, Role.APPROVER);
        grant(carol, Role.APPROVER);
        as(bob);
        ctx.approvals().decide(DEV, "Web", "1.0.0", Verdict.APPROVED, "one");
        ctx.approvals().decide(DEV, "Web", "1.0.0", Verdict.APPROVED, "one again");
        assertEquals(Optional.of("1 of 2 approvals"), ctx.approvals().tally(DEV, "Web", "1.0.0"));
        assertEquals(Optional.of("Release 1.0.0 of Web has 1 of 2 approvals in DevTest Space; it needs 2 distinct approvers before its first"
                + " deployment here (separation of duties)."), gate());
        as(carol);
        ctx.approvals().decide(DEV, "Web", "1.0.0", Verdict.APPROVED, "two");
        assertEquals(Optional.of("2 of 2 approvals"), ctx.approvals().tally(DEV, "Web", "1.0.0"));
        assertEquals(Optional.empty(), gate());
        ctx.approvals().decide(DEV, "Web", "1.0.0", Verdict.REJECTED, "found a problem");
        assertTrue(gate().orElseThrow().contains("was rejected in DevTest Space by " + carol), gate().toString());
        ctx.approvals().decide(DEV, "Web", "1.0.0", Verdict.APPROVED, "fixed");
        assertEquals(Optional.of("1 of 2 approvals"), ctx.approvals().tally(DEV, "Web", "1.0.0"), "approvals before a rejection no longer count");
    }

    @Test
    void theRulesAreSetByTheSpacesAdministratorAndAudited() {
        refused("The number of approvals must be from 1 to 9; 0 is not.", () -> ctx.duties().set(DEV, null, 0, null));
        Duties d = ctx.duties().set(DEV, true, 3, true);
        assertEquals(new Duties(true, 3, true), d);
        assertEquals("space.duties", lastAudit().action());
        assertEquals("local space 'DevTest Space'", lastAudit().subject());
        assertTrue(lastAudit().detail().startsWith("approver-not-maker on; approvals 3; two-admin-trust on; was"), lastAudit().detail());
        int entries = audit().size();
        ctx.duties().set(DEV, true, 3, true);
        assertEquals(entries, audit().size(), "nothing changed, nothing recorded");
        as(bob);
        refused(bob + " may not change the separation of duties in 'DevTest Space': that needs the administrator role of 'DevTest Space'.",
                () -> ctx.duties().set(DEV, false, 1, false));
        assertEquals(d, ctx.duties().of(DEV));
    }

    @Test
    void aTrustNeedsASecondAdministratorWhereTheSpaceSaysSo() {
        local(QA);
        ctx.duties().set(DEV, null, null, true);
        refused("'DevTest Space' needs two administrators for a trust (separation of duties): one proposes it (odcm trust add, or Add trust…"
                + " under Trusts) and another confirms it.", () -> ctx.trusts().add(DEV, QA, TrustKind.RELEASE_BUNDLES));
        refused("The fingerprint given is not the one of local space 'QA Space''s certificate (" + ctx.spaces().list().stream()
                        .filter(s -> s.name().equals(QA)).findFirst().orElseThrow().certificate().fingerprint().grouped()
                        + "), so nothing is trusted or proposed; check it with its owner.",
                () -> ctx.trusts().addOrPropose(DEV, QA, TrustKind.RELEASE_BUNDLES, "ab".repeat(32)));
        TrustService.Added a = ctx.trusts().addOrPropose(DEV, QA, TrustKind.RELEASE_BUNDLES, null);
        TrustProposal p = a.proposal();
        assertEquals(null, a.trust());
        assertTrue(a.sentence().startsWith("Proposed (#" + p.id() + "): 'DevTest Space' accepts release bundles from 'QA Space'; it needs a second"
                + " administrator"), a.sentence());
        assertEquals("trust.propose", lastAudit().action());
        assertEquals(List.of(), ctx.trusts().trustsOf(DEV), "nothing is trusted until confirmed");
        refused("Trust proposal #" + p.id() + " ('DevTest Space' accepts release bundles from 'QA Space', by " + me + ") is already waiting for a"
                + " second administrator.", () -> ctx.trusts().addOrPropose(DEV, QA, TrustKind.RELEASE_BUNDLES, null));
        refused(me + " proposed this trust, so another administrator must confirm it (separation of duties in 'DevTest Space').",
                () -> ctx.trusts().confirm(p.id()));
        assertEquals(Optional.of(me + " proposed this trust, so another administrator must confirm it (separation of duties in 'DevTest Space')."),
                ctx.trusts().confirmRefusal(p));

        as(bob);
        refused(bob + " may not trust a space in 'DevTest Space': that needs the administrator role of 'DevTest Space'.",
                () -> ctx.trusts().confirm(p.id()));
        grant(bob, Role.ADMINISTRATOR);
        assertEquals(Optional.empty(), ctx.trusts().confirmRefusal(p));
        assertEquals(bob, ctx.trusts().confirm(p.id()).createdBy());
        assertEquals("trust.add", lastAudit().action());
        assertTrue(lastAudit().detail().contains("; proposed by " + me + " (proposal #" + p.id() + "), confirmed by " + bob), lastAudit().detail());
        assertEquals(1, ctx.trusts().trustsOf(DEV).size());
        TrustProposal done = ctx.trusts().proposals(true).get(0);
        assertEquals(TrustProposal.State.CONFIRMED, done.state());
        assertEquals(ctx.trusts().trustsOf(DEV).get(0).id(), done.trustId());
        refused("Trust proposal #" + p.id() + " ('DevTest Space' accepts release bundles from 'QA Space') was already confirmed by " + bob + ".",
                () -> ctx.trusts().confirm(p.id()));
        assertEquals(List.of(), ctx.trusts().proposals(false));
    }

    @Test
    void aProposalIsDeclinedByAnotherOrWithdrawnByItsProposerAndTrustsNothing() {
        local(QA);
        ctx.duties().set(DEV, null, null, true);
        long first = ctx.trusts().addOrPropose(DEV, QA, TrustKind.RELEASE_BUNDLES, null).proposal().id();
        assertEquals(TrustProposal.State.WITHDRAWN, ctx.trusts().decline(first, "wrong kind").state());
        assertEquals("trust.withdraw", lastAudit().action());
        long second = ctx.trusts().addOrPropose(DEV, QA, TrustKind.DEPLOYMENT_RECEIPTS, null).proposal().id();
        grant(bob, Role.ADMINISTRATOR);
        as(bob);
        TrustProposal declined = ctx.trusts().decline(second, "not agreed with QA");
        assertEquals(TrustProposal.State.DECLINED, declined.state());
        assertEquals("trust.decline", lastAudit().action());
        assertEquals(List.of(), ctx.trusts().trustsOf(DEV));
        assertEquals(List.of(), ctx.trusts().proposals(false));
    }

    @Test
    void aCertificateReplacedAfterTheProposalIsNotTrustedOnConfirmation() {
        remote("Ops Space");
        ctx.duties().set(DEV, null, null, true);
        long id = ctx.trusts().addOrPropose(DEV, "Ops Space", TrustKind.DEPLOYMENT_RECEIPTS, null).proposal().id();
        byte[] der = odcm.packaging.cert.Certificates.generate("Ops Space", odcm.packaging.cert.KeyAlgorithm.EC_P256, java.time.Instant.now()).certificateDer();
        ctx.remotes().replaceCertificate("Ops Space", der, odcm.packaging.cert.Certificates.fingerprint(der).hex());
        grant(bob, Role.ADMINISTRATOR);
        as(bob);
        Refusal r = assertThrows(Refusal.class, () -> ctx.trusts().confirm(id));
        assertTrue(r.getMessage().startsWith("The certificate of remote space 'Ops Space' is no longer the one proposed"), r.getMessage());
        assertEquals(List.of(), ctx.trusts().trustsOf(DEV));
    }

    /**
     * Review (attacker, 0043), fixed: where a space requires two administrators, one administrator no longer loosens a rule
     * alone (switching two-admin off, adding a trust alone, switching it back on): a loosening is a proposal that changes
     * nothing until another administrator of the space confirms it; its proposer cannot; tightening stays immediate.
     */
    @Test
    void aLooseningUnderTwoAdministratorsWaitsForAnotherAdministrator() {
        Duties strict = new Duties(true, 2, true);
        assertEquals(null, ctx.duties().change(DEV, true, 2, true).proposal(), "tightening is immediate");
        assertEquals(strict, ctx.duties().of(DEV));
        for (Duties looser : List.of(new Duties(false, 2, true), new Duties(true, 1, true), new Duties(true, 2, false))) {
            DutyService.Change c = ctx.duties().change(DEV, looser.approverNotMaker(), looser.approvals(), looser.twoAdminTrust());
            assertEquals(strict, c.now(), "a loosening changes nothing by itself");
            assertEquals(looser, c.proposal().duties());
            assertTrue(c.sentence(DEV).startsWith("Proposed (#" + c.proposal().id() + ") by " + me + " for 'DevTest Space': "), c.sentence(DEV));
            assertEquals("space.duties.propose", lastAudit().action());
            assertEquals(strict, ctx.duties().of(DEV));
            refused(me + " proposed this change of the separation of duties, so another administrator of 'DevTest Space' must confirm it.",
                    () -> ctx.duties().confirm(c.proposal().id()));
            assertTrue(ctx.duties().confirmRefusal(c.proposal()).isPresent());
            assertEquals(TrustProposal.State.WITHDRAWN, ctx.duties().decline(c.proposal().id()).state());
        }
        assertEquals(List.of(), ctx.duties().proposals(DEV));
        assertEquals(null, ctx.duties().change(DEV, null, 3, null).proposal(), "more approvals: tightening, immediate under two-admin too");
        assertEquals(new Duties(true, 3, true), ctx.duties().of(DEV));

        long id = ctx.duties().change(DEV, null, null, false).proposal().id();
        local(QA);
        refused("'DevTest Space' needs two administrators for a trust (separation of duties): one proposes it (odcm trust add, or Add trust…"
                + " under Trusts) and another confirms it.", () -> ctx.trusts().add(DEV, QA, TrustKind.RELEASE_BUNDLES));
        as(bob);
        refused(bob + " may not change the separation of duties in 'DevTest Space': that needs the administrator role of 'DevTest Space'.",
                () -> ctx.duties().confirm(id));
        grant(bob, Role.ADMINISTRATOR);
        assertEquals(1, ctx.duties().proposals(DEV).size());
        assertEquals(Optional.empty(), ctx.duties().confirmRefusal(ctx.duties().proposals(DEV).get(0)));
        assertEquals(new Duties(true, 3, false), ctx.duties().confirm(id));
        assertEquals(new Duties(true, 3, false), ctx.duties().of(DEV));
        assertEquals("space.duties", lastAudit().action());
        assertTrue(lastAudit().detail().startsWith("approver-not-maker on; approvals 3; two-admin-trust off; was ")
                && lastAudit().detail().endsWith(", proposed by " + me + " (proposal #" + id + "), confirmed by " + bob), lastAudit().detail());
        assertEquals(List.of(), ctx.duties().proposals(DEV));
        refused("Proposal #" + id + " of separation of duties was already confirmed by " + bob + ".", () -> ctx.duties().confirm(id));
        as(me);
        assertTrue(ctx.duties().approvalRefusal(DEV, "Web", "1.0.0").isPresent(), "the rules read back as the log says: relied on");
        // without two administrators, a loosening is immediate as before
        assertEquals(null, ctx.duties().change(DEV, false, 1, null).proposal());
        assertEquals(Duties.DEFAULT, ctx.duties().of(DEV));
    }

    @Test
    void aLooseningIsDeclinedByAnotherAdministratorAndTheRulesStay() {
        ctx.duties().set(DEV, true, 2, true);
        long id = ctx.duties().change(DEV, false, 1, false).proposal().id();
        grant(bob, Role.ADMINISTRATOR);
        as(bob);
        assertEquals(TrustProposal.State.DECLINED, ctx.duties().decline(id).state());
        assertEquals("space.duties.decline", lastAudit().action());
        assertEquals(new Duties(true, 2, true), ctx.duties().of(DEV));
        refused("Proposal #" + id + " of separation of duties was already declined by " + bob + ".", () -> ctx.duties().confirm(id));
    }

    /** A deleted rule row would silently mean "rules off": the audit log's last word on the rules is checked where they count. */
    @Test
    void aRuleRemovedOutsideTheConsoleIsRefusedNotReadAsOff() throws Exception {
        ctx.duties().set(DEV, true, 2, null);
        ctx.close();
        try (Connection c = sql(); Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM duty_rule");
        }
        open();
        Refusal r = assertThrows(Refusal.class, () -> ctx.approvals().decide(DEV, "Web", "1.0.0", Verdict.APPROVED, "mine"));
        assertTrue(r.getMessage().startsWith("The separation of duties of local space 'DevTest Space' in the store (approver-not-maker off;"
                + " approvals 1; two-admin-trust off) is not what the audit log records last (audit entry "), r.getMessage());
        assertThrows(Refusal.class, this::gate, "the deployment gate refuses too");
        assertEquals(List.of(), ctx.approvals().decisions(DEV, "Web", "1.0.0"));
    }

    /**
     * Issue 14, point 4 for these rules: a member's own login with plain SQL (psql) cannot do what the console refuses — the
     * database's triggers (V21) refuse it with SQL state 42501 and nothing changes; only the tables' owner is exempt.
     */
    @Test
    void onATeamStoreAMembersPlainSqlCannotBreakTheRules() throws Exception {
        Assumptions.assumeTrue(location().onServer(), "the database's own enforcement is a team store's");
        local(QA);
        ctx.duties().set(DEV, true, 2, true);
        grant(bob, Role.RELEASE_MANAGER);
        grant(bob, Role.APPROVER);
        grant(bob, Role.ADMINISTRATOR);
        long proposal = ctx.trusts().addOrPropose(DEV, QA, TrustKind.RELEASE_BUNDLES, null).proposal().id();
        as(bob).releases().create(DEV, "Web", "1.1.0", "", null, webPackages("1.1.0"));
        long space = ctx.spaces().list().stream().filter(x -> x.name().equals(DEV)).findFirst().orElseThrow().id();
        long qa = ctx.spaces().list().stream().filter(x -> x.name().equals(QA)).findFirst().orElseThrow().id();
        long bobs = ctx.releases().list(DEV, "Web").stream().filter(r -> r.version().equals("1.1.0")).findFirst().orElseThrow().id();
        long mine = ctx.releases().list(DEV, "Web").stream().filter(r -> r.version().equals("1.0.0")).findFirst().orElseThrow().id();
        ctx.close();
        String counts = "SELECT (SELECT count(*) FROM approval_decision) || '/' || (SELECT count(*) FROM trust) || '/' || (SELECT string_agg("
                + "made_by, ',' ORDER BY release_id) FROM release_maker) || '/' || (SELECT string_agg(state || coalesce(decided_by, ''), ',')"
                + " FROM trust_proposal) || '/' || (SELECT string_agg(approver_not_maker || ':' || approvals || ':' || two_admin_trust, ',')"
                + " FROM duty_rule)";
        String before = one(sql(), counts);
        try (Connection c = TestDatabases.as(location().server(), bob).connect()) {
            String decision = "INSERT INTO approval_decision (space_id, release_id, verdict, comment, decided_at, decided_by) VALUES (";
            refusedBy(c, decision + space + ", " + bobs + ", 'APPROVED', 'my own', now(), '" + bob + "')", "made release #" + bobs);
            refusedBy(c, decision + space + ", " + mine + ", 'APPROVED', 'as another', now(), '" + carol + "')", "in the name of " + carol);
            refusedBy(c, "UPDATE release_maker SET made_by = '" + me + "' WHERE release_id = " + bobs, "written once");
            refusedBy(c, "DELETE FROM release_maker WHERE release_id = " + bobs, "is kept");
            refusedBy(c, "DELETE FROM duty_rule", "never removed");
            refusedBy(c, "UPDATE duty_rule SET approver_not_maker = false, set_by = '" + me + "'", "in the name of " + me);
            refusedBy(c, "UPDATE trust_proposal SET state = 'CONFIRMED', decided_by = '" + me + "', decided_at = now() WHERE id = " + proposal,
                    "in the name of the login that decides it");
            refusedBy(c, "INSERT INTO trust (truster_id, trusted_id, kind, created_at, created_by) VALUES (" + space + ", " + qa
                    + ", 'DEPLOYMENT_RECEIPTS', now(), '" + bob + "')", "two administrators");
            try (Statement st = c.createStatement()) { // bob proposes with SQL, then confirms his own proposal
                st.executeUpdate("INSERT INTO trust_proposal (truster_id, trusted_id, kind, fingerprint, proposed_at, proposed_by, state) VALUES ("
                        + space + ", " + qa + ", 'DEPLOYMENT_RECEIPTS', 'x', now(), '" + bob + "', 'PENDING')");
            }
            refusedBy(c, "UPDATE trust_proposal SET state = 'CONFIRMED', decided_by = '" + bob + "', decided_at = now() WHERE proposed_by = '"
                    + bob + "'", "another administrator must confirm");
            refusedBy(c, "INSERT INTO trust (truster_id, trusted_id, kind, created_at, created_by) VALUES (" + space + ", " + qa
                    + ", 'DEPLOYMENT_RECEIPTS', now(), '" + bob + "')", "two administrators");
        }
        try (Connection c = sql(); Statement st = c.createStatement()) { // the owner removes bob's SQL proposal: the comparison below
            st.executeUpdate("DELETE FROM trust_proposal WHERE fingerprint = 'x'");
        }
        assertEquals(before, one(sql(), counts), "nothing the member tried changed anything");
    }

    /**
     * The loosening held by the database too (V23): a member administrator's own login with plain SQL neither loosens the
     * rules of a space that requires two administrators (UPDATE, an INSERT that updates, DELETE) nor applies or confirms
     * their own proposal, nor marks another's confirmed without applying it; nothing changes.
     */
    @Test
    void onATeamStoreAnAdministratorsPlainSqlDoesNotLoosenTheRulesAlone() throws Exception {
        Assumptions.assumeTrue(location().onServer(), "the database's own enforcement is a team store's");
        ctx.duties().set(DEV, true, 2, true);
        grant(bob, Role.ADMINISTRATOR);
        long mine = ctx.duties().change(DEV, false, 2, true).proposal().id();
        as(bob); // let in
        as(me);
        long space = ctx.spaces().list().stream().filter(x -> x.name().equals(DEV)).findFirst().orElseThrow().id();
        String counts = "SELECT (SELECT string_agg(approver_not_maker || ':' || approvals || ':' || two_admin_trust || set_by, ',') FROM duty_rule)"
                + " || '/' || (SELECT string_agg(id || state || coalesce(decided_by, ''), ',' ORDER BY id) FROM duty_proposal)";
        String before = one(sql(), counts);
        try (Connection c = TestDatabases.as(location().server(), bob).connect()) {
            refusedBy(c, "UPDATE duty_rule SET two_admin_trust = false, set_by = session_user, set_at = now()", "may not loosen it alone");
            refusedBy(c, "UPDATE duty_rule SET approvals = 1, set_by = session_user, set_at = now()", "may not loosen it alone");
            refusedBy(c, "INSERT INTO duty_rule (space_id, approver_not_maker, approvals, two_admin_trust, set_at, set_by) VALUES (" + space
                    + ", false, 1, false, now(), session_user) ON CONFLICT (space_id) DO UPDATE SET approver_not_maker = false, approvals = 1,"
                    + " two_admin_trust = false, set_by = session_user, set_at = now()", "may not loosen it alone");
            refusedBy(c, "DELETE FROM duty_rule", "never removed");
            refusedBy(c, "UPDATE duty_proposal SET state = 'CONFIRMED', decided_by = session_user, decided_at = now() WHERE id = " + mine,
                    "confirmed by applying it");
            refusedBy(c, "INSERT INTO duty_proposal (space_id, approver_not_maker, approvals, two_admin_trust, proposed_at, proposed_by, state)"
                    + " VALUES (" + space + ", false, 1, false, now(), '" + me + "', 'PENDING')", "in the name of the login");
            try (Statement st = c.createStatement()) { // bob proposes with SQL, then applies and confirms his own proposal
                st.executeUpdate("INSERT INTO duty_proposal (space_id, approver_not_maker, approvals, two_admin_trust, proposed_at, proposed_by,"
                        + " state) VALUES (" + space + ", true, 1, true, now(), session_user, 'PENDING')");
            }
            refusedBy(c, "UPDATE duty_rule SET approvals = 1, set_by = session_user, set_at = now()", "may not loosen it alone");
            refusedBy(c, "UPDATE duty_proposal SET state = 'CONFIRMED', decided_by = session_user, decided_at = now() WHERE proposed_by = session_user",
                    "another administrator must confirm");
            refusedBy(c, "DELETE FROM duty_proposal WHERE id = " + mine, "are kept");
        }
        try (Connection c = sql(); Statement st = c.createStatement()) { // the owner removes bob's SQL proposal: the comparison below
            st.executeUpdate("DELETE FROM duty_proposal WHERE proposed_by = '" + bob + "'");
        }
        assertEquals(before, one(sql(), counts), "nothing the member tried changed anything");
        assertEquals(new Duties(true, 2, true), ctx.duties().of(DEV));
    }

    /**
     * Review (attacker, 0043): a deployer's own login with plain SQL passes no approval gate the console keeps. The database
     * (V22) refuses a release's first deployment in a space that requires approval until the console would let it be
     * deployed (its latest decision an approval, N distinct approvers since the latest rejection, not its maker where the
     * space says so); a decision dated ahead of the server's clock, which would outrank a later rejection, and a deployment
     * recorded in another person's name are refused too.
     */
    @Test
    void onATeamStoreADeployersPlainSqlPassesNoApprovalGate() throws Exception {
        Assumptions.assumeTrue(location().onServer(), "the database's own enforcement is a team store's");
        ctx.duties().set(DEV, true, 2, null);
        grant(bob, Role.DEPLOYER);
        grant(bob, Role.APPROVER);
        grant(carol, Role.APPROVER);
        as(bob); // let in
        as(me);
        long space = ctx.spaces().list().stream().filter(x -> x.name().equals(DEV)).findFirst().orElseThrow().id();
        long release = ctx.releases().list(DEV, "Web").stream().filter(r -> r.version().equals("1.0.0")).findFirst().orElseThrow().id();
        long environment = Long.parseLong(one(sql(), "SELECT min(id) FROM environment WHERE space_id = " + space));
        String deploy = "INSERT INTO deployment (space_id, release_id, environment_id, outcome, deployed_at, deployed_by) VALUES ("
                + space + ", " + release + ", " + environment + ", 'SUCCEEDED', now(), ";
        String decide = "INSERT INTO approval_decision (space_id, release_id, verdict, comment, decided_at, decided_by) VALUES ("
                + space + ", " + release + ", ";
        try (Connection c = TestDatabases.as(location().server(), bob).connect()) {
            refusedBy(c, deploy + "session_user)", "needs an approval");
            as(bob).approvals().decide(DEV, "Web", "1.0.0", Verdict.APPROVED, "one");
            refusedBy(c, deploy + "session_user)", "1 of 2");
            refusedBy(c, decide + "'APPROVED', 'again', now() + interval '1 day', session_user)", "ahead of");
            as(carol).approvals().decide(DEV, "Web", "1.0.0", Verdict.REJECTED, "found a problem");
            as(bob).approvals().decide(DEV, "Web", "1.0.0", Verdict.APPROVED, "one again");
            refusedBy(c, deploy + "session_user)", "1 of 2");
            as(carol).approvals().decide(DEV, "Web", "1.0.0", Verdict.APPROVED, "fixed");
            assertEquals(Optional.empty(), gate());
            refusedBy(c, deploy + "'" + carol + "')", "in the name of " + carol);
            try (Statement st = c.createStatement()) {
                assertEquals(1, st.executeUpdate(deploy + "session_user)"), "approved as the console says: deployed");
            }
        }
        as(me);
    }

    private static String one(Connection c, String query) throws SQLException {
        try (c; Statement st = c.createStatement(); java.sql.ResultSet rs = st.executeQuery(query)) {
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

package odcm.app.service;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import odcm.app.service.BundleService.Target;
import odcm.app.ui.TestStores;
import odcm.persistence.TestDatabases;
import odcm.model.audit.AuditEntry;
import odcm.model.cert.CertificateFormat;
import odcm.model.lifecycle.LifecycleDraft;
import odcm.model.release.Verdict;
import odcm.model.trust.TrustKind;
import odcm.packaging.bundle.VerificationOutcome.Genuine;
import odcm.packaging.cert.KeyAlgorithm;
import org.junit.jupiter.api.Test;

/**
 * Promotion follows the lifecycle (decision 0045): a bundle, to a file or delivered directly, only when the phases before
 * the promotion are complete; a rejection binds, override or not; a release manager's override is audited and carried.
 */
class PromotionOrderServiceTest extends BundleFixture {
    static final String SKIPPED = "Release 1.1.0 cannot be promoted to 'Prod Space' yet: phase 'Dev' (all must complete) comes first and still "
            + "needs a successful deployment to Development.";

    /** DevTest and Prod as in {@link #connected}, and release 1.1.0 of Web, deployed nowhere yet. */
    private void withAnUndeployedRelease() {
        connected(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P256);
        ctx.releases().create(DEV, "Web", "1.1.0", "next", null, webPackages("1.1.0"));
    }

    @Test
    void aSkippedPhaseIsRefusedWithOneSentenceNamingItToAFileAndDirectly() {
        withAnUndeployedRelease();
        prodLifecycle();
        Path file = out("web-1.1.0.odcmbundle");

        refused(SKIPPED, () -> ctx.bundles().create(DEV, "Web", "1.1.0", PROD, file, 30, false));
        assertFalse(Files.exists(file), "no file is written");
        refused(SKIPPED, () -> ctx.bundles().deliver(DEV, "Web", "1.1.0", PROD, 30));
        Target t = ctx.bundles().targets(DEV, "Web", "1.1.0").get(0);
        assertEquals(SKIPPED, t.order(), "the Promote dialog says it before the user tries");
        assertTrue(t.overridable(), "this store's one person is a release manager");

        ctx.deployments().deploy(DEV, "Web", "1.1.0", "Development", true);
        ctx.deployments().deploy(DEV, "Web", "1.1.0", "Test", false);
        refused("Release 1.1.0 cannot be promoted to 'Prod Space' yet: phase 'Test' (all must complete) comes first and still needs a "
                + "successful deployment to Test.", () -> ctx.bundles().create(DEV, "Web", "1.1.0", PROD, file, 30, false));
        ctx.deployments().deploy(DEV, "Web", "1.1.0", "Test", true);
        assertTrue(ctx.bundles().targets(DEV, "Web", "1.1.0").get(0).inOrder());
        Genuine g = assertInstanceOf(Genuine.class, ctx.bundles().deliver(DEV, "Web", "1.1.0", PROD, 30).verified());
        assertNull(g.content().outOfOrder(), "a bundle in order carries no override");
    }

    @Test
    void aReleaseManagersOverrideIsAuditedAndCarriedInTheSignedBundle() throws Exception {
        withAnUndeployedRelease();
        Path file = out("web-1.1.0.odcmbundle");
        refused("The reason for promoting out of lifecycle order must be given.",
                () -> ctx.bundles().create(DEV, "Web", "1.1.0", PROD, file, 30, false, "  "));
        refused("The reason for promoting out of lifecycle order cannot contain control characters (it holds U+001B).",
                () -> ctx.bundles().create(DEV, "Web", "1.1.0", PROD, file, 30, false, "ok\u001b[2J"));

        var p = ctx.bundles().create(DEV, "Web", "1.1.0", PROD, file, 30, false, "Hotfix; QA signed off by phone");

        String me = ctx.store().person().name();
        AuditEntry override = lastAudit();
        assertEquals("bundle.out-of-order", override.action());
        assertEquals("promoted out of lifecycle order by " + me + ": Hotfix; QA signed off by phone; bundle " + p.entry().bundleId()
                + " to local space 'Prod Space'; skipped: " + SKIPPED, override.detail());
        Genuine g = assertInstanceOf(Genuine.class, ctx.bundles().verify(PROD, file));
        assertEquals(me, g.content().outOfOrder().by());
        assertEquals("Hotfix; QA signed off by phone", g.content().outOfOrder().reason());
        assertEquals(SKIPPED, g.content().outOfOrder().skipped());
    }

    @Test
    void aRejectionBindsWhetherOrNotApprovalIsRequiredAndNoOverrideLiftsIt() {
        promotable(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P256); // 1.0.0 deployed through Dev and Test: in order
        assertFalse(ctx.approvals().isRequired(DEV));
        ctx.approvals().decide(DEV, "Web", "1.0.0", Verdict.REJECTED, "Leaks memory\nunder load");
        String me = ctx.store().person().name();
        String rejected = "Release 1.0.0 of 'Web' was rejected in 'DevTest Space' by " + me + " (Leaks memory under load), so it is not "
                + "promoted until someone approves it.";
        Path file = out("web.odcmbundle");

        refused(rejected, () -> ctx.bundles().create(DEV, "Web", "1.0.0", PROD, file, 30, false));
        refused(rejected, () -> ctx.bundles().create(DEV, "Web", "1.0.0", PROD, file, 30, false, "ship it anyway"));
        refused(rejected, () -> ctx.bundles().deliver(DEV, "Web", "1.0.0", PROD, 30, "ship it anyway"));
        Target t = ctx.bundles().targets(DEV, "Web", "1.0.0").get(0);
        assertEquals(rejected, t.order());
        assertFalse(t.overridable(), "a rejection is not lifecycle order: no override is offered");

        ctx.approvals().decide(DEV, "Web", "1.0.0", Verdict.APPROVED, "fixed in the config");
        assertEquals(1, ctx.bundles().create(DEV, "Web", "1.0.0", PROD, file, 30, false).entry().sequence());
    }

    /**
     * A remote environment counts when its space reports the release deployed there (here Prod, a space of this console,
     * reports directly, as a verified receipt would); an earlier promotion counts when its bundle was made.
     */
    @Test
    void aRemoteEnvironmentAndAnEarlierPromotionCountWhenDone() {
        open();
        ctx.spaces().create(DEV, "", KeyAlgorithm.EC_P256);
        ctx.spaces().create(PROD, "", KeyAlgorithm.EC_P256);
        ctx.spaces().create("QA Space", "", KeyAlgorithm.EC_P256);
        ctx.environments().create(DEV, "Development", "");
        ctx.environments().create(DEV, "Test", "");
        ctx.environments().createRemote(DEV, PROD, "Production");
        ctx.lifecycles().create(DEV, new LifecycleDraft("Main", "", true, List.of(
                phase("Dev", List.of("Development"), List.of(), List.of()),
                phase("Test", List.of("Test"), List.of(), List.of()),
                phase("Production", List.of(), List.of("Prod Space: Production"), List.of(PROD)),
                phase("Audit", List.of(), List.of(), List.of("QA Space")))));
        ctx.projects().create(DEV, webProject());
        ctx.releases().create(DEV, "Web", "1.0.0", "first", null, webPackages("1.0.0"));
        ctx.trusts().add(PROD, DEV, TrustKind.RELEASE_BUNDLES);
        ctx.trusts().add(DEV, PROD, TrustKind.DEPLOYMENT_RECEIPTS);
        prodLifecycle();
        throughTheEarlierPhases("1.0.0");

        refused("Release 1.0.0 cannot be promoted to 'QA Space' yet: phase 'Production' (all must complete) comes first and still needs a "
                + "successful deployment to Prod Space: Production and a bundle for 'Prod Space'.",
                () -> ctx.bundles().create(DEV, "Web", "1.0.0", "QA Space", out("qa.odcmbundle"), 30, false));
        ctx.bundles().deliver(DEV, "Web", "1.0.0", PROD, 30);
        refused("Release 1.0.0 cannot be promoted to 'QA Space' yet: phase 'Production' (all must complete) comes first and still needs a "
                + "successful deployment to Prod Space: Production.",
                () -> ctx.bundles().create(DEV, "Web", "1.0.0", "QA Space", out("qa.odcmbundle"), 30, false));
        ctx.deployments().deploy(PROD, DEV + ": Web", "1.0.0", "Production", true); // reported back to DevTest

        assertEquals(1, ctx.bundles().create(DEV, "Web", "1.0.0", "QA Space", out("qa.odcmbundle"), 30, false).entry().sequence());
    }

    @Test
    void withoutTheReleaseManagerRoleNoOverrideIsOffered() {
        withAnUndeployedRelease();
        String me = ctx.store().person().name();
        String bob = location().onServer() ? TestDatabases.login("bob") : "bob";
        as(me, me).roles().grant(DEV, odcm.model.role.Role.VIEWER, null, odcm.model.role.Grantee.person(bob));
        as(bob, me);

        Target t = ctx.bundles().targets(DEV, "Web", "1.1.0").get(0);
        assertEquals(SKIPPED, t.order());
        assertFalse(t.overridable());
        refused(bob + " may not promote a release (write a release bundle) in 'DevTest Space': that needs the release manager role of "
                + "'DevTest Space'.", () -> ctx.bundles().create(DEV, "Web", "1.1.0", PROD, out("x.odcmbundle"), 30, false, "because"));
    }

    /** Two stores across an air gap: the override arrives in the signed bundle and the target shows and records it. */
    @Test
    void theOverrideIsShownAndRecordedAtTheTargetInAnotherStore() throws Exception {
        try (AppContext a = TestStores.open(tmp, "network-a"); AppContext b = TestStores.open(tmp, "network-b")) {
            a.spaces().create(DEV, "", KeyAlgorithm.EC_P256);
            b.spaces().create(PROD, "", KeyAlgorithm.EC_P256);
            TestStores.addConfirmedRemote(a, PROD, b.spaces().certificate(PROD, CertificateFormat.PEM));
            TestStores.addConfirmedRemote(b, DEV, a.spaces().certificate(DEV, CertificateFormat.PEM));
            b.trusts().add(PROD, DEV, TrustKind.RELEASE_BUNDLES);
            b.environments().create(PROD, "Production", "");
            b.lifecycles().create(PROD, new LifecycleDraft("Prod", "", true, List.of(phase("Production", List.of("Production"), List.of(), List.of()))));
            a.environments().create(DEV, "Development", "");
            a.environments().create(DEV, "Test", "");
            a.environments().createRemote(DEV, PROD, "Production");
            a.lifecycles().create(DEV, mainLifecycle());
            a.projects().create(DEV, webProject());
            a.releases().create(DEV, "Web", "1.0.0", "first", null, webPackages("1.0.0"));
            a.deployments().deploy(DEV, "Web", "1.0.0", "Development", true);
            String by = a.store().person().name();

            Path file = tmp.resolve("carried.odcmbundle");
            a.bundles().create(DEV, "Web", "1.0.0", PROD, file, 30, false, "Test lab down; signed off by QA lead");
            Genuine g = assertInstanceOf(Genuine.class, b.bundles().verify(PROD, file));
            assertEquals("promoted out of lifecycle order by " + by + ": Test lab down; signed off by QA lead", g.content().outOfOrder().words());

            ImportService.Result r = b.imports().importBundle(PROD, Files.readAllBytes(file), null, Map.of());
            assertTrue(r.sentence().endsWith("; it was promoted out of lifecycle order by " + by + ": Test lab down; signed off by QA lead."),
                    r.sentence());
            AuditEntry imported = b.audit().list(odcm.model.audit.AuditFilter.ALL).stream().filter(e -> e.action().equals("release.import"))
                    .findFirst().orElseThrow();
            assertTrue(imported.detail().contains("; promoted out of lifecycle order by " + by + ": Test lab down; signed off by QA lead (skipped: "
                    + "Release 1.0.0 cannot be promoted to 'Prod Space' yet: phase 'Test' (all must complete) comes first and still needs a "
                    + "successful deployment to Test.)"), imported.detail());
        }
    }
}

package odcm.app.service;

import static odcm.app.TestBundles.DEV;
import static odcm.app.TestBundles.PROD;
import static odcm.app.TestBundles.REMOTE_WEB;
import static odcm.app.TestBundles.SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import odcm.app.TestBundles;
import odcm.model.trust.TrustKind;
import odcm.model.lifecycle.composite.CompositeLifecycle;
import odcm.model.lifecycle.ProgressionRule;
import odcm.model.lifecycle.LifecycleDraft.PhaseDraft;
import odcm.model.lifecycle.LifecycleDraft;
import odcm.model.environment.EnvironmentTemplate;
import odcm.model.environment.Environment;
import odcm.model.Refusal;
import odcm.model.audit.AuditEntry;
import odcm.model.audit.AuditFilter;
import odcm.model.deployment.Deployment;
import odcm.model.project.DeploymentStep;
import odcm.model.project.Project;
import odcm.model.project.ProjectDraft;
import odcm.model.project.Scope;
import odcm.model.project.Variable;
import odcm.model.release.PackageVersion;
import odcm.model.release.Release;
import odcm.packaging.bundle.VerificationOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Importing release bundles between two stores (and within one), and deploying what was imported. */
class ImportServiceTest {
    @TempDir
    Path tmp;
    AppContext dev;
    AppContext prod;

    @BeforeEach
    void networks() {
        AppContext[] both = TestBundles.twoNetworks(tmp);
        dev = both[0];
        prod = both[1];
    }

    @AfterEach
    void close() {
        dev.close();
        prod.close();
    }

    List<Object> state() {
        List<Object> s = new ArrayList<>();
        prod.projects().list(PROD).forEach(p -> {
            s.add(p);
            s.add(prod.releases().list(PROD, p.name()));
        });
        s.add(prod.audit().list(AuditFilter.ALL).size());
        s.add(prod.store().read(tx -> tx.bundles().acceptedBundleIds(prod.spaces().find(PROD).id())));
        return s;
    }

    void refused(String sentence, org.junit.jupiter.api.function.Executable action) {
        List<Object> before = state();
        Refusal r = assertThrows(Refusal.class, action);
        assertEquals(sentence, r.getMessage());
        assertEquals(before, state(), "a refusal leaves the store as it was");
    }

    AuditEntry lastAudit() {
        return prod.audit().list(AuditFilter.ALL).get(0);
    }

    /**
     * Separation of duties (decision 0043): who imported the bundle a release came in is its maker at the target, so where
     * the space says so they may not approve it; its creator at the source is the maker there.
     */
    @Test
    void theImporterIsTheMakerOfAnImportedReleaseAndMayNotApproveIt() {
        prod.imports().importBundle(PROD, TestBundles.bundle(dev, "1.0.0", 1), null, TestBundles.values());
        String me = prod.store().person().name();
        odcm.model.release.ReleaseMaker m = prod.duties().maker(PROD, REMOTE_WEB, "1.0.0").orElseThrow();
        assertEquals(me, m.madeBy());
        assertTrue(m.imported());
        assertFalse(dev.duties().maker(DEV, "Web", "1.0.0").orElseThrow().imported(), "created at the source");
        prod.duties().set(PROD, true, null, null);
        refused(me + " imported release 1.0.0 of " + REMOTE_WEB + ", so another approver must approve it (separation of duties in 'Prod Space').",
                () -> prod.approvals().decide(PROD, REMOTE_WEB, "1.0.0", odcm.model.release.Verdict.APPROVED, "mine"));
    }

    @Test
    void previewShowsSenderContentsLifecycleAndTheFormWithProvidedValues() {
        ImportService.Preview p = prod.imports().preview(PROD, TestBundles.bundle(dev, "1.0.0", 1));
        assertTrue(p.importable(), p.outcome().sentence());
        assertEquals(DEV, p.sourceSpace());
        assertEquals(REMOTE_WEB, p.remoteProject());
        assertTrue(p.previousVersion().isEmpty());
        assertEquals("Prod", p.suggested().orElseThrow().name());
        var form = p.form(p.suggested().orElseThrow());
        assertEquals(List.of("Staging", "Production"), List.copyOf(form.keySet()));
        ImportService.Field prodPassword = form.get("Production").stream().filter(f -> f.template().name().equals("DbPassword")).findFirst().orElseThrow();
        assertEquals(ImportService.Origin.PROVIDED, prodPassword.origin(), "scoped to 'Prod Space: Production' in the source");
        assertEquals(SECRET, prodPassword.value());
        assertFalse(prodPassword.toString().contains(SECRET));
        assertEquals(List.of("AdminEmail", "DbPassword"), form.get("Staging").stream().filter(ImportService.Field::missing)
                .map(f -> f.template().name()).toList());
        assertEquals(ImportService.Origin.DEFAULT, form.get("Staging").get(0).origin());
    }

    @Test
    void importCreatesRemoteProjectReleaseValuesAcceptedRowAndAuditInOneGo() {
        ImportService.Result r = prod.imports().importBundle(PROD, TestBundles.bundle(dev, "1.0.0", 1), null, TestBundles.values());
        assertTrue(r.imported());
        assertEquals("Imported release 1.0.0 of 'DevTest Space: Web' into 'Prod Space' with lifecycle 'Prod'.", r.sentence());
        Project p = prod.projects().find(PROD, REMOTE_WEB);
        assertEquals("Prod", p.lifecycleName());
        assertEquals(DEV, prod.projects().importedFrom(PROD, REMOTE_WEB).orElseThrow());
        Release release = prod.releases().find(PROD, REMOTE_WEB, "1.0.0");
        assertEquals(dev.releases().find(DEV, "Web", "1.0.0").snapshot(), release.snapshot(), "the snapshot as the source froze it");
        assertEquals(SECRET, value(p, "DbPassword", "Production"));
        assertEquals("staging-pw-4411", value(p, "DbPassword", "Staging"));
        assertEquals("eu", value(p, "Region", "Production"));
        assertEquals(1, prod.deployments().upstream(PROD, REMOTE_WEB, "1.0.0").size(), "upstream history kept");
        AuditEntry a = lastAudit();
        assertEquals("release.import", a.action());
        assertEquals("release 1.0.0 of project 'DevTest Space: Web' of local space 'Prod Space'", a.subject());
        assertFalse(a.detail().contains(SECRET) || a.detail().contains("staging-pw-4411"), a.detail());
        assertTrue(a.detail().contains("Staging (Region, AdminEmail, DbPassword, Maintenance)"), a.detail());
        assertTrue(prod.audit().verify().isIntact(), "audit chain intact");
    }

    static String value(Project p, String name, String env) {
        return p.variables().stream().filter(v -> v.name().equals(name) && v.scope().environments().equals(List.of(env)))
                .map(Variable::value).findFirst().orElse("(none)");
    }

    /** Decision 0052: Cancel seen at a step after the project and the release were written: the transaction rolls them back. */
    @Test
    void anImportCancelledHalfWayLeavesTheStoreAsItWasThenImportsWhole() {
        byte[] bundle = TestBundles.bundle(dev, "1.0.0", 1);
        List<String> steps = new java.util.ArrayList<>();
        odcm.model.Progress cancelAtTheAcceptance = (done, total, sentence) -> {
            steps.add(done + "/" + total + " " + sentence);
            if (done == 3) {
                throw new odcm.model.Progress.Cancelled();
            }
        };
        refused("Cancelled; nothing was changed.", () -> prod.imports().importBundle(PROD, bundle, null, TestBundles.values(), false,
                cancelAtTheAcceptance));
        assertEquals(List.of("0/5 Checking the bundle's signature and contents", "1/5 Writing the project and its values",
                "2/5 Writing the release", "3/5 Recording the bundle as accepted"), steps);
        steps.clear();
        assertTrue(prod.imports().importBundle(PROD, bundle, null, TestBundles.values(), false, (d, t, w) -> steps.add(d + "/" + t)).imported());
        assertEquals(List.of("0/5", "1/5", "2/5", "3/5", "4/5", "5/5"), steps, "every step reported, the last when all is written");
    }

    @Test
    void missingMandatoryValuesAreAllListedAndNothingIsImported() {
        byte[] bundle = TestBundles.bundle(dev, "1.0.0", 1);
        refused("Release 1.0.0 of 'DevTest Space: Web' was not imported: 3 mandatory values are missing — "
                        + "Staging: Admin e-mail (AdminEmail), Database password (DbPassword); Production: Admin e-mail (AdminEmail).",
                () -> prod.imports().importBundle(PROD, bundle, "Prod", Map.of()));
        refused("The value of 'Region' for Production must be one of eu, us, not 'mars'.",
                () -> prod.imports().importBundle(PROD, bundle, "Prod", Map.of("Production", Map.of("Region", "mars"))));
        refused("Values were given for 'Moon', which is not an environment of lifecycle 'Prod' (Staging, Production).",
                () -> prod.imports().importBundle(PROD, bundle, "Prod", Map.of("Moon", Map.of())));
        refused("'Prod Space' has no lifecycle named 'Nope'.", () -> prod.imports().importBundle(PROD, bundle, "Nope", TestBundles.values()));
    }

    @Test
    void sameBundleAgainIsANoOpSaidSo() {
        byte[] bundle = TestBundles.bundle(dev, "1.0.0", 1);
        prod.imports().importBundle(PROD, bundle, null, TestBundles.values());
        List<Object> before = state();
        ImportService.Result again = prod.imports().importBundle(PROD, bundle, null, Map.of());
        assertFalse(again.imported());
        assertTrue(again.sentence().startsWith("This bundle (") && again.sentence().endsWith("; nothing was changed."), again.sentence());
        assertEquals(before, state());
        assertTrue(prod.imports().preview(PROD, bundle).alreadyImported());
    }

    /**
     * Issue 11, point 1: a bundle is what was signed (its signed bundle id), not the file's bytes. A re-encoding of the
     * imported bundle's signature (BER) is refused; the same manifest signed again by the source (another file, another
     * SHA-256) is the same bundle, already imported: neither is accepted twice nor counted as another bundle.
     */
    @Test
    void aReEncodedOrReSignedCopyOfAnImportedBundleIsTheSameBundleNotANewOne() {
        byte[] bundle = TestBundles.bundle(dev, "1.0.0", 1);
        prod.imports().importBundle(PROD, bundle, null, TestBundles.values());
        java.util.Map<String, byte[]> e = new java.util.LinkedHashMap<>(odcm.packaging.bundle.BundleFiles.unzip(bundle));
        e.put(odcm.packaging.bundle.BundleFormat.SIGNATURE, odcm.packaging.bundle.BundleFiles.berSignature(e.get(odcm.packaging.bundle.BundleFormat.SIGNATURE)));
        byte[] ber = odcm.packaging.bundle.BundleFiles.zip(e);
        refused("The bundle's manifest.sig is not DER-encoded, the one encoding of a signature the console writes, so the bundle was refused.",
                () -> prod.imports().importBundle(PROD, ber, null, TestBundles.values()));

        byte[] resigned;
        try (odcm.model.Secret key = dev.store().read(tx -> BundleChecks.privateKey(dev.store(), tx, dev.spaces().find(DEV)))) {
            resigned = odcm.packaging.bundle.BundleFiles.resign(odcm.packaging.bundle.BundleFiles.unzip(bundle),
                    dev.spaces().certificate(DEV, odcm.model.cert.CertificateFormat.DER), key, null);
        }
        assertFalse(java.util.Arrays.equals(resigned, bundle), "another file");
        List<Object> before = state();
        ImportService.Result again = prod.imports().importBundle(PROD, resigned, null, TestBundles.values());
        assertFalse(again.imported(), again.sentence());
        assertTrue(again.sentence().startsWith("This bundle (") && again.sentence().endsWith("; nothing was changed."), again.sentence());
        assertEquals(before, state());
    }

    @Test
    void tamperedAndUntrustedBundlesAreRefusedWithTheVerifiersSentence() {
        byte[] bundle = TestBundles.bundle(dev, "1.0.0", 1);
        ImportService.Preview p = prod.imports().preview(PROD, TestBundles.tampered(bundle));
        assertFalse(p.importable());
        refused(p.outcome().sentence(), () -> prod.imports().importBundle(PROD, TestBundles.tampered(bundle), null, TestBundles.values()));
        prod.trusts().revoke(PROD, DEV, odcm.model.trust.TrustKind.RELEASE_BUNDLES, "testing");
        assertTrue(prod.imports().preview(PROD, bundle).outcome() instanceof VerificationOutcome.TrustRevoked);
        refused(prod.imports().preview(PROD, bundle).outcome().sentence(),
                () -> prod.imports().importBundle(PROD, bundle, null, TestBundles.values()));
    }

    @Test
    void aLaterReleaseJoinsTheRemoteProjectKeepsValuesAndShowsWhatChanged() {
        prod.imports().importBundle(PROD, TestBundles.bundle(dev, "1.0.0", 1), null, TestBundles.values());
        dev.projects().update(DEV, "Web", TestBundles.web(List.of(new DeploymentStep("Notify", "Run a script", Map.of(), Scope.ALL, List.of()))));
        dev.releases().create(DEV, "Web", "1.1.0", "", null, List.of(new PackageVersion("Acme.Web", "1.1.0", TestBundles.SHA)));
        byte[] second = TestBundles.bundle(dev, "1.1.0", 2);
        ImportService.Preview p = prod.imports().preview(PROD, second);
        assertEquals("1.0.0", p.previousVersion().orElseThrow());
        assertEquals("1 added, 0 removed, 0 changed", p.changes().orElseThrow().steps().toString());
        assertEquals("0 added, 0 removed, 1 changed", p.changes().orElseThrow().packages().toString());
        assertEquals(ImportService.Origin.SET_HERE, p.form(p.suggested().orElseThrow()).get("Staging").get(1).origin());
        prod.imports().importBundle(PROD, second, null, Map.of());
        assertEquals(List.of(REMOTE_WEB), prod.projects().list(PROD).stream().map(Project::name).toList(), "joined, matched by name");
        assertEquals(List.of("1.1.0", "1.0.0"), prod.releases().list(PROD, REMOTE_WEB).stream().map(Release::version).toList());
        assertEquals(3, prod.projects().find(PROD, REMOTE_WEB).process().size(), "the project mirrors the newest release");
    }

    @Test
    void aNewerRevisionOfTheSameReleaseSupersedesTheOlderWithAnAuditEntry() {
        prod.imports().importBundle(PROD, TestBundles.bundle(dev, "1.0.0", 1), null, TestBundles.values());
        Release first = prod.releases().find(PROD, REMOTE_WEB, "1.0.0");
        byte[] revised = TestBundles.revised(dev, "1.0.0", 2, List.of(new DeploymentStep("Warm cache", "Run a script", Map.of(), Scope.ALL, List.of())));
        ImportService.Result r = prod.imports().importBundle(PROD, revised, null, Map.of());
        assertEquals("Imported release 1.0.0 (revision 2) of 'DevTest Space: Web' into 'Prod Space' with lifecycle 'Prod'.", r.sentence());
        Release current = prod.releases().find(PROD, REMOTE_WEB, "1.0.0");
        assertEquals(3, current.snapshot().process().size());
        assertTrue(current.id() != first.id());
        assertEquals(1, prod.releases().list(PROD, REMOTE_WEB).size(), "the superseded revision is not listed");
        List<AuditEntry> audit = prod.audit().list(AuditFilter.ALL);
        assertEquals("release.import", audit.get(0).action());
        assertEquals("release.supersede", audit.get(1).action());
        assertTrue(audit.get(1).detail().startsWith("revision 1 superseded by revision 2"), audit.get(1).detail());
        assertTrue(audit.get(1).detail().contains("steps 1 added, 0 removed, 0 changed"), audit.get(1).detail());
    }

    @Test
    void valuesStayEditableWhileProcessTemplatesAndNameAreReadOnly() {
        prod.imports().importBundle(PROD, TestBundles.bundle(dev, "1.0.0", 1), null, TestBundles.values());
        Project p = prod.projects().find(PROD, REMOTE_WEB);
        List<Variable> vars = new ArrayList<>(p.variables());
        vars.replaceAll(v -> v.name().equals("AdminEmail") && v.scope().environments().equals(List.of("Production"))
                ? new Variable("AdminEmail", "night-shift@example.org", false, v.scope()) : v);
        prod.projects().update(PROD, REMOTE_WEB, new ProjectDraft(p.name(), p.description(), p.lifecycleName(), p.process(), vars, p.templates(),
                p.channels()));
        assertEquals("night-shift@example.org", value(prod.projects().find(PROD, REMOTE_WEB), "AdminEmail", "Production"));
        assertEquals(p.process(), prod.releases().find(PROD, REMOTE_WEB, "1.0.0").snapshot().process());

        Project now = prod.projects().find(PROD, REMOTE_WEB);
        assertEquals("Project 'DevTest Space: Web' was imported from 'DevTest Space', so its deployment process cannot be changed here "
                + "(its name, process and variable templates are read-only); only its variable values can.",
                assertThrows(Refusal.class, () -> prod.projects().update(PROD, REMOTE_WEB, new ProjectDraft(now.name(), "", now.lifecycleName(),
                        now.process().subList(0, 1), now.variables(), now.templates(), now.channels()))).getMessage());
        assertTrue(assertThrows(Refusal.class, () -> prod.projects().update(PROD, REMOTE_WEB, new ProjectDraft(now.name(), "", now.lifecycleName(),
                now.process(), now.variables(), List.of(), now.channels()))).getMessage().contains("so its variable templates cannot be changed"));
        assertTrue(assertThrows(Refusal.class, () -> prod.projects().update(PROD, REMOTE_WEB, new ProjectDraft("Web", "", now.lifecycleName(),
                now.process(), now.variables(), now.templates(), now.channels()))).getMessage().contains("so its name cannot be changed"));
    }

    @Test
    void deployingFollowsTheLifecycleAndNeedsEveryMandatoryValue() {
        prod.imports().importBundle(PROD, TestBundles.bundle(dev, "1.0.0", 1), null, TestBundles.values());
        refused("Release 1.0.0 cannot be deployed to Production yet: phase 'Staging' (all must complete) comes first and still needs a "
                + "successful deployment to Staging.", () -> prod.deployments().deploy(PROD, REMOTE_WEB, "1.0.0", "Production", true));
        Deployment failed = prod.deployments().deploy(PROD, REMOTE_WEB, "1.0.0", "Staging", false);
        assertFalse(failed.succeeded());
        assertThrows(Refusal.class, () -> prod.deployments().deploy(PROD, REMOTE_WEB, "1.0.0", "Production", true), "a failed one does not count");
        prod.deployments().deploy(PROD, REMOTE_WEB, "1.0.0", "Staging", true);
        assertEquals("deployment.record", lastAudit().action());
        assertEquals("deployed to Staging: succeeded", lastAudit().detail());

        // The importer clears a mandatory value after import: deploying there is refused, naming it.
        Project p = prod.projects().find(PROD, REMOTE_WEB);
        List<Variable> vars = p.variables().stream().filter(v -> !(v.name().equals("AdminEmail") && v.scope().environments().equals(List.of("Production"))))
                .toList();
        prod.projects().update(PROD, REMOTE_WEB, new ProjectDraft(p.name(), p.description(), p.lifecycleName(), p.process(), vars, p.templates(), p.channels()));
        refused("Release 1.0.0 of 'DevTest Space: Web' cannot be deployed to Production: the mandatory value AdminEmail is not set for it; "
                + "set it in the project's variables.", () -> prod.deployments().deploy(PROD, REMOTE_WEB, "1.0.0", "Production", true));
        prod.projects().update(PROD, REMOTE_WEB, new ProjectDraft(p.name(), p.description(), p.lifecycleName(), p.process(), p.variables(), p.templates(),
                p.channels()));
        prod.deployments().deploy(PROD, REMOTE_WEB, "1.0.0", "Production", true);
        assertEquals(List.of("Production", "Staging", "Staging"), prod.deployments().list(PROD, REMOTE_WEB).stream().map(Deployment::environment).toList());
        prod.environments().create(PROD, "Lab", "");
        refused("Environment 'Lab' is not in lifecycle 'Prod'; it deploys to Staging, Production.",
                () -> prod.deployments().deploy(PROD, REMOTE_WEB, "1.0.0", "Lab", true));
    }

    @Test
    void twoImportsOfOneBundleAtOnceAcceptItOnce() throws Exception {
        byte[] bundle = TestBundles.bundle(dev, "1.0.0", 1);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var a = pool.submit(() -> prod.imports().importBundle(PROD, bundle, null, TestBundles.values()));
            var b = pool.submit(() -> prod.imports().importBundle(PROD, bundle, null, TestBundles.values()));
            assertEquals(1, java.util.stream.Stream.of(a.get(), b.get()).filter(ImportService.Result::imported).count());
        } finally {
            pool.shutdown();
        }
        assertEquals(1, prod.releases().list(PROD, REMOTE_WEB).size());
        assertEquals(1, prod.audit().list(AuditFilter.ALL).stream().filter(e -> e.action().equals("release.import")).count());
    }

    @Test
    void anOlderBundleAfterANewerOneIsRefusedAsARollback() {
        byte[] first = TestBundles.bundle(dev, "1.0.0", 1);
        prod.imports().importBundle(PROD, TestBundles.revised(dev, "1.0.0", 2, List.of()), null, TestBundles.values());
        refused("This bundle has sequence number 1, but number 2 from the same source was already accepted: an older bundle cannot replace a newer one.",
                () -> prod.imports().importBundle(PROD, first, null, TestBundles.values()));
    }

    @Test
    void localReleasesAreDeployedInLifecycleOrderToo() {
        assertEquals("Release 1.0.0 cannot be deployed to Test yet: phase 'Dev' (all must complete) comes first and still needs a successful "
                + "deployment to Development.", assertThrows(Refusal.class, () -> dev.deployments().deploy(DEV, "Web", "1.0.0", "Test", true)).getMessage());
        dev.deployments().deploy(DEV, "Web", "1.0.0", "Development", true);
        assertTrue(dev.deployments().deploy(DEV, "Web", "1.0.0", "Test", true).succeeded());
        assertTrue(dev.deployments().upstream(DEV, "Web", "1.0.0").isEmpty(), "a release made here has no upstream history");
    }

    @Test
    void approvalIsNeededUntilTheFirstSuccessAndARejectionStopsLaterDeployments() {
        dev.approvals().setRequired(DEV, true);
        Refusal none = assertThrows(Refusal.class, () -> dev.deployments().deploy(DEV, "Web", "1.0.0", "Development", true));
        assertTrue(none.getMessage().contains("needs an approval"), none.getMessage());
        dev.approvals().decide(DEV, "Web", "1.0.0", odcm.model.release.Verdict.APPROVED, "looks right");
        dev.deployments().deploy(DEV, "Web", "1.0.0", "Development", true);
        dev.approvals().decide(DEV, "Web", "1.0.0", odcm.model.release.Verdict.REJECTED, "broke the login page");
        Refusal rejected = assertThrows(Refusal.class, () -> dev.deployments().deploy(DEV, "Web", "1.0.0", "Test", true));
        assertTrue(rejected.getMessage().contains("was rejected") && rejected.getMessage().contains("broke the login page"), rejected.getMessage());
    }

    @Test
    void connectedSpacesInOneStoreImportTheSameWay() {
        try (AppContext one = TestBundles.connected(tmp)) {
            byte[] bundle = TestBundles.bundle(one, "1.0.0", 1);
            ImportService.Result r = one.imports().importBundle(PROD, bundle, "Prod", TestBundles.values());
            assertTrue(r.imported(), r.sentence());
            assertEquals(TestBundles.SECRET, value(one.projects().find(PROD, REMOTE_WEB), "DbPassword", "Production"));
            assertEquals(List.of("Web"), one.projects().list(DEV).stream().map(Project::name).toList(), "the source project is untouched");
        }
    }

    /** An imported release reaching a phase that holds an environment template gets its instance there (decision 0057). */
    @Test
    void anImportedReleaseGetsAnInstanceOfATemplateInItsFirstPhase() {
        prod.templates().create(PROD, odcm.model.environment.EnvironmentTemplate.draft("Feature", "", List.of(), List.of(), List.of(),
                "#{Template.Name}-#{Release.Number}", odcm.model.environment.EnvironmentTemplate.OnExisting.SKIP, true, 0));
        prod.lifecycles().create(PROD, new odcm.model.lifecycle.LifecycleDraft("Branches", "", false, List.of(new odcm.model.lifecycle.LifecycleDraft.PhaseDraft(
                "Review", List.of(), List.of(), List.of(), odcm.model.lifecycle.ProgressionRule.ALL, List.of("Feature")),
                new odcm.model.lifecycle.LifecycleDraft.PhaseDraft("Live", List.of("Production"), List.of(), List.of(), null))));
        byte[] bundle = TestBundles.bundle(dev, "1.0.0", 1);
        var form = prod.imports().preview(PROD, bundle).form(prod.lifecycles().list(PROD).stream().filter(l -> l.name().equals("Branches")).findFirst().orElseThrow());
        assertEquals(List.of("Production", "Feature (template)"), List.copyOf(form.keySet()), "issue 18: the wizard's Values step has the template's rows");
        assertEquals(form.get("Production").size(), form.get("Feature (template)").size());
        Map<String, String> review = Map.of("AdminEmail", "review@example.org", "DbPassword", "review-pw");
        refused("Values were given for 'Feature-1.0.0', which is not an environment of lifecycle 'Branches' (Production) nor one of its templates"
                + " (Feature (template): a value for every instance of it).", () -> prod.imports().importBundle(PROD, bundle, "Branches",
                Map.of("Production", TestBundles.values().get("Production"), "Feature-1.0.0", review)));
        // The newcomer's values file: a value for the template is every instance's, so the instance made at import can be deployed to.
        assertTrue(prod.imports().importBundle(PROD, bundle, "Branches",
                Map.of("Production", TestBundles.values().get("Production"), "feature (TEMPLATE)", review)).imported());
        assertTrue(prod.environments().list(PROD).stream().anyMatch(e -> e.name().equals("Feature-1.0.0") && "Feature".equals(e.templateName())));
        assertEquals("environment.provision", lastAudit().action());
        assertEquals(java.util.Optional.of("review@example.org"), prod.projects().find(PROD, REMOTE_WEB).variables().stream()
                .filter(v -> v.name().equals("AdminEmail") && v.scope().equals(Scope.of(List.of("Feature (template)")))).map(Variable::value).findFirst());
        assertTrue(prod.deployments().deploy(PROD, REMOTE_WEB, "1.0.0", "Feature-1.0.0", true).succeeded(), "Region from its default, the rest the template's");
    }

    // ---- templates across spaces (decision 0058): DevTest's lifecycle holds Prod's template Feature in the phase that
    // promotes to Prod, with values scoped to it; the bundle carries both, Prod's import makes the template and provisions
    // its instance, and a receipt brings the instance back to DevTest's lifecycle view.

    static final String FEATURE = PROD + ": Feature (template)";

    static EnvironmentTemplate feature(String expression) {
        return EnvironmentTemplate.draft("Feature", "A branch's own stack", List.of(EnvironmentTemplate.parameter("Size:select(small|large)=small")),
                List.of(EnvironmentTemplate.step("Stack up:Run a script")), List.of(), expression, EnvironmentTemplate.OnExisting.SKIP, true, 0);
    }

    /** DevTest: the remote template in the Production phase beside Prod's Production, and Web's values for every instance of it. */
    private void devHoldsTheRemoteTemplate(EnvironmentTemplate t) {
        dev.trusts().add(DEV, PROD, TrustKind.DEPLOYMENT_RECEIPTS);
        dev.remoteTemplates().create(DEV, PROD, t);
        dev.lifecycles().update(DEV, "Main", new LifecycleDraft("Main", "", true, List.of(
                new PhaseDraft("Dev", List.of("Development"), List.of(), List.of(), ProgressionRule.ALL),
                new PhaseDraft("Test", List.of("Test"), List.of(), List.of(), ProgressionRule.ALL),
                new PhaseDraft("Production", List.of(), List.of(PROD + ": Production", FEATURE), List.of(PROD), ProgressionRule.ALL))));
        Project web = dev.projects().find(DEV, "Web");
        List<Variable> values = new ArrayList<>(web.variables());
        values.add(new Variable("AdminEmail", "feature-ops@example.org", false, Scope.of(List.of(FEATURE))));
        values.add(new Variable("DbPassword", "feature-pw-3321", true, Scope.of(List.of(FEATURE))));
        dev.projects().update(DEV, "Web", new ProjectDraft("Web", web.description(), "Main", web.process(), values, web.templates(), web.channels()));
    }

    private byte[] promote(String version) {
        dev.releases().create(DEV, "Web", version, "", null, List.of(new PackageVersion("Acme.Web", version, TestBundles.SHA)));
        TestBundles.throughTest(dev, version);
        Path file = tmp.resolve(version + ".odcmbundle");
        dev.bundles().create(DEV, "Web", version, PROD, file, 30, false);
        return ReceiptServiceTest.read(file);
    }

    @Test
    void aTemplateTravelsWithItsValuesItsInstanceIsProvisionedThereAndComesBackInAReceipt() {
        devHoldsTheRemoteTemplate(feature("feature-#{Release.Number}"));
        assertTrue(dev.environments().scopes(DEV).contains(FEATURE), "a scope like a remote environment");

        // The first import makes the template (from DevTest's bundles); Prod's administrator puts it in a phase.
        assertTrue(prod.imports().importBundle(PROD, promote("1.1.0"), null, TestBundles.values()).imported());
        EnvironmentTemplate made = prod.templates().list(PROD).get(0);
        assertEquals(List.of("Feature", "feature-#{Release.Number}", "Size"), List.of(made.name(), made.nameExpression().text(),
                made.parameters().get(0).name()));
        assertEquals("template.import", prod.audit().list(AuditFilter.ALL).stream().filter(e -> e.action().startsWith("template."))
                .findFirst().orElseThrow().action());
        prod.lifecycles().update(PROD, "Prod", new LifecycleDraft("Prod", "", true, List.of(
                new PhaseDraft("Staging", List.of("Staging"), List.of(), List.of(), ProgressionRule.ALL, List.of("Feature")),
                new PhaseDraft("Production", List.of("Production"), List.of(), List.of(), ProgressionRule.ALL))));

        // DevTest's definition changes (its description): the next bundle carries it, and the import updates the template it made.
        dev.store().write(tx -> {
            EnvironmentTemplate t = tx.templates().findRemoteBySpace(dev.spaces().find(DEV).id()).get(0).template();
            return tx.templates().update(new EnvironmentTemplate(t.id(), t.spaceId(), t.name(), "A branch's own stack, smaller", t.parameters(),
                    t.provisioning(), t.deprovisioning(), t.nameExpression(), t.onExisting(), t.deprovisionWhenProgressed(), t.deprovisionAfterDays(),
                    t.version()), t.version());
        });
        // The next release reaches the phase on import: its instance is provisioned, with the values scoped to the template.
        assertTrue(prod.imports().importBundle(PROD, promote("1.2.0"), null, TestBundles.values()).imported());
        assertEquals("A branch's own stack, smaller", prod.templates().list(PROD).get(0).description());
        assertTrue(prod.audit().list(AuditFilter.ALL).stream().anyMatch(e -> e.action().equals("template.import") && e.detail().contains("updated")
                && e.detail().contains("its description")), "the update is audited, saying what changed");
        assertEquals(List.of("feature-1.2.0"), prod.templates().instances(PROD, "Feature").stream().filter(Environment::isLive).map(Environment::name).toList());
        Project remote = prod.projects().find(PROD, REMOTE_WEB);
        assertTrue(remote.variables().stream().anyMatch(v -> v.name().equals("AdminEmail") && v.value().equals("feature-ops@example.org")
                && v.scope().environments().equals(List.of("Feature (template)"))), remote.variables().toString());
        assertTrue(remote.variables().stream().anyMatch(v -> v.name().equals("DbPassword") && v.sensitive()
                && v.scope().environments().equals(List.of("Feature (template)"))), "the sensitive one too, through secrets.cms (review 18b L7)");
        prod.deployments().deploy(PROD, REMOTE_WEB, "1.2.0", "feature-1.2.0", true); // its mandatory values are there: not refused

        // A receipt names the instance; DevTest's lifecycle view draws it after the remote template.
        Path back = tmp.resolve("back.odcmreceipt");
        prod.receipts().create(PROD, DEV, back, 30, false);
        assertTrue(dev.receipts().importReceipt(DEV, back).accepted());
        CompositeLifecycle view = dev.lifecycles().composite(DEV, "Web");
        List<String> drawn = view.nodes().stream().filter(n -> n.kind() == CompositeLifecycle.NodeKind.TEMPLATE
                || n.kind() == CompositeLifecycle.NodeKind.INSTANCE).map(n -> n.kind() + " " + n.label() + " " + n.detail()).toList();
        assertEquals(List.of("TEMPLATE " + FEATURE + " environment template of 'Prod Space'", "INSTANCE " + PROD + ": feature-1.2.0 instance of Feature"), drawn);


        // Review 18b M2, L2: a receipt names only live instances made for DevTest's releases (not one Prod made by hand, nor a
        // de-provisioned one); the next receipt replaces what DevTest knew, so a gone instance is no longer counted.
        prod.templates().instantiate(PROD, "Feature", "prod-own", Map.of());
        prod.templates().deprovision(PROD, "feature-1.2.0", false);
        Path later = tmp.resolve("later.odcmreceipt");
        prod.receipts().create(PROD, DEV, later, 30, false);
        assertTrue(dev.receipts().importReceipt(DEV, later).accepted());
        assertEquals(List.of(), dev.store().read(tx -> tx.receipts().remoteInstances(tx.spaces().findByName(DEV).orElseThrow().id())));
    }

    private List<Object> prodState() {
        return List.of(prod.templates().list(PROD), prod.projects().list(PROD).size(), prod.audit().list(AuditFilter.ALL).size(),
                prod.environments().list(PROD));
    }

    private String refusedAtProd(byte[] bundle) {
        List<Object> before = prodState();
        Refusal r = assertThrows(Refusal.class, () -> prod.imports().importBundle(PROD, bundle, null, TestBundles.values()));
        assertEquals(before, prodState(), "a refused import changes nothing");
        return r.getMessage();
    }

    @Test
    void anUntrustedOwnerAConflictingNameOrADifferentDefinitionIsRefusedAndADeclinedImportLeavesNoInstance() {
        assertEquals("'" + DEV + "' does not trust '" + PROD + "' for deployment receipts, so '" + FEATURE + "' cannot stand here: its instances"
                + " come back only in receipts from '" + PROD + "'. Trust it first.", assertThrows(Refusal.class,
                () -> dev.remoteTemplates().create(DEV, PROD, feature("f-#{Release.Number}"))).getMessage());
        assertTrue(dev.remoteTemplates().list(DEV).isEmpty());

        devHoldsTheRemoteTemplate(feature("feature-#{Release.Number}"));
        prod.templates().create(PROD, feature("ft-#{Release.Number}")); // Prod's own, defined differently
        byte[] bundle = promote("1.1.0");
        assertEquals("Release 1.1.0 from '" + DEV + "' carries environment template 'Feature', but '" + PROD + "' has its own template 'Feature',"
                + " defined differently (its name expression ('ft-#{Release.Number}' here, 'feature-#{Release.Number}' in the bundle)); make them"
                + " the same, or rename one, before importing.", refusedAtProd(bundle));

        prod.templates().delete(PROD, "Feature");
        prod.environments().create(PROD, "Feature", "");
        assertEquals("Release 1.1.0 from '" + DEV + "' carries environment template 'Feature', but '" + PROD + "' has an environment named"
                + " 'Feature'; rename one of them before importing.", refusedAtProd(bundle));

        prod.environments().delete(PROD, "Feature");
        prod.templates().create(PROD, feature("feature-#{Release.Number}")); // the same definition: the bundle's joins it, unchanged
        prod.lifecycles().update(PROD, "Prod", new LifecycleDraft("Prod", "", true, List.of(
                new PhaseDraft("Staging", List.of("Staging"), List.of(), List.of(), ProgressionRule.ALL, List.of("Feature")),
                new PhaseDraft("Production", List.of("Production"), List.of(), List.of(), ProgressionRule.ALL))));
        assertTrue(prod.imports().importBundle(PROD, bundle, null, TestBundles.values()).imported());
        assertEquals(1, prod.templates().list(PROD).get(0).version());
        assertEquals(List.of("feature-1.1.0"), prod.templates().instances(PROD, "Feature").stream().filter(Environment::isLive).map(Environment::name).toList());

        prod.acceptances().decline(PROD, REMOTE_WEB, "1.1.0", "Not this one"); // a declined import provisions nothing: its instance goes

        assertFalse(prod.templates().instances(PROD, "Feature").get(0).isLive());
        assertEquals(odcm.model.environment.Provisioning.Reason.DECLINED, prod.templates().history(PROD, "Feature").get(0).reason());
    }

    @Test
    void renamingTheOwnerRewritesTemplateScopesAndANameClashOrADeletedOwnerIsOneSentence() {
        devHoldsTheRemoteTemplate(feature("feature-#{Release.Number}"));
        // M1 (review 18b): the owner's new name reaches the scopes naming its remote template, as it does remote environments'.
        dev.spaces().rename(PROD, "Production Space");
        Project web = dev.projects().find(DEV, "Web");
        assertTrue(web.variables().stream().anyMatch(v -> v.name().equals("AdminEmail")
                && v.scope().environments().equals(List.of("Production Space: Feature (template)"))), web.variables().toString());
        dev.projects().update(DEV, "Web", new ProjectDraft("Web", "saved again", "Main", web.process(), web.variables(), web.templates(), web.channels()));
        dev.spaces().rename("Production Space", PROD);

        // M4: a local template named as a remote one, and deleting the space a remote template names: one sentence, nothing changed.
        assertEquals("'" + DEV + "' already has an environment template named 'Feature'; a space's templates, its own and remote ones, have"
                + " different names.", assertThrows(Refusal.class, () -> dev.templates().create(DEV, feature("f-#{Release.Number}"))).getMessage());
        assertTrue(dev.templates().list(DEV).isEmpty());
        dev.trusts().list(false).forEach(t -> dev.trusts().revoke(t.id(), "gone"));
        assertEquals("Cannot remove remote space '" + PROD + "' while " + DEV + "'s remote template '" + FEATURE + "' names it; delete that"
                + " template first.", assertThrows(Refusal.class, () -> dev.remotes().remove(PROD)).getMessage());
        assertEquals(1, dev.remoteTemplates().list(DEV).size());
    }

    /** DevTest's placeholder redefined as {@code d} (its id kept): what its next bundle carries. */
    private void devRedefines(EnvironmentTemplate d) {
        dev.store().write(tx -> {
            EnvironmentTemplate t = tx.templates().findRemoteBySpace(tx.spaces().findByName(DEV).orElseThrow().id()).get(0).template();
            return tx.templates().update(new EnvironmentTemplate(t.id(), t.spaceId(), d.name(), d.description(), d.parameters(),
                    d.provisioning(), d.deprovisioning(), d.nameExpression(), d.onExisting(), d.deprovisionWhenProgressed(), d.deprovisionAfterDays(), t.version()),
                    t.version());
        });
    }

    /**
     * Review 18b H1: a change to a template the bundles made is shown before the import (preview, result, the approver's review)
     * and follows the release's fate where imports await acceptance: not applied until accepted, dropped on decline; a change
     * that would leave a template standing in a phase unable to provision on its own is refused.
     */
    @Test
    void aChangedTemplateIsShownBeforeTheImportAppliedOnlyWhenAcceptedAndCheckedAgain() {
        devHoldsTheRemoteTemplate(feature("feature-#{Release.Number}"));
        String created = "template 'Feature' created, in no lifecycle phase yet: put it in one so a release gets an instance";
        byte[] first = promote("1.1.0");
        assertEquals(created, prod.imports().preview(PROD, first).templates());
        String sentence = prod.imports().importBundle(PROD, first, null, TestBundles.values()).sentence();
        assertTrue(sentence.endsWith("; " + created + "."), sentence);
        prod.lifecycles().update(PROD, "Prod", new LifecycleDraft("Prod", "", true, List.of(
                new PhaseDraft("Staging", List.of("Staging"), List.of(), List.of(), ProgressionRule.ALL, List.of("Feature")),
                new PhaseDraft("Production", List.of("Production"), List.of(), List.of(), ProgressionRule.ALL))));
        prod.acceptances().setRequired(PROD, true);
        EnvironmentTemplate before = prod.templates().list(PROD).get(0);

        EnvironmentTemplate firewall = EnvironmentTemplate.draft("Feature", "A branch's own stack", before.parameters(),
                List.of(EnvironmentTemplate.step("Open firewall:Run a script")), List.of(), "feature-#{Release.Number}", EnvironmentTemplate.OnExisting.SKIP, false, 0);
        devRedefines(firewall);
        byte[] changed = promote("1.2.0");
        String held = "template 'Feature' changed (its provisioning steps, its rules for existing and idle instances) when the release is accepted, not before";
        assertEquals(held, prod.imports().preview(PROD, changed).templates());
        sentence = prod.imports().importBundle(PROD, changed, null, TestBundles.values()).sentence();
        assertTrue(sentence.endsWith("; " + held + "."), sentence);
        assertEquals(before, prod.templates().list(PROD).get(0), "not before it is accepted");
        assertEquals(held, prod.acceptances().review(PROD, REMOTE_WEB, "1.2.0").templates(), "the approver sees it");
        prod.acceptances().decline(PROD, REMOTE_WEB, "1.2.0", "Not this firewall");
        assertEquals(before, prod.templates().list(PROD).get(0), "a decline keeps the definition as it was");
        assertEquals("", prod.acceptances().review(PROD, REMOTE_WEB, "1.2.0").templates());

        assertTrue(prod.imports().importBundle(PROD, promote("1.3.0"), null, TestBundles.values()).imported());
        prod.acceptances().accept(PROD, REMOTE_WEB, "1.3.0", "");
        EnvironmentTemplate after = prod.templates().list(PROD).get(0);
        assertEquals(List.of("Open firewall", "false"), List.of(after.provisioning().get(0).name(), String.valueOf(after.deprovisionWhenProgressed())));
        assertTrue(prod.audit().list(AuditFilter.ALL).stream().anyMatch(e -> e.action().equals("template.import")
                && e.detail().startsWith("updated as release 1.3.0 was accepted")));

        devRedefines(EnvironmentTemplate.draft("Feature", "A branch's own stack", List.of(before.parameters().get(0), EnvironmentTemplate.parameter("Owner")),
                firewall.provisioning(), List.of(), "feature-#{Release.Number}", EnvironmentTemplate.OnExisting.SKIP, false, 0));
        byte[] noDefault = promote("1.4.0");
        String refused = "Release 1.4.0 from '" + DEV + "' carries environment template 'Feature' changed so that it can no longer provision on its own,"
                + " while it stands in lifecycle Prod: Template 'Feature' cannot provision on its own in a lifecycle phase: parameter Owner has no default.";
        assertEquals(refused, prod.imports().preview(PROD, noDefault).templates());
        assertEquals(refused, refusedAtProd(noDefault));
    }
}

package odcm.app.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import odcm.app.apply.ApplyService;
import odcm.model.audit.AuditEntry;
import odcm.model.audit.AuditText;
import odcm.model.project.DeploymentStep;
import odcm.model.project.PackageReference;
import odcm.model.project.ProjectDraft;
import odcm.model.project.Scope;
import odcm.model.project.Variable;
import odcm.model.release.PackageVersion;
import odcm.model.release.Release;
import org.junit.jupiter.api.Test;

/**
 * Real content at size has no limit a user can hit: a release of 10,000 packages, a project of 5,000 steps, an apply
 * document of 300 environments are saved, and each audit entry names what changed (counts, the first few names) without
 * copying the whole content, the chain verifying. (Before: the audit detail column refused them.)
 */
class LargeContentTest extends BundleFixture {

    @Test
    void aProjectOfFiveThousandStepsIsSavedAndAudited() {
        organisation();
        ctx.lifecycles().create(DEV, mainLifecycle());
        ctx.projects().create(DEV, project("Big", 5_000, 1, 1));
        assertEquals(5_000, ctx.projects().find(DEV, "Big").process().size());
        AuditEntry created = lastAudit();
        assertEquals("project.create", created.action());
        assertTrue(created.detail().contains("5000 steps (Step 1, Step 2, Step 3, Step 4, Step 5, Step 6, Step 7, Step 8, and 4992 more)"),
                created.detail());
        assertFalse(created.detail().contains("Step 9,"), "not the whole process");
        assertTrue(created.detail().length() < 1000, created.detail());

        ctx.projects().update(DEV, "Big", project("Big", 5_001, 1, 1));
        assertTrue(lastAudit().detail().contains("5001 steps (Step 1, "), lastAudit().detail());
        assertTrue(ctx.audit().verify().isIntact(), ctx.audit().verify().sentence());
    }

    @Test
    void aReleaseOfTenThousandPackagesIsSavedAndAudited() {
        organisation();
        ctx.lifecycles().create(DEV, mainLifecycle());
        ctx.projects().create(DEV, project("Big", 100, 100, 0)); // 100 steps of 100 packages each
        List<PackageVersion> packages = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            packages.add(new PackageVersion("Pkg" + i, "1.0." + i, String.format("%064x", i)));
        }
        Release r = ctx.releases().create(DEV, "Big", "1.0.0", "", null, packages);
        assertEquals(packages, r.snapshot().packages());
        assertEquals(r, ctx.releases().find(DEV, "Big", "1.0.0"), "what was saved reads back the same");
        AuditEntry created = lastAudit();
        assertEquals("release.create", created.action());
        assertTrue(created.detail().startsWith("channel Default; 100 steps, 0 variables, 0 templates; 10000 packages: Pkg0 1.0.0 (sha256 "
                + "0".repeat(64) + "), Pkg1 1.0.1 ("), created.detail());
        assertTrue(created.detail().endsWith(", and 9992 more"), created.detail());
        assertTrue(ctx.audit().verify().isIntact(), ctx.audit().verify().sentence());
    }

    @Test
    void aReleaseOfTenThousandPackagesGoesThroughABundle() {
        connected(odcm.packaging.cert.KeyAlgorithm.EC_P256, odcm.packaging.cert.KeyAlgorithm.EC_P256);
        prodLifecycle();
        ctx.projects().create(DEV, project("Big", 100, 100, 0));
        List<PackageVersion> packages = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            packages.add(new PackageVersion("Pkg" + i, "1.0." + i, String.format("%064x", i)));
        }
        ctx.releases().create(DEV, "Big", "1.0.0", "", null, packages);
        ctx.deployments().deploy(DEV, "Big", "1.0.0", "Development", true); // the phases before the promotion (decision 0045)
        ctx.deployments().deploy(DEV, "Big", "1.0.0", "Test", true);
        BundleService.Delivered d = ctx.bundles().deliver(DEV, "Big", "1.0.0", PROD, 30); // made, verified and imported by Prod
        assertTrue(d.imported().imported(), d.sentence());
        assertEquals(packages, ctx.releases().find(PROD, DEV + ": Big", "1.0.0").snapshot().packages());
        AuditEntry imported = lastAudit();
        assertEquals("release.import", imported.action());
        assertTrue(imported.detail().contains("; 10000 packages, 100 steps, 0 variables, 0 templates;"), imported.detail());
        assertTrue(ctx.audit().verify().isIntact(), ctx.audit().verify().sentence());
    }

    @Test
    void applyOfThreeHundredEnvironmentsAndTheirLifecycleIsAuditedInBrief() {
        open();
        local(DEV);
        StringBuilder environments = new StringBuilder();
        StringBuilder names = new StringBuilder();
        for (int i = 1; i <= 300; i++) {
            environments.append(i == 1 ? "" : ",").append("{\"name\": \"Environment number ").append(i).append("\"}");
            names.append(i == 1 ? "" : ",").append("\"Environment number ").append(i).append("\"");
        }
        String doc = "{\"space\": \"" + DEV + "\", \"environments\": [" + environments + "], \"lifecycles\": [{\"name\": \"All\","
                + " \"default\": true, \"phases\": [{\"name\": \"Everywhere\", \"environments\": [" + names + "]}]}]}";
        List<String> done = new ApplyService(ctx).apply(ApplyService.parse(doc.getBytes(StandardCharsets.UTF_8)));
        assertEquals(301, done.size());
        assertEquals(300, ctx.environments().list(DEV).size());
        AuditEntry apply = lastAudit();
        assertEquals("apply", apply.action());
        assertTrue(apply.detail().startsWith("301 changes: created environment 'Environment number 1'; created environment 'Environment number 2';"),
                apply.detail());
        assertTrue(apply.detail().endsWith("; and 293 more"), apply.detail());
        AuditEntry lifecycle = audit().stream().filter(a -> a.action().equals("lifecycle.create")).findFirst().orElseThrow();
        assertTrue(lifecycle.detail().contains("Everywhere [Environment number 1, Environment number 2, ")
                && lifecycle.detail().contains(", and 292 more] (all must complete)"), lifecycle.detail());
        assertTrue(ctx.audit().verify().isIntact(), ctx.audit().verify().sentence());
    }

    @Test
    void wordsLongerThanTheStoreKeepsAreShortenedSayingSoAndStillChained() {
        open();
        String detail = "x".repeat(AuditText.MAX_DETAIL) + "\uD83D\uDE00".repeat(10_000);
        AuditEntry e = ctx.store().write(tx -> tx.audit().append("test.long", "s".repeat(1_000), detail));
        assertTrue(e.subject().length() <= AuditText.MAX_SUBJECT && e.subject().endsWith(" more characters)"), e.subject());
        assertTrue(e.detail().length() <= AuditText.MAX_DETAIL && e.detail().endsWith(" … (" + (detail.length() - (AuditText.MAX_DETAIL - 40))
                + " more characters)"), e.detail().substring(AuditText.MAX_DETAIL - 60));
        assertEquals(e, lastAudit(), "stored as it was chained");
        assertTrue(ctx.audit().verify().isIntact(), ctx.audit().verify().sentence());
    }

    /** {@code steps} steps named "Step 1"…, each deploying {@code packagesPerStep} packages, and {@code variables} variables. */
    static ProjectDraft project(String name, int steps, int packagesPerStep, int variables) {
        List<DeploymentStep> process = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            List<PackageReference> refs = new ArrayList<>();
            for (int k = 0; k < packagesPerStep; k++) {
                refs.add(new PackageReference("Pkg" + (i * packagesPerStep + k)));
            }
            process.add(new DeploymentStep("Step " + (i + 1), "Run a script", Map.of("Script", "echo " + i), Scope.ALL, refs));
        }
        List<Variable> vars = new ArrayList<>();
        for (int i = 0; i < variables; i++) {
            vars.add(new Variable("Var" + i, "value " + i, false, Scope.ALL));
        }
        return new ProjectDraft(name, "", "Main", process, vars, List.of(), List.of());
    }
}

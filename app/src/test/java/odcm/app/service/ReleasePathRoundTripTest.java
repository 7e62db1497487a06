package odcm.app.service;

import static odcm.app.TestBundles.DEV;
import static odcm.app.TestBundles.PROD;
import static odcm.app.TestBundles.REMOTE_WEB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import odcm.app.TestBundles;
import odcm.model.Refusal;
import odcm.model.project.Project;
import odcm.model.project.ProjectDraft;
import odcm.model.project.Scope;
import odcm.model.project.Variable;
import odcm.model.release.Verdict;
import odcm.model.trust.TrustKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release's path across the air gap, every rule of issue 15 in one trip (decisions 0045–0048): DevTest (network A)
 * cannot promote Web 1.0.0 past a phase it skipped, nor while it is rejected there; Prod (network B) requires acceptance
 * of imports and gates Production. The import awaits acceptance; once accepted it deploys to Staging; a rejection then
 * stops it everywhere. DevTest updates its variables (revision 2), takes it through its phases again and promotes it; Prod
 * sees an update of revision 1, accepts it after its diff, and — the rejection binding revision 2 too — approves it before
 * it reaches Production. The receipt names revision 2 back at DevTest.
 */
class ReleasePathRoundTripTest {
    @TempDir
    Path tmp;
    AppContext dev;
    AppContext prod;

    @BeforeEach
    void networks() {
        AppContext[] both = TestBundles.twoNetworks(tmp);
        dev = both[0];
        prod = both[1];
        dev.trusts().add(DEV, PROD, TrustKind.DEPLOYMENT_RECEIPTS);
    }

    @AfterEach
    void close() {
        dev.close();
        prod.close();
    }

    private static String refused(Supplier<?> action) {
        return assertThrows(Refusal.class, action::get).getMessage();
    }

    private Path bundle(String name) {
        Path f = tmp.resolve(name);
        dev.bundles().create(DEV, "Web", "1.0.0", PROD, f, 30, false);
        return f;
    }

    private void deployAtProd(String environment) {
        prod.deployments().deploy(PROD, REMOTE_WEB, "1.0.0", environment, true);
    }

    @Test
    void aReleaseTakesItsPathThroughBothSpacesAndComesBackAsRevisionTwo() throws Exception {
        prod.acceptances().setRequired(PROD, true);
        prod.approvals().setGate(PROD, "Production", true);

        // 1. Promotion follows the lifecycle: phases Dev and Test come before the promotion to Prod.
        Path skipped = tmp.resolve("skipped.odcmbundle");
        String noPhase = refused(() -> dev.bundles().create(DEV, "Web", "1.0.0", PROD, skipped, 30, false));
        assertTrue(noPhase.contains("phase 'Dev'") && noPhase.contains("Development"), noPhase);
        dev.deployments().deploy(DEV, "Web", "1.0.0", "Development", true);
        String noTest = refused(() -> dev.bundles().create(DEV, "Web", "1.0.0", PROD, skipped, 30, false));
        assertTrue(noTest.contains("phase 'Test'"), noTest);
        assertFalse(Files.exists(skipped), "a refused promotion writes no file");
        dev.deployments().deploy(DEV, "Web", "1.0.0", "Test", true);

        // 2. A rejection binds promotion too, whether or not the space requires approval, until a later approval.
        dev.approvals().decide(DEV, "Web", "1.0.0", Verdict.REJECTED, "load test pending");
        assertTrue(refused(() -> dev.bundles().create(DEV, "Web", "1.0.0", PROD, skipped, 30, false)).contains("was rejected in 'DevTest Space'"));
        dev.approvals().decide(DEV, "Web", "1.0.0", Verdict.APPROVED, "load test passed");
        Path first = bundle("r1.odcmbundle");

        // 4. Acceptance before any deployment of the import.
        assertTrue(prod.imports().importBundle(PROD, Files.readAllBytes(first), null, TestBundles.values()).imported());
        assertTrue(refused(() -> { deployAtProd("Staging"); return null; }).contains("awaits acceptance in Prod Space"));
        assertTrue(prod.acceptances().review(PROD, REMOTE_WEB, "1.0.0").firstImport());
        prod.acceptances().accept(PROD, REMOTE_WEB, "1.0.0", "first import reviewed");
        deployAtProd("Staging");

        // 2/3. A rejection at the target stops every environment, gated (Production) or not (Staging).
        prod.approvals().decide(PROD, REMOTE_WEB, "1.0.0", Verdict.REJECTED, "log level too verbose");
        assertTrue(refused(() -> { deployAtProd("Staging"); return null; }).contains("was rejected in Prod Space"));
        assertTrue(refused(() -> { deployAtProd("Production"); return null; }).contains("was rejected in Prod Space"));

        // 5. Re-promotion: the source updates the release's variables (revision 2) and takes it through its phases again.
        Project p = dev.projects().find(DEV, "Web");
        List<Variable> vars = new java.util.ArrayList<>(p.variables());
        vars.replaceAll(v -> v.name().equals("LogLevel") ? new Variable("LogLevel", "Warn", false, Scope.ALL) : v);
        dev.projects().update(DEV, "Web", new ProjectDraft("Web", p.description(), "Main", p.process(), vars, p.templates(), p.channels()));
        assertEquals(2, dev.releases().updateVariables(DEV, "Web", "1.0.0").revision());
        String again = refused(() -> dev.bundles().create(DEV, "Web", "1.0.0", PROD, skipped, 30, false));
        assertTrue(again.contains("phase 'Dev'"), "revision 2 goes through the phases again: " + again);
        TestBundles.throughTest(dev, "1.0.0");
        byte[] second = Files.readAllBytes(bundle("r2.odcmbundle"));
        assertEquals("Update of 1.0.0: revision 2 (revision 1 is here)", prod.imports().preview(PROD, second).update().orElseThrow().words());
        assertTrue(prod.imports().importBundle(PROD, second, null, Map.of()).imported());

        // Revision 2 is accepted after its diff against revision 1; the rejection of revision 1 still binds it.
        assertTrue(refused(() -> { deployAtProd("Staging"); return null; }).contains("awaits acceptance"));
        AcceptanceService.Review review = prod.acceptances().review(PROD, REMOTE_WEB, "1.0.0");
        assertEquals(2, review.revision());
        assertFalse(review.firstImport());
        assertEquals("1 variable changed.", review.diff().summary());
        prod.acceptances().accept(PROD, REMOTE_WEB, "1.0.0", "only the log level changed");
        assertTrue(refused(() -> { deployAtProd("Staging"); return null; }).contains("binds revision 2"));
        prod.approvals().decide(PROD, REMOTE_WEB, "1.0.0", Verdict.APPROVED, "Warn is right");
        deployAtProd("Staging");
        deployAtProd("Production");

        // The receipt names revision 2 back at the source.
        Path receipt = tmp.resolve("back.odcmreceipt");
        prod.receipts().create(PROD, DEV, receipt, 30, false);
        assertEquals(3, dev.receipts().importReceipt(DEV, receipt).recorded(), "Staging (revision 1), Staging and Production (revision 2)");
        assertEquals("1.0.0 (revision 2)", dev.dashboards().dashboard(DEV).row("Web").orElseThrow().cell(PROD, "Production").orElseThrow().release());
        assertTrue(dev.audit().verify().isIntact());
        assertTrue(prod.audit().verify().isIntact());
    }
}

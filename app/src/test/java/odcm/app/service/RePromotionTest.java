package odcm.app.service;

import static odcm.app.TestBundles.DEV;
import static odcm.app.TestBundles.PROD;
import static odcm.app.TestBundles.REMOTE_WEB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import odcm.app.TestBundles;
import odcm.model.Refusal;
import odcm.model.audit.AuditFilter;
import odcm.model.compare.Section;
import odcm.model.dashboard.Dashboard;
import odcm.model.project.Project;
import odcm.model.project.ProjectDraft;
import odcm.model.project.Scope;
import odcm.model.project.Variable;
import odcm.model.release.Release;
import odcm.model.trust.TrustKind;
import odcm.packaging.bundle.BundleContent;
import odcm.packaging.bundle.VerificationOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Re-promotion across the air gap (issue 15 point 5, decision 0048): DevTest (network A) promotes Web 1.0.0 to Prod
 * (network B); DevTest updates the release's variables (revision 2) and promotes it again; Prod sees the bundle as an update
 * of 1.0.0 with the diff against revision 1, imports it as revision 2 and deploys it; the receipt flows back and DevTest's
 * dashboard names revision 2.
 */
class RePromotionTest {
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

    /** Through DevTest's earlier phases first, as promotion in lifecycle order asks; then a bundle for Prod. */
    private byte[] promote(String file) {
        dev.deployments().deploy(DEV, "Web", "1.0.0", "Development", true);
        dev.deployments().deploy(DEV, "Web", "1.0.0", "Test", true);
        Path f = tmp.resolve(file);
        dev.bundles().create(DEV, "Web", "1.0.0", PROD, f, 30, false);
        try {
            return Files.readAllBytes(f);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void setLogLevel(String level) {
        Project p = dev.projects().find(DEV, "Web");
        List<Variable> vars = new java.util.ArrayList<>(p.variables());
        vars.replaceAll(v -> v.name().equals("LogLevel") ? new Variable("LogLevel", level, false, Scope.ALL) : v);
        dev.projects().update(DEV, "Web", new ProjectDraft("Web", p.description(), "Main", p.process(), vars, p.templates(), p.channels()));
    }

    private static String cell(Dashboard d, String project, String owner, String environment) {
        return d.row(project).orElseThrow().cell(owner, environment).orElseThrow().release();
    }

    @Test
    void revisionTwoTravelsIsImportedAsAnUpdateWithItsDiffAndComesBackInTheReceipt() {
        byte[] first = promote("r1.odcmbundle");
        assertTrue(prod.imports().importBundle(PROD, first, null, TestBundles.values()).imported());
        Release atProd1 = prod.releases().find(PROD, REMOTE_WEB, "1.0.0");

        // The target cannot update an imported release's variables: they come from its source.
        Refusal imported = assertThrows(Refusal.class, () -> prod.releases().updateVariables(PROD, REMOTE_WEB, "1.0.0"));
        assertEquals("Release 1.0.0 of 'DevTest Space: Web' was imported from 'DevTest Space', so its variables come only from there: update"
                + " them in 'DevTest Space' and promote it again.", imported.getMessage());

        setLogLevel("Debug");
        assertEquals(2, dev.releases().updateVariables(DEV, "Web", "1.0.0").revision());
        byte[] second = promote("r2.odcmbundle");

        VerificationOutcome.Genuine g = assertInstanceOf(VerificationOutcome.Genuine.class, prod.imports().check(PROD, second));
        assertEquals(2, g.content().revision(), "the bundle carries the source's revision");
        ImportService.Preview p = prod.imports().preview(PROD, second);
        ImportService.Update u = p.update().orElseThrow();
        assertEquals("Update of 1.0.0: revision 2 (revision 1 is here)", u.words());
        assertEquals("", u.refusal());
        assertEquals("1 variable changed.", u.diff().summary());
        assertEquals(List.of(Section.VARIABLES), u.diff().changes().stream().map(e -> e.section()).distinct().toList());
        assertEquals("LogLevel (all environments)", u.diff().changes().get(0).name());

        ImportService.Result r = prod.imports().importBundle(PROD, second, null, Map.of());
        assertEquals("Imported release 1.0.0 (revision 2) of 'DevTest Space: Web' into 'Prod Space' with lifecycle 'Prod'.", r.sentence());
        assertEquals(2, prod.releases().revision(PROD, REMOTE_WEB, "1.0.0"));
        Release atProd2 = prod.releases().find(PROD, REMOTE_WEB, "1.0.0");
        assertEquals(atProd1.snapshot().process(), atProd2.snapshot().process());
        assertEquals("Debug", atProd2.snapshot().variables().stream().filter(v -> v.name().equals("LogLevel")).findFirst().orElseThrow().value());
        assertTrue(prod.audit().list(AuditFilter.ALL).get(1).detail().startsWith("revision 1 superseded by revision 2"));

        prod.deployments().deploy(PROD, REMOTE_WEB, "1.0.0", "Staging", true);
        assertEquals("1.0.0 (revision 2)", cell(prod.dashboards().dashboard(PROD), REMOTE_WEB, "", "Staging"));

        Path receipt = tmp.resolve("back.odcmreceipt");
        prod.receipts().create(PROD, DEV, receipt, 30, false);
        assertEquals(1, dev.receipts().importReceipt(DEV, receipt).recorded());
        assertEquals("1.0.0 (revision 2)", cell(dev.dashboards().dashboard(DEV), "Web", PROD, "Staging"),
                "the source's dashboard names the revision that was deployed");
        assertEquals("1.0.0 (revision 2)", cell(dev.dashboards().dashboard(DEV), "Web", "", "Test"));
        assertTrue(dev.audit().verify().isIntact());
        assertTrue(prod.audit().verify().isIntact());
    }

    /** Bundles may arrive in any order: revision 1 delivered after revision 2 would roll the values back, so it is refused. */
    @Test
    void anEarlierRevisionArrivingLateIsRefusedAndChangesNothing() {
        promote("r1.odcmbundle");
        Release rev1 = dev.releases().find(DEV, "Web", "1.0.0");
        setLogLevel("Debug");
        dev.releases().updateVariables(DEV, "Web", "1.0.0");
        assertTrue(prod.imports().importBundle(PROD, promote("r2.odcmbundle"), null, TestBundles.values()).imported());
        assertEquals(2, prod.releases().revision(PROD, REMOTE_WEB, "1.0.0"), "its earlier revision never came: it keeps the source's number");

        Instant now = dev.spaces().now();
        byte[] late = TestBundles.write(dev, BundleContent.of(rev1, DEV, PROD, 5, now.minusSeconds(60), now.plus(Duration.ofDays(1)), List.of()));
        ImportService.Preview p = prod.imports().preview(PROD, late);
        String sentence = "The bundle holds revision 1 of release 1.0.0 of 'DevTest Space: Web', but 'Prod Space' already has revision 2 of it;"
                + " an earlier revision never replaces a later one, so nothing was imported.";
        assertEquals(sentence, p.update().orElseThrow().refusal());
        long entries = prod.audit().lastSeq();
        Refusal r = assertThrows(Refusal.class, () -> prod.imports().importBundle(PROD, late, null, TestBundles.values()));
        assertEquals(sentence, r.getMessage());
        assertEquals(entries, prod.audit().lastSeq(), "nothing recorded");
        assertEquals(2, prod.releases().revision(PROD, REMOTE_WEB, "1.0.0"));
        assertFalse(prod.releases().find(PROD, REMOTE_WEB, "1.0.0").snapshot().variables().stream().anyMatch(v -> v.value().equals("Info")));
    }
}

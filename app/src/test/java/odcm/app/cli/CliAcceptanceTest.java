package odcm.app.cli;

import static odcm.app.TestBundles.PROD;
import static odcm.app.TestBundles.REMOTE_WEB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import odcm.app.TestBundles;
import odcm.app.cli.CliHarness.Result;
import odcm.app.service.AppContext;
import odcm.model.project.DeploymentStep;
import odcm.model.project.Scope;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance before import on the command line (issue 15, point 4; decision 0047), network B's store with bundles from network
 * A: {@code space require-acceptance}, the deployment refused in one line until {@code import accept}, {@code import decline},
 * {@code import pending}, {@code import show} (the diff against the previous import, revision 2 against revision 1), and the
 * importer's own acceptance refused where the space separates duties.
 */
class CliAcceptanceTest {
    @TempDir
    Path tmp;
    CliHarness prod;
    Path first;
    Path revised;
    String me;

    @BeforeEach
    void networks() throws Exception {
        AppContext[] both = TestBundles.twoNetworks(tmp);
        first = Files.write(tmp.resolve("web-1.0.0.odcmbundle"), TestBundles.bundle(both[0], "1.0.0", 1));
        revised = Files.write(tmp.resolve("web-1.0.0-r2.odcmbundle"), TestBundles.revised(both[0], "1.0.0", 2, List.of(
                new DeploymentStep("Warm cache", "Run a script", Map.of("Script", "curl -s http://localhost/warm"), Scope.ALL, List.of()))));
        me = both[1].store().person().name();
        both[0].close();
        both[1].close();
        prod = new CliHarness(tmp.resolve("network-b"));
    }

    private void importBundle(Path bundle) throws Exception {
        Path values = Files.writeString(tmp.resolve("values.json"), "{\"Staging\": {\"AdminEmail\": \"a@example.org\", \"DbPassword\": \"pw-1\"},"
                + " \"Production\": {\"AdminEmail\": \"b@example.org\"}}");
        CliTest.ok(prod.run("bundle", "import", bundle.toString(), "--space", PROD, "--values", values.toString()));
    }

    private Result refused(String... args) {
        String before = prod.listings() + prod.run("deployment", "list", "--space", PROD, "--project", REMOTE_WEB).out();
        Result r = prod.run(args);
        assertEquals(1, r.exit(), r.out() + r.err());
        assertEquals(1, r.err().lines().count(), "one line: " + r.err());
        assertEquals(before, prod.listings() + prod.run("deployment", "list", "--space", PROD, "--project", REMOTE_WEB).out(), "nothing changed");
        return r;
    }

    private Result deployToStaging() {
        return prod.run("deploy", "--space", PROD, "--project", REMOTE_WEB, "1.0.0", "--to", "Staging");
    }

    @Test
    void anUnacceptedImportIsNotDeployedUntilAnApproverAcceptsItAfterReviewingItsChanges() throws Exception {
        assertEquals("'" + PROD + "' requires an imported release to be accepted before its deployment there.\n",
                CliTest.ok(prod.run("space", "require-acceptance", PROD, "on")).out());
        importBundle(first);
        assertEquals("Release 1.0.0 of " + REMOTE_WEB + " was imported by " + me + " and awaits acceptance in " + PROD + "; an approver accepts it"
                + " after reviewing its changes (odcm import accept \"" + PROD + "\" \"" + REMOTE_WEB + "\" 1.0.0).\n", refused("deploy", "--space", PROD,
                "--project", REMOTE_WEB, "1.0.0", "--to", "Staging").err());
        assertEquals("Release 1.0.0 of '" + REMOTE_WEB + "' imported by " + me + " awaits acceptance.\n", CliTest.ok(prod.run("import", "pending", PROD)).out());
        String show = CliTest.ok(prod.run("import", "show", PROD, REMOTE_WEB, "1.0.0")).out();
        assertTrue(show.contains("First import of '" + REMOTE_WEB + "' here, everything is new.") && show.contains("FROM nothing: first import")
                && show.contains("Awaits acceptance in " + PROD + ".") && show.contains("+  Deploy web"), show);

        assertEquals(2, prod.run("import", "decline", PROD, REMOTE_WEB, "1.0.0").exit(), "a decline without its reason is a wrong command line");
        CliTest.ok(prod.run("import", "decline", PROD, REMOTE_WEB, "1.0.0", "--comment", "Region is wrong"));
        assertTrue(refused("deploy", "--space", PROD, "--project", REMOTE_WEB, "1.0.0", "--to", "Staging").err()
                .startsWith("Release 1.0.0 of " + REMOTE_WEB + " was declined in " + PROD + " by " + me + ": Region is wrong;"));
        String accepted = CliTest.ok(prod.run("import", "accept", PROD, REMOTE_WEB, "1.0.0", "--comment", "checked")).out();
        assertTrue(accepted.startsWith("Release 1.0.0 of '" + REMOTE_WEB + "' accepted by " + me + " (snapshot "), accepted);
        CliTest.ok(deployToStaging());
        assertEquals("Every release imported into '" + PROD + "' is accepted.\n", CliTest.ok(prod.run("import", "pending", PROD)).out());

        importBundle(revised); // revision 2 of 1.0.0: accepted anew, after its diff against revision 1
        assertTrue(refused("deploy", "--space", PROD, "--project", REMOTE_WEB, "1.0.0", "--to", "Staging").err()
                .startsWith("Release 1.0.0 (revision 2) of " + REMOTE_WEB + " was imported by " + me + " and awaits acceptance"));
        String diff = CliTest.ok(prod.run("import", "show", PROD, REMOTE_WEB, "1.0.0")).out();
        assertTrue(diff.contains("Compared with 1.0.0 (revision 1), the previous import of '" + REMOTE_WEB + "'.") && diff.contains("+  Warm cache")
                && !diff.contains("Deploy web"), diff);
        CliTest.ok(prod.run("import", "accept", PROD, REMOTE_WEB, "1.0.0"));
        CliTest.ok(deployToStaging());
    }

    @Test
    void refusalsEachWithTheirSentence() throws Exception {
        assertEquals("'" + PROD + "' does not require imports to be accepted (odcm space require-acceptance).\n",
                CliTest.ok(prod.run("import", "pending", PROD)).out());
        assertEquals("require-acceptance is on or off, not 'maybe'.\n", refused("space", "require-acceptance", PROD, "maybe").err());
        importBundle(first);
        CliTest.ok(prod.run("space", "require-acceptance", PROD, "on"));
        CliTest.ok(prod.run("space", "duties", PROD, "--approver-not-maker", "on"));
        assertEquals(me + " imported release 1.0.0 of " + REMOTE_WEB + ", so another approver must accept it (separation of duties in '" + PROD + "').\n",
                refused("import", "accept", PROD, REMOTE_WEB, "1.0.0").err());
        assertEquals("'" + PROD + "' has no project named 'Nope'.\n", refused("import", "accept", PROD, "Nope", "1.0.0").err());
        assertEquals("Project '" + REMOTE_WEB + "' has no release 9.9.9.\n", refused("import", "decline", PROD, REMOTE_WEB, "9.9.9", "--comment", "x").err());
        assertEquals("Say why the import is declined: declining needs a reason (--comment).\n",
                refused("import", "decline", PROD, REMOTE_WEB, "1.0.0", "--comment", "  ").err());
        CliTest.ok(prod.run("import", "decline", PROD, REMOTE_WEB, "1.0.0", "--comment", "the importer may decline"));
        assertTrue(CliTest.ok(prod.run("import", "pending", PROD)).out().contains("was declined by " + me + ": the importer may decline"));
    }
}

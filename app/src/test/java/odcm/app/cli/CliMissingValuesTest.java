package odcm.app.cli;

import static odcm.app.TestBundles.PROD;
import static odcm.app.TestBundles.REMOTE_WEB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import odcm.app.TestBundles;
import odcm.app.cli.CliHarness.Result;
import odcm.app.service.AppContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 15 point 6 on the command line: {@code project missing-values}, deploying a release made here, apply of a remote project's values. */
class CliMissingValuesTest {
    static final String SPACE = "DevTest Space";

    @TempDir
    Path tmp;

    Path doc(String text) throws Exception {
        return Files.writeString(tmp.resolve("doc-" + System.nanoTime() + ".json"), text);
    }

    static String refused(CliHarness cli, String space, String... args) {
        String before = cli.listings() + cli.run("project", "list", "--space", space, "--json").out() + cli.run("audit", "list").out();
        Result r = cli.run(args);
        assertEquals(Cli.REFUSED, r.exit(), r.out() + r.err());
        assertFalse(r.err().strip().contains("\n"), "one line: " + r.err());
        assertEquals(before, cli.listings() + cli.run("project", "list", "--space", space, "--json").out() + cli.run("audit", "list").out(),
                "nothing changed");
        return r.err().strip();
    }

    @Test
    void missingValuesAreListedPerProjectAndEnvironmentAndALocalReleaseWithoutThemIsNotDeployed() throws Exception {
        CliHarness cli = new CliHarness(tmp.resolve("store"));
        CliTest.ok(cli.run("space", "create", SPACE));
        String withoutHost = CliProjectsTest.DOC.replaceAll(",\\s*\\{\"name\": \"Host\"[^}]*}", "");
        assertTrue(withoutHost.length() < CliProjectsTest.DOC.length());
        CliTest.ok(cli.run("apply", doc(withoutHost).toString())); // Web: Host mandatory, set nowhere; release 1.0.0

        Result all = cli.run("project", "missing-values", SPACE);
        assertEquals(1, all.exit(), "something missing: exit 1, for scripts");
        assertEquals("Web lacks Host for Development\nWeb lacks Host for Test\n", all.out());
        assertEquals("2 mandatory values are missing in 1 project, listed above; set them in the project's variables (for a project made here,"
                + " then create a new release).\n", all.err());
        Result one = cli.run("project", "missing-values", SPACE, "Web", "--environment", "test", "--json");
        assertEquals(1, one.exit());
        assertEquals("[{\"project\":\"Web\",\"environment\":\"Test\",\"remote\":false,\"missing\":[\"Host\"]}]",
                one.out().replaceAll("\\s", ""));
        assertEquals("'Lab' is not an environment or remote environment of 'DevTest Space'.",
                refused(cli, SPACE, "project", "missing-values", SPACE, "--environment", "Lab"));
        assertEquals(2, cli.run("project", "missing-values").exit(), "the space is required");

        assertEquals("Release 1.0.0 of 'Web' cannot be deployed to Development: the mandatory value Host is not set for it in this release (its"
                + " values were frozen when it was created); set it in the project's variables and create a new release.",
                refused(cli, SPACE, "deploy", "--space", SPACE, "--project", "Web", "1.0.0", "--to", "Development"));

        String withHost = CliProjectsTest.DOC.replace("\"version\": \"1.0.0\"", "\"version\": \"1.1.0\"");
        CliTest.ok(cli.run("apply", doc(withHost).toString()));
        Result none = CliTest.ok(cli.run("project", "missing-values", SPACE));
        assertEquals("Nothing is missing: every mandatory value is set for every environment of every project of 'DevTest Space'.\n", none.out());
        CliTest.ok(cli.run("deploy", "--space", SPACE, "--project", "Web", "1.1.0", "--to", "Development"));
        assertTrue(cli.run("deploy", "--space", SPACE, "--project", "Web", "1.0.0", "--to", "Development").err().contains("create a new release"),
                "1.0.0 stays as it was frozen");
    }

    @Test
    void applySetsARemoteProjectsValuesOnlyAndRefusesAnythingElse() throws Exception {
        AppContext[] both = TestBundles.twoNetworks(tmp);
        Path bundle = Files.write(tmp.resolve("web-1.0.0.odcmbundle"), TestBundles.bundle(both[0], "1.0.0", 1));
        both[0].close();
        both[1].close();
        CliHarness prod = new CliHarness(tmp.resolve("network-b"));
        Path values = Files.writeString(tmp.resolve("values.json"), "{\"Staging\": {\"AdminEmail\": \"a@example.org\", \"DbPassword\": \"pw-1\"},"
                + " \"Production\": {\"AdminEmail\": \"b@example.org\", \"DbPassword\": \"pw-2\"}}");
        CliTest.ok(prod.run("bundle", "import", bundle.toString(), "--space", PROD, "--values", values.toString()));

        String valuesOnly = """
                {"space": "Prod Space", "projects": [{"name": "DevTest Space: Web", "lifecycle": "Prod", "variables": [
                  {"name": "AdminEmail", "value": "night-shift@example.org", "environments": ["Production"]},
                  {"name": "dbpassword", "value": "pw-3-rotated", "environments": ["Staging", "Production"]}]}]}
                """;
        String out = CliTest.ok(prod.run("apply", doc(valuesOnly).toString())).out();
        assertTrue(out.contains("set 3 values of imported project 'DevTest Space: Web'"), out);
        String audit = CliTest.ok(prod.run("audit", "list")).out();
        assertTrue(audit.contains("project.update") && audit.contains("apply"), audit);
        assertFalse(audit.contains("pw-3-rotated"), "a sensitive value never reaches the audit log");
        String shown = CliTest.ok(prod.run("project", "list", "--space", PROD)).out();
        assertTrue(shown.contains("DevTest Space: Web"), shown);
        // The values are what a deployment checks: Production has them all.
        CliTest.ok(prod.run("deploy", "--space", PROD, "--project", REMOTE_WEB, "1.0.0", "--to", "Staging"));
        CliTest.ok(prod.run("deploy", "--space", PROD, "--project", REMOTE_WEB, "1.0.0", "--to", "Production"));

        String steps = """
                {"space": "Prod Space", "projects": [{"name": "DevTest Space: Web", "lifecycle": "Prod",
                  "process": [{"name": "Deploy web", "actionType": "Deploy a package"}],
                  "variables": [{"name": "AdminEmail", "value": "x@example.org", "environments": ["Production"]}]}]}
                """;
        assertEquals("Project 'DevTest Space: Web' was imported from 'DevTest Space', so an apply document can change only its values for"
                + " environments of 'Prod Space', not its deployment process. Nothing was applied.",
                refused(prod, PROD, "apply", doc(steps).toString()));
        assertEquals("Project 'DevTest Space: Web' was imported from 'DevTest Space', so an apply document can change only its values for"
                + " environments of 'Prod Space'; the value of 'AdminEmail' is for 'DevTest Space: Production', which is neither an environment of"
                + " 'Prod Space' nor one of its templates (named 'Name (template)'). Nothing was applied.", refused(prod, PROD, "apply", doc(valuesOnly.replace("[\"Production\"]",
                "[\"DevTest Space: Production\"]")).toString()));
        // A template of the space is a scope too: the value is every instance's (decision 0057).
        CliTest.ok(prod.run("template", "create", "--space", PROD, "Smoke", "--name-expression", "smoke-#{Release.Number}"));
        String smoke = CliTest.ok(prod.run("apply", doc(valuesOnly.replace("[\"Staging\", \"Production\"]", "[\"smoke (template)\"]")).toString())).out();
        assertTrue(smoke.contains("set 2 values of imported project 'DevTest Space: Web'") && smoke.contains("Smoke (template)"), smoke);
        assertTrue(refused(prod, PROD, "apply", doc(valuesOnly.replace("\"environments\": [\"Production\"]", "\"environments\": []")).toString())
                .endsWith("the value of 'AdminEmail' names no environment. Nothing was applied."));
        assertTrue(refused(prod, PROD, "apply", doc(valuesOnly.replace("\"Prod\"", "\"Other\"")).toString()).contains("not its lifecycle."));
        assertTrue(refused(prod, PROD, "apply", doc(valuesOnly.replace("AdminEmail", "Admin")).toString())
                .contains("'Admin' is none of its variable templates (Region, AdminEmail, DbPassword, Banner, Maintenance)"));
    }

    @Test
    void theDemoHasTheValuesItsReleasesNeedHere() {
        CliHarness cli = new CliHarness(tmp.resolve("demo"));
        CliTest.ok(cli.run("demo"));
        for (String env : new String[] {"Development", "Test"}) {
            assertEquals("Nothing is missing: every mandatory value is set for '" + env + "' of every project of 'DevTest Space'.\n",
                    CliTest.ok(cli.run("project", "missing-values", SPACE, "--environment", env)).out());
        }
        for (String project : new String[] {"Web Shop", "Public API"}) {
            CliTest.ok(cli.run("deploy", "--space", SPACE, "--project", project, "2.0.0", "--to", "Development"));
            CliTest.ok(cli.run("deploy", "--space", SPACE, "--project", project, "2.0.0", "--to", "Test"));
        }
        // Its lifecycles end in promotions, no remote environment: the importer there gives production's values.
        assertEquals("Nothing is missing: every mandatory value is set for every environment of 'Web Shop'.\n",
                CliTest.ok(cli.run("project", "missing-values", SPACE, "Web Shop")).out());
    }
}

package odcm.app.cli;

import static odcm.app.TestBundles.DEV;
import static odcm.app.TestBundles.PROD;
import static odcm.app.TestBundles.REMOTE_WEB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import odcm.app.TestBundles;
import odcm.app.cli.CliHarness.Result;
import odcm.app.service.AppContext;
import odcm.model.project.Project;
import odcm.model.project.ProjectDraft;
import odcm.model.project.Scope;
import odcm.model.project.Variable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code release update-variables} (issue 15 point 5): a new revision, its changes printed; list and show name the revision; refusals. */
class CliUpdateVariablesTest {
    @TempDir
    Path tmp;
    CliHarness dev;
    CliHarness prod;

    @BeforeEach
    void networks() {
        AppContext[] both = TestBundles.twoNetworks(tmp);
        both[1].imports().importBundle(PROD, TestBundles.bundle(both[0], "1.0.0", 1), null, TestBundles.values());
        Project p = both[0].projects().find(DEV, "Web");
        List<Variable> vars = new ArrayList<>(p.variables());
        vars.replaceAll(v -> v.name().equals("LogLevel") ? new Variable("LogLevel", "Debug", false, Scope.ALL) : v);
        both[0].projects().update(DEV, "Web", new ProjectDraft("Web", p.description(), "Main", p.process(), vars, p.templates(), p.channels()));
        both[0].close();
        both[1].close();
        dev = new CliHarness(tmp.resolve("network-a"));
        prod = new CliHarness(tmp.resolve("network-b"));
    }

    private static Result refused(CliHarness h, String... args) {
        String before = h.listings() + h.run("audit", "list", "--json").out();
        Result r = h.run(args);
        assertEquals(1, r.exit(), r.out() + r.err());
        assertEquals(before, h.listings() + h.run("audit", "list", "--json").out(), "nothing changed");
        assertEquals(1, r.err().lines().count(), r.err());
        return r;
    }

    @Test
    void updateVariablesMakesRevisionTwoThatListAndShowName() throws Exception {
        Result r = CliTest.ok(dev.run("release", "update-variables", "--space", DEV, "--project", "Web", "1.0.0"));
        assertEquals("Release 1.0.0 of 'Web' is now revision 2 (1 variable changed); promote it again to send it.\n"
                + "  ~ LogLevel (all environments) — changed: Value\n", r.out());
        assertTrue(CliTest.ok(dev.run("release", "list", "--space", DEV, "--project", "Web")).out().startsWith("1.0.0 (revision 2)\t"));
        assertTrue(CliTest.ok(dev.run("release", "show", "--space", DEV, "--project", "Web", "1.0.0")).out()
                .startsWith("Release 1.0.0 (revision 2) of 'Web', channel Default, created "));
        String json = CliTest.ok(dev.run("release", "show", "--space", DEV, "--project", "Web", "1.0.0", "--json")).out();
        assertEquals(2, new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).get("revision").asInt());
        assertTrue(CliTest.ok(dev.run("audit", "list")).out().contains("release.update-variables"));
        assertEquals("Recorded: release 1.0.0 (revision 2) of 'Web' deployed to Development, succeeded.\n",
                CliTest.ok(dev.run("deploy", "--space", DEV, "--project", "Web", "1.0.0", "--to", "Development")).out());
        assertTrue(CliTest.ok(dev.run("deployment", "list", "--space", DEV, "--project", "Web")).out().startsWith("1.0.0 (revision 2)\tDevelopment\t"));
        assertEquals(2, new com.fasterxml.jackson.databind.ObjectMapper().readTree(CliTest.ok(dev.run("deployment", "list", "--space", DEV,
                "--project", "Web", "--json")).out()).get(0).get("revision").asInt());

        assertEquals("Release 1.0.0 of Web already has the project's current variables; nothing to update.\n",
                refused(dev, "release", "update-variables", "--space", DEV, "--project", "Web", "1.0.0").err());
        assertEquals("Project 'Web' has no release 2.0.0.\n",
                refused(dev, "release", "update-variables", "--space", DEV, "--project", "Web", "2.0.0").err());
        assertEquals(2, dev.run("release", "update-variables", "--space", DEV, "--project", "Web").exit(), "no version: usage");
        assertEquals(0, dev.run("audit", "verify").exit());
    }

    @Test
    void anImportedReleaseIsRefused() {
        assertEquals("Release 1.0.0 of 'DevTest Space: Web' was imported from 'DevTest Space', so its variables come only from there: update"
                + " them in 'DevTest Space' and promote it again.\n",
                refused(prod, "release", "update-variables", "--space", PROD, "--project", REMOTE_WEB, "1.0.0").err());
        assertTrue(CliTest.ok(prod.run("release", "list", "--space", PROD, "--project", REMOTE_WEB)).out().startsWith("1.0.0\t"), "revision 1 as before");
    }
}

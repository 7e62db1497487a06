package odcm.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import odcm.app.cli.CliHarness.Result;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** space approvals (gates per environment), release approve --against, release decisions, and their refusals (decision 0046). */
class CliApprovalGatesTest {
    private static final String S = "DevTest Space";

    @TempDir
    Path tmp;
    CliHarness cli;

    @BeforeEach
    void twoReleases() throws Exception {
        cli = new CliHarness(tmp);
        CliTest.ok(cli.run("space", "create", S));
        for (String v : new String[] {"1.0.0", "1.1.0"}) {
            CliTest.ok(cli.run("apply", Files.writeString(tmp.resolve(v + ".json"), """
                    {"space": "DevTest Space",
                     "environments": [{"name": "Development"}, {"name": "Test"}],
                     "lifecycles": [{"name": "Main", "default": true, "phases": [{"name": "Dev", "environments": ["Development"]},
                                                                                 {"name": "Test", "environments": ["Test"]}]}],
                     "projects": [{"name": "Web", "lifecycle": "Main",
                       "process": [{"name": "Deploy", "actionType": "Octopus.Package", "properties": {}, "packages": ["Acme.Web"]}]}],
                     "releases": [{"project": "Web", "version": "%s", "packages": [{"id": "Acme.Web", "version": "%s", "sha256": "%s"}]}]}
                    """.formatted(v, v, "ab".repeat(32))).toString()));
        }
    }

    private Result deploy(String version, String environment) {
        return cli.run("deploy", "--space", S, "--project", "Web", version, "--to", environment);
    }

    private void refused(Result r, String sentence) {
        assertEquals(Cli.REFUSED, r.exit(), r.err());
        assertEquals(sentence, r.err().strip());
    }

    @Test
    void aGateOnTestStopsOnlyTestAndARejectionStopsEverything() {
        assertEquals("'DevTest Space' gates no environment: a release needs no approval before deployment there (a rejection still stops it).\n",
                CliTest.ok(cli.run("space", "approvals", S)).out());
        assertEquals("'DevTest Space' gates Test: a release needs an approval before its first deployment there.\n",
                CliTest.ok(cli.run("space", "approvals", S, "--environment", "Test")).out());
        CliTest.ok(deploy("1.0.0", "Development"));
        refused(deploy("1.0.0", "Test"), "Release 1.0.0 of Web needs an approval in DevTest Space before its first deployment to Test; it has none.");
        CliTest.ok(cli.run("release", "approve", "--space", S, "--project", "Web", "1.0.0"));
        CliTest.ok(deploy("1.0.0", "Test"));

        CliTest.ok(cli.run("release", "reject", "--space", S, "--project", "Web", "1.1.0", "--comment", "Timeout too long"));
        String by = CliTest.ok(cli.run("release", "decisions", "--space", S, "--project", "Web", "1.1.0")).out().split("\t")[2];
        refused(deploy("1.1.0", "Development"), "Release 1.1.0 of Web was rejected in DevTest Space by " + by + ": Timeout too long");
        CliTest.ok(cli.run("space", "require-approval", S, "on")); // the old command: every environment
        assertEquals("'DevTest Space' gates every environment: a release needs an approval before its first deployment there.\n",
                CliTest.ok(cli.run("space", "approvals", S)).out());
    }

    @Test
    void refusalsChangeNothing() {
        String before = cli.listings();
        refused(cli.run("space", "approvals", S, "--environment", "Test", "--environment", "Nope"), "'DevTest Space' has no environment named 'Nope'.");
        refused(cli.run("space", "approvals", S, "--environment", "Test", "--approvals", "0"), "The number of approvals must be from 1 to 9; 0 is not.");
        assertEquals(before, cli.listings(), "neither Test's gate nor anything else was set");
        assertTrue(CliTest.ok(cli.run("space", "approvals", S)).out().contains("gates no environment"));
        Result r = cli.run("space", "approvals", S, "--off");
        assertEquals(Cli.USAGE, r.exit(), "the command line itself was wrong");
        refused(cli.run("release", "approve", "--space", S, "--project", "Web", "1.1.0", "--against", "1.1.0"),
                "Release 1.1.0 is compared against another release of 'Web', not itself.");
        refused(cli.run("release", "approve", "--space", S, "--project", "Web", "1.1.0", "--against", "0.9.0"), "Project 'Web' has no release 0.9.0.");
        assertEquals(before, cli.listings());
    }

    @Test
    void twoApprovalsAndWhatAnApprovalCovered() {
        assertEquals("'DevTest Space' gates Test: a release needs 2 distinct approvals before its first deployment there.\n",
                CliTest.ok(cli.run("space", "approvals", S, "--environment", "Test", "--approvals", "2")).out());
        assertTrue(CliTest.ok(cli.run("space", "duties", S)).out().contains("2 distinct approvals"), "the one count of decision 0043");
        CliTest.ok(cli.run("release", "approve", "--space", S, "--project", "Web", "1.1.0", "--against", "1.0.0"));
        String decisions = CliTest.ok(cli.run("release", "decisions", "--space", S, "--project", "Web", "1.1.0")).out();
        assertTrue(decisions.matches("(?s).*\\tapproved by \\S+ on revision 1 \\(snapshot [0-9a-f]{12}…\\), compared against 1\\.0\\.0\\n"), decisions);
        CliTest.ok(deploy("1.1.0", "Development"));
        refused(deploy("1.1.0", "Test"), "Release 1.1.0 of Web has 1 of 2 approvals in DevTest Space; it needs 2 distinct approvers before its"
                + " first deployment to Test (separation of duties).");
        assertEquals("'DevTest Space' gates no environment: a release needs no approval before deployment there (a rejection still stops it).\n",
                CliTest.ok(cli.run("space", "approvals", S, "--environment", "test", "--off")).out());
        CliTest.ok(deploy("1.1.0", "Test"));
    }
}

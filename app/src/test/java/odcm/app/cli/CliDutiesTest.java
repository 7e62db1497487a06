package odcm.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import odcm.app.cli.CliHarness.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code odcm space duties}, and what the rules make of {@code release approve} and {@code trust add|confirm|decline|proposals}
 * (decision 0043), on the embedded store, whose one person made everything: a refusal is one sentence on stderr, exit 1.
 */
class CliDutiesTest {
    private static final String ME = System.getProperty("user.name");

    @TempDir
    Path tmp;

    @Test
    void theRulesShownSetAndHeldOnTheCommandLine() throws Exception {
        CliHarness cli = new CliHarness(tmp);
        CliTest.ok(cli.run("space", "create", "DevTest Space"));
        CliTest.ok(cli.run("space", "create", "QA Space"));
        CliTest.ok(cli.run("apply", Files.writeString(tmp.resolve("a.json"), CliCompareTest.doc("1.0.0", "pw-1", "60", "echo\\n", "Smoke")).toString()));
        assertEquals("Separation of duties in 'DevTest Space': an approver may approve their own release; 1 approval where approval is required;"
                + " one administrator adds a trust.\n", CliTest.ok(cli.run("space", "duties", "DevTest Space")).out());
        assertEquals("Separation of duties in 'DevTest Space': an approver may not approve a release they created or imported; 2 distinct"
                + " approvals where approval is required; a trust needs a second administrator to confirm it.\n",
                CliTest.ok(cli.run("space", "duties", "DevTest Space", "--approver-not-maker", "on", "--approvals", "2", "--two-admin-trust", "on")).out());
        assertTrue(CliTest.ok(cli.run("audit", "list")).out().contains("space.duties\tlocal space 'DevTest Space'\tapprover-not-maker on; approvals 2;"
                + " two-admin-trust on"));
        refused(cli, "--approver-not-maker is on or off, not 'maybe'.", "space", "duties", "DevTest Space", "--approver-not-maker", "maybe");
        refused(cli, "The number of approvals must be from 1 to 9; 10 is not.", "space", "duties", "DevTest Space", "--approvals", "10");

        refused(cli, ME + " created release 1.0.0 of Web, so another approver must approve it (separation of duties in 'DevTest Space').",
                "release", "approve", "--space", "DevTest Space", "--project", "Web", "1.0.0", "--comment", "mine");
        CliTest.ok(cli.run("space", "require-approval", "DevTest Space", "on"));

        String proposed = CliTest.ok(cli.run("trust", "add", "--space", "DevTest Space", "--accepts", "bundles", "--from", "QA Space")).out();
        assertEquals("Proposed (#1): 'DevTest Space' accepts release bundles from 'QA Space'; it needs a second administrator of 'DevTest Space' to"
                + " confirm it (odcm trust confirm 1, or Confirm… under Trusts) before anything is trusted.\n", proposed);
        assertTrue(CliTest.ok(cli.run("trust", "list")).out().startsWith("No trusts yet"), "nothing is trusted until confirmed");
        assertTrue(CliTest.ok(cli.run("trust", "proposals")).out().startsWith("#1 'DevTest Space' accepts release bundles from 'QA Space'; fingerprint "));
        refused(cli, ME + " proposed this trust, so another administrator must confirm it (separation of duties in 'DevTest Space').",
                "trust", "confirm", "1");
        assertEquals("Proposal #1 ('DevTest Space' accepts release bundles from 'QA Space') withdrawn; nothing is trusted.\n",
                CliTest.ok(cli.run("trust", "decline", "1", "--reason", "changed my mind")).out());
        refused(cli, "Trust proposal #1 ('DevTest Space' accepts release bundles from 'QA Space') was already withdrawn by " + ME + ".",
                "trust", "confirm", "1");
        assertEquals("No trust proposals waiting.\n", CliTest.ok(cli.run("trust", "proposals")).out());

        // Loosening where two administrators are required (0043, "Loosening needs a second administrator"): only a proposal.
        String rules = CliTest.ok(cli.run("space", "duties", "DevTest Space")).out();
        assertEquals("Proposed (#1) by " + ME + " for 'DevTest Space': an approver may approve their own release; 1 approval where approval is"
                + " required; one administrator adds a trust; it loosens the separation of duties, so it needs a second administrator of"
                + " 'DevTest Space' to confirm it (odcm space duties 'DevTest Space' --confirm 1, or Confirm under People & roles) before it applies.\n",
                CliTest.ok(cli.run("space", "duties", "DevTest Space", "--approver-not-maker", "off", "--approvals", "1", "--two-admin-trust", "off")).out());
        String shown = CliTest.ok(cli.run("space", "duties", "DevTest Space")).out();
        assertTrue(shown.startsWith(rules) && shown.substring(rules.length()).startsWith("Proposed (#1) by " + ME), shown);
        refused(cli, ME + " proposed this change of the separation of duties, so another administrator of 'DevTest Space' must confirm it.",
                "space", "duties", "DevTest Space", "--confirm", "1");
        refused(cli, ME + " created release 1.0.0 of Web, so another approver must approve it (separation of duties in 'DevTest Space').",
                "release", "approve", "--space", "DevTest Space", "--project", "Web", "1.0.0", "--comment", "mine");
        assertEquals(2, cli.run("space", "duties", "DevTest Space", "--confirm", "1", "--approvals", "2").exit(), "one at a time");
        assertEquals("Proposal #1 of separation of duties withdrawn; the rules stay as they are.\n",
                CliTest.ok(cli.run("space", "duties", "DevTest Space", "--decline", "1")).out());
        refused(cli, "Proposal #1 of separation of duties was already withdrawn by " + ME + ".", "space", "duties", "DevTest Space", "--confirm", "1");
        refused(cli, "There is no proposal #7 of separation of duties.", "space", "duties", "DevTest Space", "--decline", "7");
        assertEquals(rules, CliTest.ok(cli.run("space", "duties", "DevTest Space")).out());

        // Without two administrators, one administrator loosens at once, as before.
        CliTest.ok(cli.run("space", "duties", "QA Space", "--approver-not-maker", "on", "--approvals", "3"));
        assertEquals("Separation of duties in 'QA Space': an approver may approve their own release; 1 approval where approval is required;"
                + " one administrator adds a trust.\n",
                CliTest.ok(cli.run("space", "duties", "QA Space", "--approver-not-maker", "off", "--approvals", "1")).out());
    }

    private static void refused(CliHarness cli, String sentence, String... args) {
        String before = cli.listings();
        Result r = cli.run(args);
        assertEquals(Cli.REFUSED, r.exit(), r.err());
        assertEquals(sentence, r.err().strip());
        assertEquals("", r.out());
        assertEquals(before, cli.listings(), "nothing changed");
    }
}

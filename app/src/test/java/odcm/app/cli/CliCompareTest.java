package odcm.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import odcm.app.cli.CliHarness.Result;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** release diff in every format, approve and reject, space require-approval, and their refusals. */
class CliCompareTest {
    static final String OLD_SECRET = "Old-Pa55word-Ωmega-31337";
    static final String NEW_SECRET = "New-Pa55word-<script>-90210";

    @TempDir
    Path tmp;
    CliHarness cli;

    static String doc(String version, String secret, String timeout, String script, String step2) {
        return """
                {
                  "space": "DevTest Space",
                  "environments": [{"name": "Development"}, {"name": "Test"}],
                  "lifecycles": [{"name": "Main", "default": true, "phases": [{"name": "Dev", "environments": ["Development"]}]}],
                  "projects": [{"name": "Web", "lifecycle": "Main",
                    "process": [{"name": "Deploy", "actionType": "Octopus.Package", "properties": {"Timeout": "%s"}, "packages": ["Acme.Web"]},
                                {"name": "%s", "actionType": "Octopus.Script", "properties": {"Script": "%s"}}],
                    "variables": [{"name": "DbPassword", "value": "%s", "sensitive": true, "environments": ["Test"]},
                                  {"name": "Url", "value": "http://web", "sensitive": false, "environments": ["Test"]}],
                    "templates": [{"name": "Host", "type": "single-line", "mandatory": true}]}],
                  "releases": [{"project": "Web", "version": "%s", "notes": "Release %s",
                    "packages": [{"id": "Acme.Web", "version": "%s", "sha256": "%s"}]}]
                }
                """.formatted(timeout, step2, script, secret, version, version, version, (version.equals("1.0.0") ? "ab" : "cd").repeat(32));
    }

    @BeforeEach
    void twoReleases() throws Exception {
        cli = new CliHarness(tmp);
        CliTest.ok(cli.run("space", "create", "DevTest Space"));
        CliTest.ok(cli.run("apply", Files.writeString(tmp.resolve("a.json"), doc("1.0.0", OLD_SECRET, "60", "echo one\\ncurl -f http://localhost\\n", "Smoke")).toString()));
        CliTest.ok(cli.run("apply", Files.writeString(tmp.resolve("b.json"), doc("1.1.0", NEW_SECRET, "120", "echo one\\ncurl -f https://shop\\n", "Smoke")).toString()));
    }

    Result diff(String... more) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("release", "diff", "--space", "DevTest Space", "--project", "Web", "1.0.0", "1.1.0"));
        args.addAll(java.util.List.of(more));
        return CliTest.ok(cli.run(args.toArray(String[]::new)));
    }

    @Test
    void textShowsEachChangeAndTheSummary() {
        String out = diff().out();
        assertTrue(out.startsWith("Release 1.0.0 \u2192 1.1.0 of 'Web'\n"), out);
        assertTrue(out.contains("Summary: 2 steps changed, 1 variable changed, 1 package changed."), out);
        assertTrue(out.contains("Property Timeout: 60 -> 120"), out);
        assertTrue(out.contains("- curl -f [-http-]://[-localhost-]"), out);
        assertTrue(out.contains("+ curl -f {+https+}://{+shop+}"), out);
        assertTrue(out.contains("DbPassword (Test)  [changed: Value]"), out);
        assertTrue(out.contains("Value: ******** -> ********"), out);
        assertTrue(out.contains("Version: 1.0.0 -> 1.1.0"), out);
        assertFalse(out.contains("Url"), "only changes unless --all");
        assertTrue(diff("--all").out().contains("Url (Test)"));
    }

    @Test
    void noSensitiveValueInAnyFormat() throws Exception {
        for (String format : new String[] {"text", "json", "html", "md"}) {
            for (boolean all : new boolean[] {false, true}) {
                String out = all ? diff("--format", format, "--all").out() : diff("--format", format).out();
                assertFalse(out.contains(NEW_SECRET) || out.contains(OLD_SECRET) || out.contains("Pa55word"), format + " leaks a sensitive value");
                assertTrue(out.contains(format.equals("md") ? "\\*".repeat(8) : "********"), format + " shows the mask");
            }
            Path file = tmp.resolve("report." + format);
            diff("--format", format, "--out", file.toString());
            assertFalse(Files.readString(file).contains("Pa55word"), format + " file");
        }
    }

    @Test
    void jsonCountsAndEntries() throws Exception {
        JsonNode j = new ObjectMapper().readTree(diff("--format", "json").out());
        assertEquals("1.0.0", j.get("from").get("version").asText());
        assertEquals(2, j.get("counts").get("process").get("changed").asInt());
        assertEquals(0, j.get("counts").get("process").get("moved").asInt());
        JsonNode db = j.get("entries").get(2);
        assertEquals("DbPassword (Test)", db.get("name").asText());
        assertTrue(db.get("fields").get(0).get("sensitive").asBoolean());
        assertEquals("********", db.get("fields").get(0).get("to").asText());
    }

    @Test
    void htmlIsSelfContainedAndEscaped() throws Exception {
        CliTest.ok(cli.run("apply", Files.writeString(tmp.resolve("c.json"),
                doc("1.2.0", NEW_SECRET, "<b>120</b>", "echo one\\n", "Smoke <img src=x onerror=alert(1)>")).toString()));
        String html = CliTest.ok(cli.run("release", "diff", "--space", "DevTest Space", "--project", "Web", "1.1.0", "1.2.0", "--format", "html")).out();
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("<style>"));
        assertFalse(html.contains("<img"), "names are escaped");
        assertFalse(html.contains("<b>120"), "values are escaped");
        assertTrue(html.contains("Smoke &lt;img src=x onerror=alert(1)&gt;"));
        assertFalse(html.contains("<script") || html.contains("src=\"http") || html.contains("href=\"http"), "nothing runs, nothing fetched");
        String md = CliTest.ok(cli.run("release", "diff", "--space", "DevTest Space", "--project", "Web", "1.1.0", "1.2.0", "--format", "md")).out();
        assertTrue(md.contains("**Smoke &lt;img src=x onerror=alert\\(1\\)&gt;**") || md.contains("Smoke &lt;img"), md);
        assertFalse(md.contains("<img"));
        assertTrue(md.contains("| \\~ changed | **Deploy** |"), md);
    }

    @Test
    void unknownReleaseOrProjectIsRefusedInOneSentence() {
        Result r = cli.run("release", "diff", "--space", "DevTest Space", "--project", "Web", "1.0.0", "9.9.9");
        assertEquals(Cli.REFUSED, r.exit());
        assertEquals("Project 'Web' has no release 9.9.9.", r.err().strip());
        r = cli.run("release", "diff", "--space", "DevTest Space", "--project", "Nope", "1.0.0", "1.1.0");
        assertEquals(Cli.REFUSED, r.exit());
        assertFalse(r.err().strip().contains("\n"));
        assertTrue(r.err().contains("Nope"), r.err());
        r = cli.run("release", "diff", "--space", "DevTest Space", "--project", "Web", "1.0.0", "1.1.0", "--format", "pdf");
        assertEquals(Cli.USAGE, r.exit(), "the command line itself was wrong");
        assertEquals("A comparison is written as text, json, html or md, not 'pdf'. (see 'odcm release diff --help')", r.err().strip());
    }

    @Test
    void approveRejectAndTheRequirement() {
        String before = cli.listings();
        Result r = cli.run("release", "reject", "--space", "DevTest Space", "--project", "Web", "1.1.0", "--comment", "  ");
        assertEquals(Cli.REFUSED, r.exit());
        assertEquals("Say why the release is rejected: a rejection needs a comment.", r.err().strip());
        assertEquals(before, cli.listings(), "nothing recorded");

        assertEquals("'DevTest Space' requires an approval before a release's first deployment there.\n",
                CliTest.ok(cli.run("space", "require-approval", "DevTest Space", "on")).out());
        String rejected = CliTest.ok(cli.run("release", "reject", "--space", "DevTest Space", "--project", "Web", "1.1.0", "--comment",
                "Timeout too long")).out();
        assertTrue(rejected.startsWith("Release 1.1.0 of 'Web' rejected by "), rejected);
        CliTest.ok(cli.run("release", "approve", "--space", "DevTest Space", "--project", "Web", "1.1.0", "--comment", "Fixed by ops"));
        String decisions = CliTest.ok(cli.run("release", "decisions", "--space", "DevTest Space", "--project", "Web", "1.1.0")).out();
        assertTrue(decisions.indexOf("approved") < decisions.indexOf("rejected"), "newest first: " + decisions);
        String audit = CliTest.ok(cli.run("audit", "list")).out();
        assertTrue(audit.contains("release.reject") && audit.contains("Timeout too long") && audit.contains("release.approve")
                && audit.contains("space.require-approval"), audit);
        assertEquals(Cli.REFUSED, cli.run("space", "require-approval", "DevTest Space", "maybe").exit());
        assertTrue(CliTest.ok(cli.run("space", "require-approval", "DevTest Space", "off")).out().contains("does not require"));
    }
}

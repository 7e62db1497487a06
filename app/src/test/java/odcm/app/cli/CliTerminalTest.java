package odcm.app.cli;

import static odcm.app.TestBundles.DEV;
import static odcm.app.TestBundles.PROD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import odcm.app.TestBundles;
import odcm.app.cli.CliHarness.Result;
import odcm.app.io.TerminalText;
import odcm.app.service.AppContext;
import odcm.model.release.Release;
import odcm.packaging.bundle.BundleContent;
import odcm.persistence.StoreLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Point 6 of issue 11: no control character reaches a terminal. Every line the command line prints (stdout and stderr,
 * text and JSON) goes through one escaping routine; values that must be one line refuse control characters.
 */
class CliTerminalTest {
    /** ESC sequences (colour, clear screen, window title with BEL), NUL, DEL, C1 CSI, bidi override and isolate, zero-width joiner, a tag character. */
    static final String HOSTILE = "a\u001b[31m\u001b[2J\u001b]0;owned\u0007\u0000\u007f\u009b2J\u0085\u202eevil\u2066x\u2069\u200d\uDB40\uDC01\u2028z";

    @TempDir
    Path tmp;

    /** No character a terminal acts on or that disguises text: only printable text, newlines and tabs. */
    static void assertTerminalSafe(String printed, String what) {
        for (int i = 0; i < printed.length(); ) {
            int c = printed.codePointAt(i);
            i += Character.charCount(c);
            boolean crlf = c == '\r' && i < printed.length() && printed.charAt(i) == '\n';
            assertTrue(c == '\n' || c == '\t' || crlf || TerminalText.printable(c), what + ": raw U+" + Integer.toHexString(c) + " in " + printed);
        }
    }

    @Test
    void theWriterEscapesEveryControlFormatAndBidiCharacterButKeepsLayout() throws Exception {
        StringWriter sink = new StringWriter();
        PrintWriter out = TerminalText.printer(new PrintWriter(sink, true));
        out.println("name\t" + HOSTILE);
        out.print("split \uD83D");
        out.print("\uDE80 rocket\r\n");
        out.print("lone \uDC00 end \r x");
        out.flush();
        String s = sink.toString();
        assertTerminalSafe(s, "writer");
        assertTrue(s.startsWith("name\ta\\u001b[31m\\u001b[2J\\u001b]0;owned\\u0007\\u0000\\u007f\\u009b2J\\u0085\\u202eevil\\u2066x\\u2069\\u200d"
                + "\\udb40\\udc01\\u2028z" + System.lineSeparator()), s);
        assertTrue(s.contains("split \uD83D\uDE80 rocket\r\n"), "a pair split over two writes, and CR LF, stay as they are: " + s);
        assertTrue(s.endsWith("lone \\udc00 end \\u000d x"), s);
        // Inside a JSON string the escape means the same character: JSON output stays valid and exact.
        StringWriter json = new StringWriter();
        PrintWriter j = TerminalText.printer(new PrintWriter(json, true));
        j.println(new ObjectMapper().writeValueAsString(Map.of("notes", HOSTILE)));
        j.flush();
        assertTerminalSafe(json.toString(), "json");
        assertEquals(HOSTILE, new ObjectMapper().readTree(json.toString()).get("notes").asText());
    }

    @Test
    void storedTextFromElsewhereIsShownEscapedByReleaseShowListAndEnvList() throws Exception {
        CliHarness cli = new CliHarness(tmp);
        CliTest.ok(cli.run("space", "create", "DevTest Space"));
        CliTest.ok(cli.run("apply", Files.writeString(tmp.resolve("doc.json"), CliProjectsTest.DOC).toString()));
        // What an older console, or a hand-edited store, may hold: bypassing the model's checks.
        try (AppContext ctx = AppContext.open(new StoreLocation(cli.store(), tmp.resolve("keys")))) {
            ctx.store().write(tx -> {
                long dev = tx.spaces().findByName("DevTest Space").orElseThrow().id();
                long web = tx.projects().findByName(dev, "Web").orElseThrow().id();
                Release first = tx.releases().find(web, "1.0.0").orElseThrow();
                tx.environments().insert(dev, "Env" + HOSTILE, "d" + HOSTILE, Instant.now());
                return tx.releases().insert(web, "2.0.0", "Notes " + HOSTILE, "Default", first.snapshot(), Instant.now());
            });
        }
        for (String[] cmd : List.of(new String[] {"release", "show", "--space", "DevTest Space", "--project", "Web", "2.0.0"},
                new String[] {"release", "list", "--space", "DevTest Space", "--project", "Web"},
                new String[] {"env", "list", "--space", "DevTest Space"},
                new String[] {"release", "show", "--space", "DevTest Space", "--project", "Web", "2.0.0", "--json"},
                new String[] {"env", "list", "--space", "DevTest Space", "--json"})) {
            Result r = CliTest.ok(cli.run(cmd));
            assertTerminalSafe(r.out(), String.join(" ", cmd));
            assertTrue(r.out().toLowerCase(java.util.Locale.ROOT).contains("\\u001b[2j"), "shown, escaped: " + r.out());
        }
        JsonNode shown = new ObjectMapper().readTree(cli.run("release", "show", "--space", "DevTest Space", "--project", "Web", "2.0.0", "--json").out());
        assertEquals("Notes " + HOSTILE, shown.get("notes").asText(), "JSON carries the exact text, escaped");
        // A refusal quoting what the user typed: stderr is escaped too.
        Result refused = cli.run("release", "show", "--space", "DevTest Space", "--project", "Web" + HOSTILE, "1.0.0");
        assertEquals(Cli.REFUSED, refused.exit());
        assertTerminalSafe(refused.err(), "stderr");
        assertEquals(1, refused.err().lines().count(), refused.err());
        Result usage = cli.run("release", "show", "--bogus" + HOSTILE);
        assertEquals(Cli.USAGE, usage.exit());
        assertTerminalSafe(usage.err(), "usage stderr");
    }

    @Test
    void aBundleWhoseNotesCarryControlCharactersIsShownEscapedAndRefusedOnImport() throws Exception {
        AppContext[] both = TestBundles.twoNetworks(tmp);
        Release r = both[0].releases().find(DEV, "Web", "1.0.0");
        Instant now = both[0].spaces().now();
        byte[] hostile = TestBundles.write(both[0], new BundleContent(UUID.randomUUID(), DEV, PROD, 1, now.minusSeconds(60),
                now.plus(Duration.ofDays(14)), "Web", "1.0.0", "First " + HOSTILE, r.channel(), r.snapshot(), List.of()));
        both[0].close();
        both[1].close();
        Path file = Files.write(tmp.resolve("hostile.odcmbundle"), hostile);
        CliHarness prod = new CliHarness(tmp.resolve("network-b"));
        for (String[] cmd : List.of(new String[] {"bundle", "inspect", file.toString()}, new String[] {"bundle", "verify", file.toString(), "--space", PROD},
                new String[] {"bundle", "inspect", file.toString(), "--json"})) {
            Result v = prod.run(cmd);
            assertTerminalSafe(v.out() + v.err(), String.join(" ", cmd));
        }
        String before = prod.listings();
        Result imported = prod.run("bundle", "import", file.toString(), "--space", PROD, "--values", goodValues().toString());
        assertEquals(Cli.REFUSED, imported.exit(), imported.out() + imported.err());
        assertEquals("The release notes in the bundle cannot contain control characters (it holds U+001B).\n", imported.err());
        assertEquals(before, prod.listings(), "nothing imported");
    }

    /** Single-line values refuse NUL, CR/LF and escape sequences, naming the environment and template, never the value. */
    @Test
    void aValuesFileCannotPutControlCharactersIntoASingleLineValue() throws Exception {
        AppContext[] both = TestBundles.twoNetworks(tmp);
        Path bundle = Files.write(tmp.resolve("web.odcmbundle"), TestBundles.bundle(both[0], "1.0.0", 1));
        both[0].close();
        both[1].close();
        CliHarness prod = new CliHarness(tmp.resolve("network-b"));
        String before = prod.listings();
        for (String bad : List.of("ops@example.org\\u0000", "ops@example.org\\r\\nX-Injected: 1", "\\u001b[2Jops@example.org", "ops\\u009b@example.org",
                "ops@example.org\\u2028x", "ops@example.gro\\u202e\\u2066x", "ops@exam\\u200bple.org")) {
            Path v = Files.writeString(tmp.resolve("values.json"), "{\"Staging\": {\"AdminEmail\": \"" + bad + "\", \"DbPassword\": \"pw\"},"
                    + " \"Production\": {\"AdminEmail\": \"ops@example.org\", \"Maintenance\": true}}");
            Result r = prod.run("bundle", "import", bundle.toString(), "--space", PROD, "--values", v.toString());
            assertEquals(Cli.REFUSED, r.exit(), bad + ": " + r.out() + r.err());
            assertTrue(r.err().startsWith("The value of 'AdminEmail' for Staging cannot contain control characters (it holds U+")
                    || r.err().startsWith("The value of 'AdminEmail' for Staging cannot contain direction overrides or invisible characters (it holds U+"), r.err());
            assertFalse(r.err().contains("example.org"), "never the value: " + r.err());
            assertTerminalSafe(r.err(), bad);
        }
        assertEquals(before, prod.listings(), "nothing imported");
    }

    /** Every mandatory value for release 1.0.0, each fine. */
    private Path goodValues() throws Exception {
        return Files.writeString(tmp.resolve("good-values.json"), "{\"Staging\": {\"AdminEmail\": \"ops-staging@example.org\", \"DbPassword\": \"pw\"},"
                + " \"Production\": {\"AdminEmail\": \"ops@example.org\", \"Maintenance\": true}}");
    }
}

package odcm.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import odcm.app.cli.CliHarness.Result;
import odcm.packaging.cert.Certificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keys over time on the command line (decision 0056): network A rotates Dev Space's key and declares it compromised; network
 * B imports both statements. Each mistake one line on stderr and its exit status, nothing changed.
 */
class CliKeysTest {
    @TempDir
    Path tmp;

    private static void refused(Result r, int exit, String startsWith) {
        assertEquals(exit, r.exit(), r.err());
        assertTrue(r.err().startsWith(startsWith), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
    }

    @Test
    void rotateImportRetireAndDeclareCompromised() throws Exception {
        CliHarness a = new CliHarness(tmp.resolve("a"));
        CliHarness b = new CliHarness(tmp.resolve("b"));
        CliTest.ok(a.run("space", "create", "Dev Space"));
        Path der = tmp.resolve("dev.der");
        CliTest.ok(a.run("space", "cert", "Dev Space", "--out", der.toString()));
        String oldFp = Certificates.fingerprint(Files.readAllBytes(der)).hex();
        CliTest.ok(b.run("remote", "add", "Dev Space", "--cert", der.toString(), "--fingerprint", oldFp));

        Result tooLong = a.run("space", "rotate-key", "Dev Space", "--out", tmp.resolve("x.odcmkeys").toString(), "--overlap-days", "400");
        refused(tooLong, 2, "The overlap is 0 to 365 days; 400 is outside it.");
        assertTrue(tooLong.err().contains("odcm space rotate-key --help"), tooLong.err());
        Path rotation = tmp.resolve("rotation.odcmkeys");
        Result rotated = CliTest.ok(a.run("space", "rotate-key", "Dev Space", "--out", rotation.toString(), "--overlap-days", "7"));
        Matcher m = Pattern.compile("confirms the new fingerprint ([0-9A-F]{4}(?: [0-9A-F]{4}){15}) when importing it").matcher(rotated.out());
        assertTrue(m.find(), rotated.out());
        String newFp = m.group(1);
        refused(a.run("space", "rotate-key", "Dev Space", "--out", rotation.toString()), 1, rotation + " already exists");

        refused(b.run("remote", "import-statement", "Dev Space", rotation.toString()), 1,
                "A rotation is imported only with the new certificate's fingerprint read out by the other side");
        byte[] bytes = Files.readAllBytes(rotation);
        bytes[bytes.length / 3] ^= 0x01;
        Path damaged = Files.write(tmp.resolve("damaged.odcmkeys"), bytes);
        Result bad = b.run("remote", "import-statement", "Dev Space", damaged.toString(), "--fingerprint", newFp);
        assertEquals(1, bad.exit(), bad.err());
        assertEquals(1, bad.err().strip().lines().count(), bad.err());
        assertEquals(1, CliTest.ok(b.run("remote", "history", "Dev Space")).out().strip().lines().count(), "nothing changed");

        Result imported = CliTest.ok(b.run("remote", "import-statement", "Dev Space", rotation.toString(), "--fingerprint", newFp));
        assertTrue(imported.out().startsWith("Rotated the certificate of remote space 'Dev Space' to " + newFp), imported.out());
        String history = CliTest.ok(b.run("remote", "history", "Dev Space")).out();
        assertEquals(2, history.strip().lines().count(), history);
        assertTrue(history.lines().toList().get(1).startsWith("replaced ") && history.lines().toList().get(1).contains("\taccepted until "), history);
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(CliTest.ok(b.run("remote", "history", "Dev Space", "--json")).out());
        assertEquals(List.of("current", "replaced"), List.of(json.get(0).get("state").asText(), json.get(1).get("state").asText()));
        assertTrue(json.get(0).get("acceptedUntil").isNull() && !json.get(1).get("acceptedUntil").isNull(), json.toString());
        CliTest.ok(b.run("remote", "retire-old-cert", "Dev Space"));
        refused(b.run("remote", "retire-old-cert", "Dev Space"), 1, "Remote space 'Dev Space' has no earlier certificate in an overlap");
        Result again = CliTest.ok(a.run("space", "rotation-statement", "Dev Space", "--out", tmp.resolve("again.odcmkeys").toString()));
        assertTrue(again.out().contains("confirms the new fingerprint " + newFp), again.out());
        refused(a.run("remote", "retire-old-cert", "Dev Space"), 1, "'Dev Space' is a local space: space retire-old-key ends its overlap");
        Result retired = CliTest.ok(a.run("space", "retire-old-key", "Dev Space"));
        assertTrue(retired.out().contains("Consoles that imported the rotation accept the earlier one until "), retired.out());

        refused(a.run("space", "declare-compromised", "Dev Space", "--out", tmp.resolve("c.odcmkeys").toString(), "--from", "yesterday"), 2,
                "--from takes an ISO-8601 instant");
        Result current = a.run("space", "declare-compromised", "Dev Space", "--out", tmp.resolve("c.odcmkeys").toString());
        refused(current, 1, "The key of certificate ");
        assertTrue(current.err().contains("signs with; rotate the key first"), current.err());
        refused(a.run("space", "declare-compromised", "Dev Space", "--out", tmp.resolve("c.odcmkeys").toString(), "--certificate", oldFp,
                "--from", "2062-12-01T00:00:00Z"), 1, "A key is declared compromised from a time up to now, not from 2062-12-01T00:00:00Z");
        Path compromise = tmp.resolve("compromise.odcmkeys");
        // The former key, kept after the early retirement, still declares itself compromised.
        Result declared = CliTest.ok(a.run("space", "declare-compromised", "Dev Space", "--out", compromise.toString(), "--certificate", oldFp,
                "--from", "2026-01-01T00:00:00Z"));
        assertTrue(declared.out().endsWith("in this console nothing signed with it was accepted since then.\n"), declared.out());
        Result c = CliTest.ok(b.run("remote", "import-statement", "Dev Space", compromise.toString()));
        assertTrue(c.out().endsWith("is not trusted from 2026-01-01T00:00:00Z on; here nothing signed with it was accepted since then.\n"), c.out());
        assertTrue(CliTest.ok(b.run("remote", "history", "Dev Space")).out().lines().toList().get(1).contains("COMPROMISED from 2026-01-01T00:00:00Z"));
        String audit = CliTest.ok(b.run("audit", "list")).out();
        assertTrue(audit.contains("remote.rotate") && audit.contains("remote.retire-old-cert") && audit.contains("remote.compromise"), audit);
        assertTrue(CliTest.ok(a.run("space", "rotate-key", "--help")).out().contains("--overlap-days"));
    }
}

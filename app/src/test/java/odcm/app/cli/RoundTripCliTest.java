package odcm.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import odcm.app.cli.CliHarness.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The round trip of PRODUCT.md, through the command line only, over two separate stores (network A with DevTest Space,
 * network B with Prod Space) that share nothing but the files carried between them: certificates, a bundle, a receipt.
 */
class RoundTripCliTest {
    static final String DEV = "DevTest Space";
    static final String PROD = "Prod Space";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    static Result ok(CliHarness cli, String... args) {
        Result r = cli.run(args);
        assertEquals(0, r.exit(), String.join(" ", args) + ": " + r.out() + r.err());
        return r;
    }

    static String fingerprint(CliHarness cli, String space) throws Exception {
        for (JsonNode s : JSON.readTree(ok(cli, "space", "list", "--json").out())) {
            if (s.get("name").asText().equals(space)) {
                return s.get("certificate").get("sha256").asText();
            }
        }
        throw new AssertionError(space + " is not listed");
    }

    Path write(String name, String text) throws Exception {
        return Files.writeString(tmp.resolve(name), text);
    }

    @Test
    void devPromotesProdImportsAndDeploysAndTheReceiptTellsDevTheOutcome() throws Exception {
        CliHarness a = new CliHarness(tmp.resolve("network-a"));
        CliHarness b = new CliHarness(tmp.resolve("network-b"));
        Path carried = Files.createDirectories(tmp.resolve("usb-stick"));

        // 1. Spaces, certificates carried as files, fingerprints read over the phone, trusts.
        ok(a, "space", "create", DEV);
        ok(b, "space", "create", PROD, "--key", "rsa");
        ok(a, "space", "cert", DEV, "--out", carried.resolve("devtest.pem").toString());
        ok(b, "space", "cert", PROD, "--out", carried.resolve("prod.pem").toString());
        ok(a, "remote", "add", PROD, "--cert", carried.resolve("prod.pem").toString(), "--fingerprint", fingerprint(b, PROD));
        ok(b, "remote", "add", DEV, "--cert", carried.resolve("devtest.pem").toString(), "--fingerprint", fingerprint(a, DEV));
        ok(b, "trust", "add", "--space", PROD, "--accepts", "bundles", "--from", DEV);
        ok(a, "trust", "add", "--space", DEV, "--accepts", "receipts", "--from", PROD);

        // 2. DevTest: environments, 'Prod Space: Production', a lifecycle ending with the promotion, the project, a release.
        ok(a, "apply", write("dev.json", odcm.app.RoundTripDocuments.DEV_DOCUMENT).toString());
        ok(b, "apply", write("prod.json", odcm.app.RoundTripDocuments.PROD_DOCUMENT).toString());
        ok(a, "deploy", "--space", DEV, "--project", "Web", "1.0.0", "--to", "Development");
        ok(a, "deploy", "--space", DEV, "--project", "Web", "1.0.0", "--to", "Test");

        // 3. Promoted as a bundle file; 4. imported in network B with the production values; 5. deployed there.
        Path bundle = carried.resolve("web-1.0.0.odcmbundle");
        ok(a, "bundle", "create", "--space", DEV, "--project", "Web", "--release", "1.0.0", "--to", PROD, "--out", bundle.toString());
        ok(b, "bundle", "verify", bundle.toString(), "--space", PROD);
        Path values = write("values.json", "{\"Production\": {\"AdminEmail\": \"ops@example.org\"}}");
        assertEquals("Imported release 1.0.0 of 'DevTest Space: Web' into 'Prod Space' with lifecycle 'Prod'.\n",
                ok(b, "bundle", "import", bundle.toString(), "--space", PROD, "--values", values.toString()).out());
        ok(b, "deploy", "--space", PROD, "--project", DEV + ": Web", "1.0.0", "--to", "Production");

        // The receipt is written in network B, carried back, checked and imported in network A.
        Path receipt = carried.resolve("prod-to-devtest.odcmreceipt");
        assertTrue(ok(b, "receipt", "create", "--space", PROD, "--for", DEV, "--out", receipt.toString()).out()
                .contains("receipt 1 for 'DevTest Space' reporting 1 deployment."));
        ok(a, "receipt", "verify", receipt.toString(), "--space", DEV);
        assertEquals("Accepted receipt 1 from 'Prod Space' into 'DevTest Space': 1 deployment reported, 1 new.\n",
                ok(a, "receipt", "import", receipt.toString(), "--space", DEV).out());

        // DevTest knows: release 1.0.0 of Web succeeded in 'Prod Space: Production'.
        JsonNode known = JSON.readTree(ok(a, "receipt", "list", "--space", DEV, "--json").out()).get("known");
        assertEquals(1, known.size());
        assertEquals("Web", known.get(0).get("project").asText());
        assertEquals("1.0.0", known.get(0).get("version").asText());
        assertEquals("Prod Space: Production", known.get(0).get("where").asText());
        assertEquals("SUCCEEDED", known.get(0).get("outcome").asText());

        // ... and its dashboard shows it in the 'Prod Space: Production' column, marked as known from Prod Space's receipt.
        JsonNode dashboard = JSON.readTree(ok(a, "dashboard", "--space", DEV, "--json").out());
        JsonNode web = dashboard.get("rows").get(0);
        assertEquals("Web", web.get("project").asText());
        JsonNode prod = null;
        for (JsonNode cell : web.get("cells")) {
            if (cell.get("column").asText().equals("Prod Space: Production")) {
                prod = cell;
            }
        }
        assertNotNull(prod, "a cell in 'Prod Space: Production': " + web);
        assertEquals("1.0.0", prod.get("version").asText());
        assertEquals("succeeded", prod.get("outcome").asText());
        assertEquals("receipt", prod.get("source").get("kind").asText());
        assertEquals(PROD, prod.get("source").get("space").asText());
        assertTrue(ok(a, "dashboard", "--space", DEV).out().contains("from a receipt of Prod Space"), "the text dashboard says so too");

        assertEquals(0, a.run("audit", "verify").exit());
        assertEquals(0, b.run("audit", "verify").exit());
    }
}

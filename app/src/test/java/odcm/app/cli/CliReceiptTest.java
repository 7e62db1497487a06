package odcm.app.cli;

import static odcm.app.TestBundles.DEV;
import static odcm.app.TestBundles.PROD;
import static odcm.app.TestBundles.REMOTE_WEB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import odcm.app.TestBundles;
import odcm.app.cli.CliHarness.Result;
import odcm.app.service.AppContext;
import odcm.model.trust.TrustKind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** receipt create | verify | import | list on two stores, with their refusals: one line on stderr, exit 1, nothing changed. */
class CliReceiptTest {
    @TempDir
    Path tmp;
    CliHarness dev;
    CliHarness prod;

    /** Network A's DevTest promoted Web 1.0.0 to network B's Prod Space, which imported it and deployed it to Staging. */
    @BeforeEach
    void networks() throws Exception {
        AppContext[] both = TestBundles.twoNetworks(tmp);
        try (AppContext a = both[0]; AppContext b = both[1]) {
            a.trusts().add(DEV, PROD, TrustKind.DEPLOYMENT_RECEIPTS);
            TestBundles.throughTest(a, "1.0.0");
            Path bundle = tmp.resolve("web.odcmbundle");
            a.bundles().create(DEV, "Web", "1.0.0", PROD, bundle, 30, false);
            b.imports().importBundle(PROD, Files.readAllBytes(bundle), null, TestBundles.values());
            b.deployments().deploy(PROD, REMOTE_WEB, "1.0.0", "Staging", true);
        }
        dev = new CliHarness(tmp.resolve("network-a"));
        prod = new CliHarness(tmp.resolve("network-b"));
    }

    private String devState() {
        return dev.listings() + dev.run("receipt", "list", "--space", DEV, "--json").out();
    }

    /** Refused with exactly this one line on stderr, exit 1, nothing on stdout, and DevTest's listings as they were. */
    private void refusedAtDev(String line, String... args) {
        String before = devState();
        Result r = dev.run(args);
        assertEquals(Cli.REFUSED, r.exit(), r.out() + r.err());
        assertEquals(line + System.lineSeparator(), r.err());
        assertEquals("", r.out());
        assertEquals(before, devState());
    }

    @Test
    void createVerifyImportAgainAndList() throws Exception {
        Path receipt = tmp.resolve("back.odcmreceipt");
        Result created = CliTest.ok(prod.run("receipt", "create", "--space", PROD, "--for", DEV, "--out", receipt.toString()));
        assertTrue(created.out().startsWith("Wrote " + receipt.toAbsolutePath() + ": receipt 1 for 'DevTest Space' reporting 1 deployment.\n"),
                created.out());
        assertTrue(created.out().contains("SHA-256:  "), created.out());

        Result verified = CliTest.ok(dev.run("receipt", "verify", receipt.toString(), "--space", DEV));
        assertTrue(verified.out().startsWith("Genuine: deployment receipt from Prod Space to DevTest Space"), verified.out());
        assertTrue(verified.out().contains("  Web\t1.0.0\tStaging\tSUCCEEDED\t"), verified.out());

        assertEquals("Accepted receipt 1 from 'Prod Space' into 'DevTest Space': 1 deployment reported, 1 new.\n",
                CliTest.ok(dev.run("receipt", "import", receipt.toString(), "--space", DEV)).out());
        String before = devState();
        Result again = CliTest.ok(dev.run("receipt", "import", receipt.toString(), "--space", DEV));
        assertTrue(again.out().endsWith("was already accepted by 'DevTest Space'; nothing was changed.\n"), again.out());
        assertEquals(before, devState(), "the same receipt again changes nothing");
        refusedAtDev("This receipt (" + new ObjectMapper().readTree(CliTest.ok(prod.run("receipt", "list", "--space", PROD, "--json")).out())
                        .get("written").get(0).get("receiptId").asText() + ") was already accepted here; there is nothing more to do.",
                "receipt", "verify", receipt.toString(), "--space", DEV);

        String list = CliTest.ok(dev.run("receipt", "list", "--space", DEV)).out();
        assertTrue(list.contains("Known deployments in other spaces (1):\n  Web\t1.0.0\tProd Space: Staging\tsucceeded\t"), list);
        JsonNode written = new ObjectMapper().readTree(CliTest.ok(prod.run("receipt", "list", "--space", PROD, "--json")).out()).get("written");
        assertEquals(DEV, written.get(0).get("for").asText());
        assertEquals(1, written.get(0).get("deployments").asInt());
        assertEquals(0, dev.run("audit", "verify").exit());
    }

    @Test
    void refusalsAreOneLineAndChangeNothing() throws Exception {
        Path receipt = tmp.resolve("back.odcmreceipt");
        CliTest.ok(prod.run("receipt", "create", "--space", PROD, "--for", DEV, "--out", receipt.toString()));
        Result exists = prod.run("receipt", "create", "--space", PROD, "--for", DEV, "--out", receipt.toString());
        assertEquals(Cli.REFUSED, exists.exit());
        assertTrue(exists.err().endsWith("already exists; choose another file name, or replace it on purpose (--force).\n"), exists.err());
        assertEquals("There is no space named 'Nowhere'.\n", prod.run("receipt", "create", "--space", PROD, "--for", "Nowhere", "--out",
                tmp.resolve("x.odcmreceipt").toString()).err());
        assertFalse(Files.exists(tmp.resolve("x.odcmreceipt")));

        Path tampered = Files.write(tmp.resolve("tampered.odcmreceipt"), TestBundles.tampered(Files.readAllBytes(receipt)));
        String sentence = dev.run("receipt", "verify", tampered.toString(), "--space", DEV).err().strip();
        assertTrue(sentence.startsWith("The receipt") || sentence.startsWith("This file is not a deployment receipt"), sentence);
        refusedAtDev(sentence, "receipt", "import", tampered.toString(), "--space", DEV);

        CliTest.ok(dev.run("trust", "revoke", "--space", DEV, "--accepts", "receipts", "--from", PROD, "--reason", "moved"));
        refusedAtDev("This space's trust in 'Prod Space' (certificate " + RoundTripCliTest.fingerprint(prod, PROD) + ") for deployment "
                + "receipts was revoked; its receipts are no longer accepted.", "receipt", "import", receipt.toString(), "--space", DEV);
        assertEquals(2, dev.run("receipt", "import", "--space", DEV).exit(), "no file: usage");
    }
}

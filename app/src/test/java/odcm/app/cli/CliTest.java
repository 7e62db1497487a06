package odcm.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import odcm.app.cli.CliHarness.Result;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's successful paths, each checked through what a later listing shows. */
class CliTest {
    @TempDir
    Path tmp;
    CliHarness here;
    CliHarness there;

    @BeforeEach
    void stores() {
        here = new CliHarness(tmp.resolve("network-a"));
        there = new CliHarness(tmp.resolve("network-b"));
    }

    static Result ok(Result r) {
        assertEquals(0, r.exit(), () -> "expected success, stderr: " + r.err());
        assertEquals("", r.err());
        return r;
    }

    @Test
    void createListRenameAndDeleteSpaces() throws Exception {
        Result created = ok(here.run("space", "create", "DevTest Space", "--description", "Builds and tests"));
        assertTrue(created.out().contains("Created local space 'DevTest Space'."), created.out());
        assertTrue(created.out().matches("(?s).*SHA-256 fingerprint: ([0-9A-F]{4} ){15}[0-9A-F]{4}\\s*"), created.out());
        ok(here.run("space", "create", "QA Space", "--key", "rsa"));

        JsonNode list = new ObjectMapper().readTree(ok(here.run("space", "list", "--json")).out());
        assertEquals(2, list.size());
        assertEquals("DevTest Space", list.get(0).get("name").asText());
        assertEquals("Builds and tests", list.get(0).get("description").asText());
        assertTrue(list.get(1).get("certificate").get("key").asText().startsWith("RSA"), list.toString());

        ok(here.run("space", "describe", "QA Space", "Acceptance tests"));
        assertTrue(ok(here.run("space", "list")).out().contains("Acceptance tests"));
        ok(here.run("space", "rename", "qa space", "Quality Space"));
        assertTrue(ok(here.run("space", "list")).out().contains("Quality Space"));
        ok(here.run("space", "delete", "Quality Space"));
        assertEquals(1, new ObjectMapper().readTree(ok(here.run("space", "list", "--json")).out()).size());

        String audit = ok(here.run("audit", "list")).out();
        for (String action : new String[] {"space.create", "space.describe", "space.rename", "space.delete"}) {
            assertTrue(audit.contains(action), action + " missing in " + audit);
        }
        assertTrue(ok(here.run("audit", "verify")).out().contains("intact: 5 entries"));
    }

    @Test
    void certificatesCrossBetweenStoresAsFilesAndTrustsAreGrantedAndRevoked() throws Exception {
        ok(there.run("space", "create", "Prod Space"));
        Path pem = tmp.resolve("prod.pem");
        Path der = tmp.resolve("prod.der");
        Result wrote = ok(there.run("space", "cert", "Prod Space", "--out", pem.toString()));
        ok(there.run("space", "cert", "Prod Space", "--out", der.toString()));
        assertTrue(Files.readString(pem).startsWith("-----BEGIN CERTIFICATE-----"));
        assertTrue(Files.readAllBytes(der)[0] == 0x30, "DER starts with a SEQUENCE");
        String fingerprint = wrote.out().replaceAll("(?s).*SHA-256 fingerprint: ([0-9A-F ]+)\\s*$", "$1").strip();

        ok(here.run("space", "create", "DevTest Space"));
        Result added = ok(here.run("remote", "add", "Prod Space", "--cert", der.toString(), "--fingerprint", fingerprint));
        assertTrue(added.out().contains(fingerprint), added.out());
        JsonNode remotes = new ObjectMapper().readTree(ok(here.run("remote", "list", "--json")).out());
        assertEquals("Prod Space", remotes.get(0).get("name").asText());
        assertEquals(fingerprint, remotes.get(0).get("certificate").get("sha256").asText());

        ok(here.run("trust", "add", "--space", "DevTest Space", "--accepts", "receipts", "--from", "Prod Space"));
        String of = ok(here.run("trust", "list", "--space", "Prod Space")).out();
        assertTrue(of.contains("'DevTest Space' accepts deployment receipts from 'Prod Space'"), of);
        ok(here.run("trust", "revoke", "--space", "DevTest Space", "--accepts", "receipts", "--from", "Prod Space",
                "--reason", "Prod network decommissioned"));
        assertTrue(ok(here.run("trust", "list")).out().startsWith("No trusts yet"));
        JsonNode all = new ObjectMapper().readTree(ok(here.run("trust", "list", "--all", "--json")).out());
        assertEquals("Prod network decommissioned", all.get(0).get("revokeReason").asText());

        Path csv = tmp.resolve("audit.csv");
        ok(here.run("audit", "export", "--out", csv.toString()));
        String exported = Files.readString(csv);
        assertTrue(exported.startsWith("seq,at,os_user,action,subject,detail,prev_hash,hash"));
        assertTrue(exported.contains("trust.revoke"), exported);
        assertEquals(5, exported.strip().split("\r\n").length, exported);
    }

    @Test
    void certificateRotationKeepsHistory() {
        ok(there.run("space", "create", "Prod Space"));
        Path first = tmp.resolve("first.pem");
        ok(there.run("space", "cert", "Prod Space", "--out", first.toString()));
        ok(there.run("space", "create", "Prod Space 2"));
        Path second = tmp.resolve("second.pem");
        ok(there.run("space", "cert", "Prod Space 2", "--out", second.toString()));

        ok(here.run("remote", "add", "Prod", "--cert", first.toString()));
        ok(here.run("remote", "replace-cert", "Prod", "--cert", second.toString()));
        String history = ok(here.run("remote", "history", "Prod")).out();
        String[] lines = history.strip().split("\n");
        assertEquals(2, lines.length, history);
        assertTrue(lines[0].startsWith("current"), history);
        assertTrue(lines[1].startsWith("retired"), history);
    }
}

package odcm.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import odcm.app.cli.CliHarness.Result;
import odcm.app.service.AppContext;
import odcm.model.dashboard.DashboardText;
import odcm.persistence.StoreLocation;
import odcm.persistence.receipt.ReceiptRepository.RemoteDeployment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code odcm dashboard}: the table with markers and legend, the JSON, and a refusal. */
class CliDashboardTest {
    @TempDir
    Path tmp;
    CliHarness cli;

    @BeforeEach
    void organisation() throws Exception {
        cli = new CliHarness(tmp);
        CliTest.ok(cli.run("space", "create", "DevTest Space"));
        CliTest.ok(cli.run("space", "create", "Prod Space"));
        Path doc = Files.writeString(tmp.resolve("doc.json"), CliProjectsTest.DOC.replace("\"projects\": [", "\"projects\": [{\"name\": \"Api\", \"lifecycle\": \"Main\"}, "));
        CliTest.ok(cli.run("apply", doc.toString()));
        CliTest.ok(cli.run("deploy", "--space", "DevTest Space", "--project", "Web", "1.0.0", "--to", "Development"));
        CliTest.ok(cli.run("deploy", "--space", "DevTest Space", "--project", "Web", "1.0.0", "--to", "Test", "--failed"));
    }

    /** What the receipts import writes: Prod Space reports Web 1.0.0 in an environment whose name carries an escape sequence. */
    Instant recordReceipt() {
        Instant created = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES);
        try (AppContext ctx = AppContext.open(new StoreLocation(cli.store(), tmp.resolve("keys")))) {
            ctx.store().write(tx -> {
                long dev = tx.spaces().findByName("DevTest Space").orElseThrow().id();
                long prod = tx.spaces().findByName("Prod Space").orElseThrow().id();
                long release = tx.releases().find(tx.projects().findByName(dev, "Web").orElseThrow().id(), "1.0.0").orElseThrow().id();
                return tx.receipts().record(new RemoteDeployment(dev, release, prod, "Prod Space", "Prod\u001b[31m", true,
                        created.minus(3, ChronoUnit.HOURS), "ops", UUID.randomUUID(), created));
            });
        }
        return created;
    }

    @Test
    void textTableWithMarkersAndALegend() {
        Instant created = recordReceipt();
        String out = CliTest.ok(cli.run("dashboard", "--space", "DevTest Space")).out();
        List<String> lines = out.lines().toList();
        assertEquals("Project  Development  Test         Prod Space: Prod\\u001b[31m", lines.get(0), out);
        assertEquals("Api      -            -            -", lines.get(1));
        assertEquals("Web      1.0.0 ✓ now  1.0.0 ✗ now  1.0.0 ✓ 2d [1]", lines.get(2));
        assertTrue(lines.get(4).startsWith("✓ succeeded, ✗ failed, - nothing deployed; ages as of "), out);
        assertEquals("[1] from a receipt of Prod Space created " + DashboardText.time(created, ZoneId.systemDefault()), lines.get(5));
        assertFalse(out.contains("\u001b"), "no escape sequence reaches the terminal");
    }

    @Test
    void jsonHasColumnsRowsAndSources() throws Exception {
        Instant created = recordReceipt();
        JsonNode d = new ObjectMapper().readTree(CliTest.ok(cli.run("dashboard", "--space", "devtest space", "--json")).out());
        assertEquals("DevTest Space", d.get("space").asText());
        assertEquals(3, d.get("columns").size());
        assertEquals("remote", d.get("columns").get(2).get("kind").asText());
        assertFalse(d.get("columns").get(2).get("remoteEnvironmentHere").asBoolean(), "only the report names it");
        JsonNode web = d.get("rows").get(1);
        assertEquals("Web", web.get("project").asText());
        assertEquals(3, web.get("cells").size());
        assertEquals("failed", web.get("cells").get(1).get("outcome").asText());
        JsonNode source = web.get("cells").get(2).get("source");
        assertEquals("receipt", source.get("kind").asText());
        assertEquals(created.toString(), source.get("receiptCreated").asText());
        assertEquals(0, d.get("rows").get(0).get("cells").size(), "Api: nothing deployed");
    }

    /** Where the space uses a package store (here: a feed), the last line says which packages of the releases shown are not present. */
    @Test
    void thePackagesOfTheReleasesShownAreLookedForWhereTheSpaceUsesAPackageStore() throws Exception {
        String before = CliTest.ok(cli.run("dashboard", "--space", "DevTest Space")).out();
        assertFalse(before.contains("ackage"), "a space that uses no package store: no word on packages: " + before);
        Path feed = Files.createDirectories(tmp.resolve("share"));
        CliTest.ok(cli.run("package", "feed", "add", "--space", "DevTest Space", feed.toString()));
        String how = " (a look for each file in the package store and feeds, nothing hashed; a deployment checks their hashes)";
        assertEquals("Packages" + how + ": Web 1.0.0: 1 of 1 package not present.",
                CliTest.ok(cli.run("dashboard", "--space", "DevTest Space")).out().lines().reduce((a, b) -> b).orElseThrow());
        Files.writeString(feed.resolve("Acme.Web.1.0.0.zip"), "found by its name, not hashed");
        assertEquals("Packages: all present for the release shown" + how + ".",
                CliTest.ok(cli.run("dashboard", "--space", "DevTest Space")).out().lines().reduce((a, b) -> b).orElseThrow());
        JsonNode note = new ObjectMapper().readTree(CliTest.ok(cli.run("dashboard", "--space", "DevTest Space", "--json")).out()).get("packages").get(0);
        assertEquals("Web 1.0.0 1 0", note.get("project").asText() + " " + note.get("release").asText() + " " + note.get("packages").asInt()
                + " " + note.get("notPresent").asInt());
    }

    @Test
    void anEmptySpaceSaysSoAndAnUnknownOneIsRefused() {
        assertEquals("'Prod Space' has no projects yet, so its dashboard is empty.",
                CliTest.ok(cli.run("dashboard", "--space", "Prod Space")).out().strip());
        Result r = cli.run("dashboard", "--space", "Nowhere");
        assertEquals(Cli.REFUSED, r.exit());
        assertEquals("There is no space named 'Nowhere'.", r.err().strip());
    }
}

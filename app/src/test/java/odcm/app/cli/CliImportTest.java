package odcm.app.cli;

import static odcm.app.TestBundles.PROD;
import static odcm.app.TestBundles.REMOTE_WEB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import odcm.app.TestBundles;
import odcm.app.cli.CliHarness.Result;
import odcm.app.service.AppContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bundle import}, {@code deploy} and {@code deployment list} on network B's store, with a bundle from network A. */
class CliImportTest {
    @TempDir
    Path tmp;
    CliHarness prod;
    Path bundle;

    @BeforeEach
    void networks() throws Exception {
        AppContext[] both = TestBundles.twoNetworks(tmp);
        bundle = Files.write(tmp.resolve("web-1.0.0.odcmbundle"), TestBundles.bundle(both[0], "1.0.0", 1));
        both[0].close();
        both[1].close();
        prod = new CliHarness(tmp.resolve("network-b"));
    }

    Path values(String json) throws Exception {
        return Files.writeString(tmp.resolve("values.json"), json);
    }

    Result refused(String... args) {
        String before = prod.listings() + prod.run("project", "list", "--space", PROD, "--json").out();
        Result r = prod.run(args);
        assertEquals(1, r.exit(), r.out() + r.err());
        assertEquals(before, prod.listings() + prod.run("project", "list", "--space", PROD, "--json").out(), "nothing changed");
        return r;
    }

    @Test
    void missingValuesAreAllListedOnOneLineAndNothingIsImported() throws Exception {
        Result r = refused("bundle", "import", bundle.toString(), "--space", PROD);
        assertEquals("Release 1.0.0 of 'DevTest Space: Web' was not imported: 3 mandatory values are missing — Staging: Admin e-mail (AdminEmail), "
                + "Database password (DbPassword); Production: Admin e-mail (AdminEmail).\n", r.err());
        assertTrue(refused("bundle", "import", bundle.toString(), "--space", PROD, "--values", values("{\"Staging\": {\"DbPassword\": 7331}}").toString())
                .err().startsWith("The values file is not valid JSON of the expected shape (line 1, column "), "numbers are not text");
        String unquoted = refused("bundle", "import", bundle.toString(), "--space", PROD, "--values",
                values("{\"Staging\": {\"DbPassword\": hunter2}}").toString()).err();
        assertFalse(unquoted.contains("hunter2"), "a refusal never repeats a value: " + unquoted);
        assertTrue(refused("bundle", "import", bundle.toString(), "--space", PROD, "--values",
                values("{\"Staging\": {\"AdminEmail\": \"a\", \"AdminEmail\": \"b\"}}").toString()).err().contains("each key once"));
        assertEquals("The values file gives null for 'Staging'; give a text value, or leave the entry out.\n",
                refused("bundle", "import", bundle.toString(), "--space", PROD, "--values", values("{\"Staging\": null}").toString()).err());
    }

    /** Issue 11 point 10: a remote project builds nothing (release create, apply), and its release keeps the source's creation time. */
    @Test
    void aRemoteProjectBuildsNothingAndKeepsTheSourcesCreationTime() throws Exception {
        CliTest.ok(prod.run("bundle", "import", bundle.toString(), "--space", PROD, "--values", values("{\"Staging\": {\"AdminEmail\": \"a@example.org\","
                + " \"DbPassword\": \"pw-1\"}, \"Production\": {\"AdminEmail\": \"b@example.org\", \"DbPassword\": \"pw-2\"}}").toString()));
        String releases = CliTest.ok(prod.run("release", "list", "--space", PROD, "--project", REMOTE_WEB)).out();
        Result create = refused("release", "create", "--space", PROD, "--project", REMOTE_WEB, "2.0.1", "--package",
                "Acme.Web:2.0.1:" + TestBundles.SHA);
        assertEquals(odcm.app.service.ReleaseService.builtElsewhere(REMOTE_WEB, TestBundles.DEV) + "\n", create.err(), "one line");
        Path doc = Files.writeString(tmp.resolve("apply.json"), "{\"space\": \"Prod Space\", \"environments\": [{\"name\": \"QA\"}],"
                + " \"releases\": [{\"project\": \"DevTest Space: Web\", \"version\": \"2.0.1\","
                + " \"packages\": [{\"id\": \"Acme.Web\", \"version\": \"2.0.1\", \"sha256\": \"" + TestBundles.SHA + "\"}]}]}");
        String envs = CliTest.ok(prod.run("env", "list", "--space", PROD)).out();
        Result apply = refused("apply", doc.toString());
        assertEquals("Project 'DevTest Space: Web' was imported from 'DevTest Space', so an apply document cannot create or change it: its releases"
                + " come only from there, through an imported bundle. Nothing was applied.\n", apply.err());
        assertEquals(envs, CliTest.ok(prod.run("env", "list", "--space", PROD)).out(), "all or nothing: QA was not created");
        assertEquals(releases, CliTest.ok(prod.run("release", "list", "--space", PROD, "--project", REMOTE_WEB)).out());

        String source = CliTest.ok(new CliHarness(tmp.resolve("network-a")).run("release", "show", "--space", TestBundles.DEV, "--project", "Web",
                "1.0.0")).out().lines().findFirst().orElseThrow();
        String target = CliTest.ok(prod.run("release", "show", "--space", PROD, "--project", REMOTE_WEB, "1.0.0")).out().lines().findFirst().orElseThrow();
        assertEquals(source.substring(source.indexOf(", created ")), target.substring(target.indexOf(", created ")), target);
    }

    /**
     * The canary of issue 16: an import that fails for a reason nobody expected, with --verbose, carrying a sensitive value;
     * neither the log (at any level asked for) nor stderr holds that value, a private key or the master key.
     */
    @Test
    void aFailingImportLogsItsCauseButNeverItsSensitiveValueNorAKey() throws Exception {
        String canary = "canary-" + java.util.UUID.randomUUID();
        Path v = values("{\"Staging\": {\"AdminEmail\": \"ops-staging@example.org\", \"DbPassword\": \"" + canary + "\"},"
                + " \"Production\": {\"AdminEmail\": \"ops@example.org\", \"Maintenance\": true}}");
        // Damaged where an import writes: not the user's doing, so an unexpected error, not a refusal.
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:h2:file:" + prod.store().resolve("odcm"), "sa", "");
             java.sql.Statement st = c.createStatement()) {
            st.execute("DROP TABLE RELEASE_HISTORY CASCADE");
        }
        Result r = prod.run("bundle", "import", bundle.toString(), "--space", PROD, "--values", v.toString(), "--verbose");
        assertEquals(Cli.UNEXPECTED, r.exit(), r.out() + r.err());
        String log = Files.readString(prod.log());
        assertTrue(log.contains("RELEASE_HISTORY") && log.contains("\tat "), "the cause and its stack trace are in the log: " + log);
        assertTrue(r.err().contains("the details are in " + prod.log()) && r.err().contains("\tat "), "--verbose: the details on stderr too: " + r.err());
        for (String where : List.of(log, r.err())) {
            assertFalse(where.contains(canary), "no sensitive value");
            assertFalse(where.contains("PRIVATE KEY"), "no private key");
            try (var keys = Files.list(tmp.resolve("network-b").resolve("keys"))) {
                for (Path key : keys.filter(Files::isRegularFile).toList()) {
                    byte[] bytes = Files.readAllBytes(key);
                    assertFalse(where.contains(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).strip()), "no key file's text: " + key);
                    assertFalse(where.contains(java.util.Base64.getEncoder().encodeToString(bytes)), "no key file in Base64: " + key);
                    assertFalse(where.contains(java.util.HexFormat.of().formatHex(bytes)), "no key file in hex: " + key);
                }
            }
        }
    }

    @Test
    void importThenAgainThenDeployInOrder() throws Exception {
        Path v = values("{\"Staging\": {\"AdminEmail\": \"ops-staging@example.org\", \"DbPassword\": \"staging-pw-4411\"},"
                + " \"Production\": {\"AdminEmail\": \"ops@example.org\", \"Maintenance\": true}}");
        Result r = CliTest.ok(prod.run("bundle", "import", bundle.toString(), "--space", PROD, "--values", v.toString()));
        assertEquals("Imported release 1.0.0 of 'DevTest Space: Web' into 'Prod Space' with lifecycle 'Prod'.\n", r.out());
        assertTrue(CliTest.ok(prod.run("release", "list", "--space", PROD, "--project", REMOTE_WEB)).out().startsWith("1.0.0\t"));
        Result again = CliTest.ok(prod.run("bundle", "import", bundle.toString(), "--space", PROD));
        assertTrue(again.out().endsWith("; nothing was changed.\n"), again.out());

        assertEquals("Release 1.0.0 cannot be deployed to Production yet: phase 'Staging' (all must complete) comes first and still needs a "
                + "successful deployment to Staging.\n", refused("deploy", "--space", PROD, "--project", REMOTE_WEB, "1.0.0", "--to", "Production").err());
        CliTest.ok(prod.run("deploy", "--space", PROD, "--project", REMOTE_WEB, "1.0.0", "--to", "Staging", "--failed"));
        CliTest.ok(prod.run("deploy", "--space", PROD, "--project", REMOTE_WEB, "1.0.0", "--to", "Staging"));
        assertEquals("Recorded: release 1.0.0 of 'DevTest Space: Web' deployed to Production, succeeded.\n",
                CliTest.ok(prod.run("deploy", "--space", PROD, "--project", REMOTE_WEB, "1.0.0", "--to", "production")).out());
        JsonNode list = new ObjectMapper().readTree(CliTest.ok(prod.run("deployment", "list", "--space", PROD, "--project", REMOTE_WEB, "--json")).out());
        assertEquals(3, list.size());
        assertEquals("Production", list.get(0).get("environment").asText());
        assertEquals("failed", list.get(2).get("outcome").asText());
        assertEquals(0, prod.run("audit", "verify").exit());
    }

    @Test
    void aTamperedBundleIsRefusedWithTheReason() throws Exception {
        Path bad = Files.write(tmp.resolve("bad.odcmbundle"), TestBundles.tampered(Files.readAllBytes(bundle)));
        Result r = refused("bundle", "import", bad.toString(), "--space", PROD);
        assertTrue(r.err().startsWith("The bundle") || r.err().startsWith("This file"), r.err());
        assertEquals(2, prod.run("bundle", "import", "--space", PROD).exit(), "no file: usage");
    }
}

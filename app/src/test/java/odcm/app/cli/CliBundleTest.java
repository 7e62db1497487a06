package odcm.app.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import odcm.app.cli.CliHarness.Result;
import odcm.app.service.AppContext;
import odcm.model.lifecycle.LifecycleDraft;
import odcm.model.lifecycle.LifecycleDraft.PhaseDraft;
import odcm.model.lifecycle.ProgressionRule;
import odcm.model.project.DeploymentStep;
import odcm.model.project.PackageReference;
import odcm.model.project.ProjectDraft;
import odcm.model.project.Scope;
import odcm.model.project.Variable;
import odcm.model.release.PackageVersion;
import odcm.model.trust.TrustKind;
import odcm.packaging.cert.Certificates;
import odcm.packaging.cert.KeyAlgorithm;
import odcm.persistence.StoreLocation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bundle create | verify | inspect | outbox, as a user types them, with their refusals: one line on stderr, exit 1, nothing changed. */
class CliBundleTest {
    static final String SECRET = "hunter2-Prod-secret";

    @TempDir
    Path tmp;
    CliHarness cli;

    /** DevTest (EC) promotes Web to Prod (RSA, local, trusting DevTest) and to Remote Space (remote, fingerprint not confirmed). */
    @BeforeEach
    void organisation() {
        cli = new CliHarness(tmp);
        try (AppContext ctx = AppContext.open(new StoreLocation(tmp.resolve("store"), tmp.resolve("keys")))) {
            ctx.spaces().create("DevTest Space", "", KeyAlgorithm.EC_P256);
            ctx.spaces().create("Prod Space", "", KeyAlgorithm.RSA_3072);
            ctx.spaces().create("QA Space", "", KeyAlgorithm.EC_P256);
            ctx.remotes().add("Remote Space", "", Certificates.generate("Remote Space", KeyAlgorithm.EC_P256, Instant.now()).certificateDer(), null);
            ctx.environments().create("DevTest Space", "Test", "");
            ctx.lifecycles().create("DevTest Space", new LifecycleDraft("Main", "", true, List.of(
                    new PhaseDraft("Test", List.of("Test"), List.of(), List.of(), ProgressionRule.ALL),
                    new PhaseDraft("Production", List.of(), List.of(), List.of("Prod Space", "Remote Space"), ProgressionRule.ALL))));
            ctx.projects().create("DevTest Space", new ProjectDraft("Web", "", "Main",
                    List.of(new DeploymentStep("Deploy", "Deploy a package", Map.of(), Scope.ALL, List.of(new PackageReference("Acme.Web")))),
                    List.of(new Variable("DbPassword", SECRET, true, Scope.ALL)), List.of(), List.of()));
            ctx.releases().create("DevTest Space", "Web", "1.0.0", "First", null, List.of(new PackageVersion("Acme.Web", "1.0.0", "ab".repeat(32))));
            ctx.deployments().deploy("DevTest Space", "Web", "1.0.0", "Test", true); // the phase before its promotion (decision 0045)
            ctx.releases().create("DevTest Space", "Web", "1.1.0", "Next", null, List.of(new PackageVersion("Acme.Web", "1.1.0", "cd".repeat(32))));
            ctx.trusts().add("Prod Space", "DevTest Space", TrustKind.RELEASE_BUNDLES);
        }
    }

    @Test
    void aSkippedPhaseIsRefusedUnlessAReleaseManagerSaysWhy() {
        Path out = tmp.resolve("web-1.1.0.odcmbundle");
        refused("Release 1.1.0 cannot be promoted to 'Prod Space' yet: phase 'Test' (all must complete) comes first and still needs a "
                + "successful deployment to Test.", "bundle", "create", "--space", "DevTest Space", "--project", "Web", "--release", "1.1.0",
                "--to", "Prod Space", "--out", out.toString());
        refused("The reason for promoting out of lifecycle order must be given.", "bundle", "create", "--space", "DevTest Space",
                "--project", "Web", "--release", "1.1.0", "--to", "Prod Space", "--out", out.toString(), "--out-of-order", " ");
        assertFalse(Files.exists(out));

        ok("bundle", "create", "--space", "DevTest Space", "--project", "Web", "--release", "1.1.0", "--to", "Prod Space",
                "--out", out.toString(), "--out-of-order", "Hotfix agreed with QA");
        Result shown = ok("bundle", "verify", out.toString(), "--space", "Prod Space");
        assertTrue(shown.out().contains(System.lineSeparator() + "Promoted out of lifecycle order by "), shown.out());
        assertTrue(shown.out().contains(": Hotfix agreed with QA" + System.lineSeparator() + "  skipped: Release 1.1.0 cannot be promoted"),
                shown.out());
    }

    @Test
    void aRejectedReleaseIsNotPromotedEvenOutOfOrder() {
        ok("release", "reject", "--space", "DevTest Space", "--project", "Web", "1.0.0", "--comment", "broken login");
        String out = tmp.resolve("web.odcmbundle").toString();
        Result r = cli.run("bundle", "create", "--space", "DevTest Space", "--project", "Web", "--release", "1.0.0", "--to", "Prod Space",
                "--out", out, "--out-of-order", "ship it");
        assertEquals(Cli.REFUSED, r.exit());
        assertTrue(r.err().matches("Release 1\\.0\\.0 of 'Web' was rejected in 'DevTest Space' by .+ \\(broken login\\), so it is not promoted "
                + "until someone approves it\\.\\R"), r.err());
    }

    private Result ok(String... args) {
        Result r = cli.run(args);
        assertEquals(0, r.exit(), String.join(" ", args) + ": " + r.err());
        return r;
    }

    /** Refused with exactly this one line on stderr, exit 1, nothing on stdout, and every listing as it was. */
    private void refused(String line, String... args) {
        String before = cli.listings();
        Result r = cli.run(args);
        assertEquals(Cli.REFUSED, r.exit(), r.out() + r.err());
        assertEquals(line + System.lineSeparator(), r.err());
        assertEquals("", r.out());
        assertEquals(before, cli.listings());
    }

    private Path create(String name) {
        Path out = tmp.resolve(name);
        ok("bundle", "create", "--space", "DevTest Space", "--project", "Web", "--release", "1.0.0", "--to", "Prod Space", "--out", out.toString());
        return out;
    }

    @Test
    void createVerifyInspectAndOutbox() throws Exception {
        Path out = tmp.resolve("web.odcmbundle");
        Result c = ok("bundle", "create", "--space", "DevTest Space", "--project", "Web", "--release", "1.0.0", "--to", "Prod Space",
                "--out", out.toString(), "--valid-days", "7");
        assertTrue(c.out().startsWith("Wrote " + out.toAbsolutePath() + " (" + Files.size(out) + " bytes): release 1.0.0 of 'Web' for 'Prod Space'."),
                c.out());
        String sha = odcm.model.cert.Fingerprint.ofDigest(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(out))).grouped();
        assertTrue(c.out().contains("SHA-256:  " + sha), c.out());
        assertTrue(c.out().contains("sequence 1"));

        Result v = ok("bundle", "verify", out.toString(), "--space", "Prod Space");
        assertTrue(v.out().startsWith("Genuine: release 1.0.0 of Web, signed by DevTest Space and addressed to Prod Space"), v.out());
        assertTrue(v.out().contains("DbPassword = ********"), v.out());
        assertFalse(v.out().contains(SECRET));

        JsonNode j = new ObjectMapper().readTree(ok("bundle", "verify", out.toString(), "--space", "Prod Space", "--json").out());
        assertTrue(j.get("genuine").asBoolean());
        assertEquals("Web", j.get("release").get("project").asText());

        Result i = ok("bundle", "inspect", out.toString());
        assertTrue(i.out().startsWith("NOT VERIFIED: "), i.out());
        assertTrue(i.out().contains("To:       Prod Space"), i.out());
        JsonNode ij = new ObjectMapper().readTree(ok("bundle", "inspect", out.toString(), "--json").out());
        assertFalse(ij.get("verified").asBoolean());
        assertEquals(1, ij.get("sequence").asInt());

        Result o = ok("bundle", "outbox", "--space", "DevTest Space");
        assertTrue(o.out().startsWith("Web\t1.0.0\tto Prod Space\t#1\t"), o.out());
        assertTrue(o.out().contains(sha));
        JsonNode oj = new ObjectMapper().readTree(ok("bundle", "outbox", "--space", "DevTest Space", "--json").out());
        assertEquals(out.toAbsolutePath().toString(), oj.get(0).get("file").asText());
        assertFalse(oj.get(0).get("expired").asBoolean());
    }

    @Test
    void emptyOutbox() {
        assertEquals("'DevTest Space' has written no bundles yet; promote a release with 'odcm bundle create'." + System.lineSeparator(),
                ok("bundle", "outbox", "--space", "DevTest Space").out());
    }

    @Test
    void verifyRefusedByASpaceThatDoesNotTrustTheSource() {
        Path out = create("web.odcmbundle");
        Result r = cli.run("bundle", "verify", out.toString(), "--space", "QA Space");
        assertEquals(Cli.REFUSED, r.exit());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("The bundle claims to come from 'DevTest Space' (certificate "), r.err());
        assertEquals(1, r.err().lines().count());
    }

    @Test
    void verifyOfATamperedFileExitsOne() throws Exception {
        Path out = create("web.odcmbundle");
        byte[] b = Files.readAllBytes(out);
        Files.write(out, java.util.Arrays.copyOf(b, b.length - 10));
        refused("This file is not a release bundle, or it is truncated or damaged (the end of the ZIP file is missing, so it was cut off).",
                "bundle", "verify", out.toString(), "--space", "Prod Space");
        refused("This file is not a release bundle, or it is truncated or damaged (the end of the ZIP file is missing, so it was cut off).",
                "bundle", "inspect", out.toString());
    }

    /**
     * Decision 0038, "Freshness": the trust by which Prod accepts DevTest's bundles revoked, then put back active with plain
     * JDBC and the seal it had while active. 'bundle verify' exits 1 with one sentence (before: 0, "Genuine").
     */
    @Test
    void verifyOfABundleWhoseRevokedTrustWasPutBackExitsOne() throws Exception {
        Path out = create("web.odcmbundle");
        String url = "jdbc:h2:file:" + tmp.resolve("store").resolve("odcm");
        String activeSeal;
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, "sa", ""); java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT seal FROM trust")) {
            assertTrue(rs.next());
            activeSeal = rs.getString(1);
        }
        ok("trust", "revoke", "--space", "Prod Space", "--accepts", "bundles", "--from", "DevTest Space", "--reason", "key compromised");
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, "sa", "");
             java.sql.PreparedStatement st = c.prepareStatement("UPDATE trust SET revoked_at = NULL, revoked_by = NULL, revoke_reason = NULL, seal = ?")) {
            st.setString(1, activeSeal);
            assertEquals(1, st.executeUpdate());
        }
        Result r = cli.run("bundle", "verify", out.toString(), "--space", "Prod Space");
        assertEquals(Cli.REFUSED, r.exit(), r.out() + r.err());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("The trusts and certificates in this store are not the ones ODCM Console last recorded (audit entry "), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }

    @Test
    void unknownTarget() {
        refused("Project 'Web' of 'DevTest Space' does not promote to 'Mars Space': its lifecycle 'Main' promotes to 'Prod Space', 'Remote Space'.",
                "bundle", "create", "--space", "DevTest Space", "--project", "Web", "--release", "1.0.0", "--to", "Mars Space",
                "--out", tmp.resolve("x.odcmbundle").toString());
        assertFalse(Files.exists(tmp.resolve("x.odcmbundle")));
    }

    @Test
    void targetNotPromotedTo() {
        refused("Project 'Web' of 'DevTest Space' does not promote to 'QA Space': its lifecycle 'Main' promotes to 'Prod Space', 'Remote Space'.",
                "bundle", "create", "--space", "DevTest Space", "--project", "Web", "--release", "1.0.0", "--to", "QA Space",
                "--out", tmp.resolve("x.odcmbundle").toString());
    }

    @Test
    void unconfirmedRemoteTarget() {
        refused("The fingerprint of remote space 'Remote Space' has not been confirmed with the other side; confirm it first, or the release's "
                        + "secrets could be encrypted for an impostor.",
                "bundle", "create", "--space", "DevTest Space", "--project", "Web", "--release", "1.0.0", "--to", "Remote Space",
                "--out", tmp.resolve("x.odcmbundle").toString());
    }

    @Test
    void existingOutFileNeedsForce() throws Exception {
        Path out = Files.writeString(tmp.resolve("taken.odcmbundle"), "mine");
        refused(out.toAbsolutePath() + " already exists; choose another file name, or replace it on purpose (--force).",
                "bundle", "create", "--space", "DevTest Space", "--project", "Web", "--release", "1.0.0", "--to", "Prod Space",
                "--out", out.toString());
        assertEquals("mine", Files.readString(out));
        ok("bundle", "create", "--space", "DevTest Space", "--project", "Web", "--release", "1.0.0", "--to", "Prod Space",
                "--out", out.toString(), "--force");
        ok("bundle", "verify", out.toString(), "--space", "Prod Space");
    }

    @Test
    void validDaysOutOfRange() {
        refused("A bundle stays valid for 1 to 365 days; 400 is not in that range.",
                "bundle", "create", "--space", "DevTest Space", "--project", "Web", "--release", "1.0.0", "--to", "Prod Space",
                "--out", tmp.resolve("x.odcmbundle").toString(), "--valid-days", "400");
    }

    @Test
    void missingFile() {
        Path none = tmp.resolve("none.odcmbundle");
        refused("There is no file " + none.toAbsolutePath() + ".", "bundle", "verify", none.toString(), "--space", "Prod Space");
        refused("There is no file " + none.toAbsolutePath() + ".", "bundle", "inspect", none.toString());
    }

    @Test
    void helpListsTheCommands() {
        String help = ok("bundle", "--help").out();
        for (String c : List.of("create", "verify", "inspect", "outbox")) {
            assertTrue(help.contains(c), help);
        }
        assertTrue(ok("bundle", "verify", "--help").out().contains("Exit 0 only when it is genuine"));
    }
}

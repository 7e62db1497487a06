package odcm.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import odcm.app.cli.CliHarness.Result;
import odcm.packaging.cert.Certificates;
import odcm.packaging.cert.KeyAlgorithm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every refusal of the command line: exit status non-zero, exactly one line on stderr, no stack trace,
 * and every listing (spaces, remote spaces, trusts, audit log) exactly as before.
 */
class CliRefusalTest {
    /** The organisation, made once for the class; each test works on its own copy of it (docs/decisions/0025). */
    @TempDir
    static Path built;
    static Path prodPem;
    static String prodFingerprint;

    @TempDir
    Path tmp;
    CliHarness cli;
    String before;

    @BeforeAll
    static void organisation() {
        CliHarness other = new CliHarness(built.resolve("other"));
        CliTest.ok(other.run("space", "create", "Prod Space"));
        prodPem = built.resolve("prod.pem");
        Result wrote = CliTest.ok(other.run("space", "cert", "Prod Space", "--out", prodPem.toString()));
        prodFingerprint = wrote.out().replaceAll("(?s).*SHA-256 fingerprint: ([0-9A-F ]+)\\s*$", "$1").strip();

        CliHarness here = new CliHarness(built.resolve("here"));
        CliTest.ok(here.run("space", "create", "DevTest Space"));
        CliTest.ok(here.run("space", "create", "QA Space"));
        CliTest.ok(here.run("remote", "add", "Prod Space", "--cert", prodPem.toString(), "--fingerprint", prodFingerprint));
        CliTest.ok(here.run("trust", "add", "--space", "QA Space", "--accepts", "bundles", "--from", "DevTest Space"));
    }

    @BeforeEach
    void copyOfTheOrganisation() throws Exception {
        cli = new CliHarness(PausedChild.copy(built.resolve("here"), tmp.resolve("here")));
        before = cli.listings();
    }

    /** Runs a command that must be refused and returns its one stderr line. */
    String refused(String... args) {
        return refusedWith(Cli.REFUSED, args);
    }

    /** A command line that cannot be parsed: exit status 2, otherwise like a refusal. */
    String misused(String... args) {
        return refusedWith(Cli.USAGE, args);
    }

    private String refusedWith(int exit, String... args) {
        Result r = cli.run(args);
        assertEquals(exit, r.exit(), "exit status of " + String.join(" ", args) + "; stderr: " + r.err());
        String err = r.err().strip();
        assertFalse(err.isEmpty(), "a refusal says why");
        assertFalse(err.contains("\n"), "one line on stderr: " + err);
        assertFalse(err.contains("Exception") || err.contains("\tat "), "no stack trace: " + err);
        assertEquals("", r.out(), "nothing on stdout for a refusal");
        assertEquals(before, cli.listings(), "the store is left as it was");
        return err;
    }

    @Test
    void spaceWithoutName() {
        assertEquals("A space needs a name.", refused("space", "create", "  "));
    }

    @Test
    void spaceNameWithColon() {
        assertTrue(refused("space", "create", "Prod: EU").contains("cannot contain ':'"));
    }

    @Test
    void spaceNameTooLong() {
        assertTrue(refused("space", "create", "x".repeat(61)).contains("at most 60 characters"));
    }

    @Test
    void spaceNameTakenInOtherCase() {
        assertTrue(refused("space", "create", "devtest SPACE").contains("already taken by local space 'DevTest Space'"));
    }

    @Test
    void spaceNameTakenByRemoteSpace() {
        assertTrue(refused("space", "create", "PROD SPACE").contains("already taken by remote space 'Prod Space'"));
    }

    @Test
    void unknownKeyAlgorithm() {
        assertTrue(misused("space", "create", "Edge", "--key", "dsa").contains("'ec'"));
    }

    @Test
    void renameToTakenName() {
        assertTrue(refused("space", "rename", "QA Space", "prod space").contains("already taken"));
    }

    @Test
    void renameUnknownSpace() {
        assertEquals("There is no space named 'Nowhere'.", refused("space", "rename", "Nowhere", "Somewhere"));
    }

    @Test
    void deleteSpaceReferredToByTrust() {
        String err = refused("space", "delete", "DevTest Space");
        assertTrue(err.contains("'QA Space' accepts release bundles from 'DevTest Space'"), err);
        assertTrue(err.contains("revoke that trust first"), err);
    }

    @Test
    void deleteRemoteSpaceAsLocal() {
        assertTrue(refused("space", "delete", "Prod Space").contains("remote space"));
    }

    @Test
    void derCertificateToStandardOutput() {
        assertTrue(refused("space", "cert", "QA Space", "--format", "der").contains("--out"));
    }

    @Test
    void remoteFromMissingFile() {
        assertTrue(refused("remote", "add", "Edge", "--cert", tmp.resolve("nope.pem").toString()).contains("There is no file"));
    }

    @Test
    void remoteFromTextThatIsNoCertificate() throws Exception {
        Path notes = Files.writeString(tmp.resolve("notes.txt"), "fingerprint is on the phone\n");
        refused("remote", "add", "Edge", "--cert", notes.toString());
    }

    @Test
    void remoteFromPrivateKey() throws Exception {
        byte[] pkcs8 = Certificates.generate("Leaky", KeyAlgorithm.EC_P256, Instant.now()).privateKeyPkcs8().reveal();
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pkcs8)
                + "\n-----END PRIVATE KEY-----\n";
        Path key = Files.writeString(tmp.resolve("key.pem"), pem);
        assertTrue(refused("remote", "add", "Edge", "--cert", key.toString()).toLowerCase().contains("private key"));
    }

    @Test
    void remoteWithWrongFingerprint() throws Exception {
        CliHarness third = new CliHarness(tmp.resolve("third"));
        CliTest.ok(third.run("space", "create", "Edge Space"));
        Path edge = tmp.resolve("edge.pem");
        CliTest.ok(third.run("space", "cert", "Edge Space", "--out", edge.toString()));
        String err = refused("remote", "add", "Edge Space", "--cert", edge.toString(), "--fingerprint", prodFingerprint);
        assertTrue(err.contains("does not match"), err);
        assertTrue(err.contains("nothing was saved"), err);
    }

    @Test
    void remoteWithMalformedFingerprint() {
        assertTrue(refused("remote", "add", "Edge", "--cert", prodPem.toString(), "--fingerprint", "12AB").contains("64 hexadecimal digits"));
    }

    @Test
    void remoteCertificateAlreadyKnownUnderAnotherName() {
        assertTrue(refused("remote", "add", "Production", "--cert", prodPem.toString()).contains("already known as remote space 'Prod Space'"));
    }

    @Test
    void remoteWithOwnLocalCertificate() throws Exception {
        Path own = tmp.resolve("own.pem");
        CliTest.ok(cli.run("space", "cert", "QA Space", "--out", own.toString()));
        before = cli.listings(); // the export is audited (decision 0055); the refusal below changes nothing
        assertTrue(refused("remote", "add", "Mirror", "--cert", own.toString()).contains("already known as local space 'QA Space'"));
    }

    @Test
    void replaceCertificateOfLocalSpace() {
        assertTrue(refused("remote", "replace-cert", "QA Space", "--cert", prodPem.toString()).contains("local space"));
    }

    @Test
    void replaceWithSameCertificate() {
        assertTrue(refused("remote", "replace-cert", "Prod Space", "--cert", prodPem.toString()).contains("already the current certificate"));
    }

    @Test
    void trustOfItself() {
        assertTrue(refused("trust", "add", "--space", "QA Space", "--accepts", "bundles", "--from", "qa space").contains("cannot trust itself"));
    }

    @Test
    void duplicateTrust() {
        assertTrue(refused("trust", "add", "--space", "QA Space", "--accepts", "bundles", "--from", "DevTest Space").contains("already accepts"));
    }

    @Test
    void trustGrantedByRemoteSpace() {
        assertTrue(refused("trust", "add", "--space", "Prod Space", "--accepts", "receipts", "--from", "QA Space").contains("Only a local space"));
    }

    @Test
    void trustOfUnknownKind() {
        assertTrue(misused("trust", "add", "--space", "QA Space", "--accepts", "packages", "--from", "Prod Space").contains("'bundles'"));
    }

    @Test
    void revokeWithoutReason() {
        assertTrue(refused("trust", "revoke", "--space", "QA Space", "--accepts", "bundles", "--from", "DevTest Space", "--reason", " ")
                .contains("Say why"));
    }

    @Test
    void revokeTrustThatDoesNotExist() {
        assertTrue(refused("trust", "revoke", "--space", "QA Space", "--accepts", "receipts", "--from", "Prod Space", "--reason", "x")
                .contains("nothing to revoke"));
    }

    @Test
    void missingRequiredOption() {
        String err = misused("trust", "add", "--space", "QA Space", "--from", "Prod Space");
        assertTrue(err.contains("--accepts"), err);
    }

    @Test
    void unknownCommand() {
        assertTrue(misused("spaces", "list").contains("odcm"));
    }

    @Test
    void replaceCertificateOfTrustedSpaceWithoutConfirmation() throws Exception {
        CliTest.ok(cli.run("trust", "add", "--space", "QA Space", "--accepts", "bundles", "--from", "Prod Space"));
        before = cli.listings();
        CliHarness other = new CliHarness(tmp.resolve("rotated"));
        CliTest.ok(other.run("space", "create", "Prod Space"));
        Path rotated = tmp.resolve("rotated.pem");
        CliTest.ok(other.run("space", "cert", "Prod Space", "--out", rotated.toString()));
        assertTrue(refused("remote", "replace-cert", "Prod Space", "--cert", rotated.toString()).contains("must be confirmed"));
    }

    @Test
    void descriptionWithTerminalEscape() {
        assertTrue(refused("space", "create", "Edge Space", "--description", "red \u001b[31m").contains("control characters"));
    }

    @Test
    void nameWithInvisibleCharacter() {
        assertTrue(refused("space", "create", "QA\u200B Space").contains("invisible"));
    }

    @Test
    void certificateWrittenOntoAFolder() {
        // A folder where a file is expected: the command line itself is wrong (exit 2, see CliPathMistakesTest).
        assertTrue(misused("space", "cert", "QA Space", "--out", tmp.toString()).contains("is a folder"));
    }

    @Test
    void trustInARemoteSpaceWhoseFingerprintNobodyConfirmed() throws Exception {
        CliHarness other = new CliHarness(tmp.resolve("unconfirmed"));
        CliTest.ok(other.run("space", "create", "Edge Space"));
        Path edge = tmp.resolve("edge-unconfirmed.pem");
        String fingerprint = CliTest.ok(other.run("space", "cert", "Edge Space", "--out", edge.toString())).out()
                .replaceAll("(?s).*SHA-256 fingerprint: ([0-9A-F ]+)\\s*$", "$1").strip();
        CliTest.ok(cli.run("remote", "add", "Edge Space", "--cert", edge.toString()));
        assertTrue(CliTest.ok(cli.run("remote", "list")).out().contains("UNCONFIRMED"));
        before = cli.listings();
        assertTrue(refused("trust", "add", "--space", "QA Space", "--accepts", "receipts", "--from", "Edge Space").contains("confirm it first"));
        assertTrue(refused("remote", "confirm", "Edge Space", "--fingerprint", prodFingerprint).contains("stays unconfirmed"));

        CliTest.ok(cli.run("remote", "confirm", "Edge Space", "--fingerprint", fingerprint));
        CliTest.ok(cli.run("trust", "add", "--space", "QA Space", "--accepts", "receipts", "--from", "Edge Space"));
        assertTrue(!CliTest.ok(cli.run("remote", "list")).out().contains("UNCONFIRMED"));
    }

    @Test
    void emptyStoreOption() {
        java.io.StringWriter err = new java.io.StringWriter();
        int exit = Cli.execute(new String[] {"space", "list", "--store", ""}, new java.io.PrintWriter(new java.io.StringWriter()),
                new java.io.PrintWriter(err, true), java.util.Map.of("ODCM_KEY_DIR", tmp.resolve("keys").toString()));
        assertEquals(Cli.USAGE, exit, "the command line itself was wrong");
        assertEquals("--store needs a folder; an empty name is none. (see 'odcm space list --help')", err.toString().strip());
    }
}

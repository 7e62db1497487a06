package odcm.packaging.bundle;

import static odcm.packaging.bundle.Fixture.*;
import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import odcm.model.cert.CertificateFormat;
import odcm.packaging.cert.Certificates;
import odcm.packaging.cert.SpaceIdentity;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs the exact commands of docs/bundle-format.md ("Checking a bundle by hand") against bundles the console wrote. */
class BundleOpensslInteropTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void toolsAreThere() {
        Assumptions.assumeTrue(found("openssl", "version"), "openssl not found on PATH; bundle interop test skipped");
        Assumptions.assumeTrue(found("unzip", "-v"), "unzip not found on PATH; bundle interop test skipped");
    }

    static Stream<Arguments> pairs() {
        return Stream.of(Arguments.of("EC to EC", DEV_EC, PROD_EC), Arguments.of("RSA to RSA", DEV_RSA, PROD_RSA),
                Arguments.of("EC to RSA", DEV_EC, PROD_RSA), Arguments.of("RSA to EC", DEV_RSA, PROD_EC));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void opensslVerifiesTheSignatureAndDecryptsTheSecrets(String label, SpaceIdentity source, SpaceIdentity target) throws Exception {
        BundleContent content = content("Dev Space", "Prod Space", 1);
        Files.write(dir.resolve("release.odcmbundle"), write(content, source, target));
        Files.write(dir.resolve("source.pem"), Certificates.encode(source.certificateDer(), CertificateFormat.PEM));
        Files.write(dir.resolve("target.pem"), Certificates.encode(target.certificateDer(), CertificateFormat.PEM));
        byte[] key = target.privateKeyPkcs8().reveal();
        Files.writeString(dir.resolve("target-key.pem"), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key) + "\n-----END PRIVATE KEY-----\n");

        ok("unzip", "-q", "release.odcmbundle", "-d", "bundle");
        // The signature, checked against the pinned source certificate only (-nointern ignores the one inside).
        Result verify = ok("openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", "bundle/manifest.sig",
                "-content", "bundle/manifest.json", "-certfile", "source.pem", "-nointern", "-noverify", "-out", "/dev/null");
        assertTrue(verify.text.contains("Verification successful"), verify.text);
        // The shorter form of the brief, trusting the certificate inside for the signature check alone.
        ok("openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", "bundle/manifest.sig", "-content", "bundle/manifest.json",
                "-noverify", "-out", "/dev/null");
        // Every part's hash as the manifest lists it.
        String manifest = Files.readString(dir.resolve("bundle/manifest.json"));
        for (String part : BundleFormat.HASHED) {
            Result dgst = ok("openssl", "dgst", "-sha256", "-r", "bundle/" + part);
            String hash = dgst.text.strip().split(" ")[0];
            assertTrue(manifest.contains("{\"name\":\"" + part + "\",\"sha256\":\"" + hash + "\"}"), part + " " + hash);
        }
        // The secrets, with the target's key.
        ok("openssl", "cms", "-decrypt", "-inform", "DER", "-in", "bundle/secrets.cms", "-inkey", "target-key.pem", "-recip", "target.pem",
                "-out", "secrets.json");
        String secrets = Files.readString(dir.resolve("secrets.json"));
        assertTrue(secrets.contains("hunter2") && secrets.contains("t3st"), secrets);
        assertTrue(secrets.contains("\"bundleId\":\"" + content.bundleId() + "\""), secrets);
        assertTrue(secrets.contains("\"targetSpace\":\"Prod Space\""), secrets);
        Result asn1 = ok("openssl", "asn1parse", "-inform", "DER", "-in", "bundle/secrets.cms");
        assertTrue(asn1.text.contains("id-smime-ct-authEnvelopedData") && asn1.text.contains(":aes-256-gcm"), asn1.text);

        // A changed manifest does not verify.
        Files.writeString(dir.resolve("bundle/manifest.json"), manifest.replace("\"sequence\":1", "\"sequence\":2"));
        Result bad = run("openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", "bundle/manifest.sig",
                "-content", "bundle/manifest.json", "-certfile", "source.pem", "-nointern", "-noverify", "-out", "/dev/null");
        assertNotEquals(0, bad.exitCode, bad.text);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void opensslVerifiesADeploymentReceipt(String label, SpaceIdentity addressee, SpaceIdentity signer) throws Exception {
        ReceiptContent content = new ReceiptContent(java.util.UUID.randomUUID(), "Prod Space", "Dev Space", 1, NOW,
                NOW.plusSeconds(86400), List.of(new ReceiptContent.Deployment(java.util.UUID.randomUUID(), "Acme", "1.2.3", "Production",
                "SUCCEEDED", NOW, "ops")));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        ReceiptWriter.write(content, new SourceKey(signer.certificateDer(), signer.privateKeyPkcs8()), addressee.certificateDer(), out);
        Files.write(dir.resolve("prod.odcmreceipt"), out.toByteArray());
        Files.write(dir.resolve("signer.pem"), Certificates.encode(signer.certificateDer(), CertificateFormat.PEM));

        ok("unzip", "-q", "prod.odcmreceipt", "-d", "receipt");
        Result verify = ok("openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", "receipt/receipt.sig",
                "-content", "receipt/receipt.json", "-certfile", "signer.pem", "-nointern", "-noverify", "-out", "/dev/null");
        assertTrue(verify.text.contains("Verification successful"), verify.text);
        String json = Files.readString(dir.resolve("receipt/receipt.json"));
        Files.writeString(dir.resolve("receipt/receipt.json"), json.replace("SUCCEEDED", "FAILED"));
        Result bad = run("openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", "receipt/receipt.sig",
                "-content", "receipt/receipt.json", "-certfile", "signer.pem", "-nointern", "-noverify", "-out", "/dev/null");
        assertNotEquals(0, bad.exitCode, bad.text);
    }

    /** A rotation statement checked by hand as docs/bundle-format.md says: both signatures, the new certificate from the statement. */
    @Test
    void opensslVerifiesBothSignaturesOfARotationStatement() throws Exception {
        SpaceIdentity next = Certificates.generate("Dev Space", odcm.packaging.cert.KeyAlgorithm.EC_P256, NOW.minusSeconds(60));
        KeyStatement s = KeyStatement.rotation("Dev Space", Certificates.fingerprint(DEV_EC.certificateDer()), NOW, next.certificateDer(),
                NOW.plusSeconds(86400));
        Files.write(dir.resolve("dev-rotation.odcmkeys"), KeyStatementVerifierTest.write(s, DEV_EC, next));
        Files.write(dir.resolve("old.pem"), Certificates.encode(DEV_EC.certificateDer(), CertificateFormat.PEM));
        ok("unzip", "-q", "dev-rotation.odcmkeys", "-d", "s");
        Result old = ok("openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", "s/statement.sig", "-content", "s/statement.json",
                "-certfile", "old.pem", "-nointern", "-noverify", "-out", "/dev/null");
        assertTrue(old.text.contains("Verification successful"), old.text);
        String json = Files.readString(dir.resolve("s/statement.json"));
        String b64 = json.replaceAll(".*\"newCertificate\":\"([^\"]+)\".*", "$1");
        Files.write(dir.resolve("new.der"), java.util.Base64.getDecoder().decode(b64));
        ok("openssl", "x509", "-inform", "DER", "-in", "new.der", "-out", "new.pem");
        Result fresh = ok("openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", "s/statement-new.sig", "-content",
                "s/statement.json", "-certfile", "new.pem", "-nointern", "-noverify", "-out", "/dev/null");
        assertTrue(fresh.text.contains("Verification successful"), fresh.text);
        Result crossed = run("openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", "s/statement-new.sig", "-content",
                "s/statement.json", "-certfile", "old.pem", "-nointern", "-noverify", "-out", "/dev/null");
        assertNotEquals(0, crossed.exitCode, "the new key's signature does not verify with the old certificate");
    }

    private record Result(int exitCode, String text) {
    }

    private Result ok(String... command) throws IOException, InterruptedException {
        Result r = run(command);
        assertEquals(0, r.exitCode, String.join(" ", command) + "\n" + r.text);
        return r;
    }

    private Result run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(new ArrayList<>(List.of(command))).directory(dir.toFile()).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Result(p.exitValue(), text);
    }

    private static boolean found(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}

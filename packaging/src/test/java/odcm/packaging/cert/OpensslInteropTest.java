package odcm.packaging.cert;

import static odcm.packaging.cert.TestCertificates.NOW;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import odcm.model.cert.CertificateFormat;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The openssl command line reads what the console writes, and the console reads what openssl writes. */
class OpensslInteropTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void opensslIsThere() {
        boolean found;
        try {
            found = run(List.of("openssl", "version")).exitCode == 0;
        } catch (IOException e) {
            found = false;
        }
        Assumptions.assumeTrue(found, "openssl not found on PATH; interop test skipped");
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void opensslComputesTheSameFingerprint(KeyAlgorithm algorithm) throws Exception {
        SpaceIdentity id = Certificates.generate("Prod, \"Zürich\" Space", algorithm, NOW);
        Path pem = dir.resolve("space.pem");
        Files.write(pem, Certificates.encode(id.certificateDer(), CertificateFormat.PEM));
        Result out = run(List.of("openssl", "x509", "-noout", "-fingerprint", "-sha256", "-in", pem.toString()));
        assertEquals(0, out.exitCode, out.text);
        // "sha256 Fingerprint=AB:CD:..." (the prefix's case differs between openssl versions)
        String fingerprint = out.text.strip().substring(out.text.indexOf('=') + 1);
        assertEquals(id.info().fingerprint().colonSeparated(), fingerprint);
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void opensslParsesTheCertificateAndItsExtensions(KeyAlgorithm algorithm) throws Exception {
        SpaceIdentity id = Certificates.generate("Prod Space", algorithm, NOW);
        Path der = dir.resolve("space.der");
        Files.write(der, Certificates.encode(id.certificateDer(), CertificateFormat.DER));
        Result out = run(List.of("openssl", "x509", "-inform", "DER", "-noout", "-text", "-in", der.toString()));
        assertEquals(0, out.exitCode, out.text);
        assertTrue(out.text.contains("Subject: O = ODCM Console, CN = Prod Space"), out.text);
        assertTrue(out.text.contains("CA:FALSE"), out.text);
        assertTrue(out.text.contains("X509v3 Subject Key Identifier"), out.text);
        if (algorithm == KeyAlgorithm.RSA_3072) {
            assertTrue(out.text.contains("rsassaPss"), out.text);
            assertTrue(out.text.contains("Public-Key: (3072 bit)"), out.text);
            assertTrue(out.text.contains("Digital Signature, Key Encipherment"), out.text);
        } else {
            assertTrue(out.text.contains("ecdsa-with-SHA256"), out.text);
            assertTrue(out.text.contains("NIST CURVE: P-256"), out.text);
            assertTrue(out.text.contains("Digital Signature, Key Agreement"), out.text);
        }
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void opensslVerifiesTheSelfSignature(KeyAlgorithm algorithm) throws Exception {
        SpaceIdentity id = Certificates.generate("Prod Space", algorithm, java.time.Instant.now());
        Path pem = dir.resolve("space.pem");
        Files.write(pem, Certificates.encode(id.certificateDer(), CertificateFormat.PEM));
        Result out = run(List.of("openssl", "verify", "-check_ss_sig", "-partial_chain", "-CAfile", pem.toString(), pem.toString()));
        assertEquals(0, out.exitCode, out.text);
        assertTrue(out.text.contains(": OK"), out.text);
    }

    @Test
    void consoleReadsAnOpensslCertificate() throws Exception {
        Path key = dir.resolve("key.pem");
        Path cert = dir.resolve("cert.pem");
        Result made = run(List.of("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-384",
                "-nodes", "-keyout", key.toString(), "-out", cert.toString(), "-days", "2", "-subj", "/O=Elsewhere/CN=DMZ Space"));
        assertEquals(0, made.exitCode, made.text);
        ReadCertificate read = Certificates.read(Files.readAllBytes(cert), java.time.Instant.now());
        assertEquals("CN=DMZ Space, O=Elsewhere", read.info().subject());
        assertEquals("EC secp384r1", read.info().keyDescription());
        Result fp = run(List.of("openssl", "x509", "-noout", "-fingerprint", "-sha256", "-in", cert.toString()));
        assertEquals(read.info().fingerprint().colonSeparated(), fp.text.strip().substring(fp.text.indexOf('=') + 1));

        Path der = dir.resolve("cert.der");
        assertEquals(0, run(List.of("openssl", "x509", "-in", cert.toString(), "-outform", "DER", "-out", der.toString())).exitCode);
        assertArrayEquals(read.der(), Certificates.read(Files.readAllBytes(der), java.time.Instant.now()).der());
    }

    private record Result(int exitCode, String text) {
    }

    private static Result run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
        try {
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("openssl did not finish: " + command);
            }
            return new Result(p.exitValue(), text);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}

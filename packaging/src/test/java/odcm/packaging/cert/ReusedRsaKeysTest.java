package odcm.packaging.cert;

import static odcm.packaging.cert.TestCertificates.NOW;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code odcm.test.reuseRsaKeys} (set for every test JVM by the build, docs/decisions/0025) a new RSA space key is
 * one of four real key pairs made once in the JVM, in turn: the spaces a test makes one after another have different
 * keys, each certificate is its own; without the property every key is new. With {@code odcm.test.rsaKeyFolder} (also set
 * by the build) the four are kept in that folder for every test JVM of the build.
 */
class ReusedRsaKeysTest {
    @Test
    void rsaKeysComeInTurnFromFourMadeOnceAndEachCertificateIsItsOwn() throws Exception {
        String was = System.getProperty(Certificates.REUSE_RSA_KEYS_FOR_TESTS);
        try {
            System.setProperty(Certificates.REUSE_RSA_KEYS_FOR_TESTS, "true");
            List<String> keys = new ArrayList<>();
            List<String> certificates = new ArrayList<>();
            for (int i = 0; i <= Certificates.REUSED_RSA_KEYS; i++) {
                byte[] der = Certificates.generate("Prod Space", KeyAlgorithm.RSA_3072, NOW).certificateDer();
                certificates.add(Certificates.fingerprint(der).hex());
                keys.add(publicKey(der));
            }
            assertEquals(Certificates.REUSED_RSA_KEYS, new HashSet<>(keys.subList(0, Certificates.REUSED_RSA_KEYS)).size(), "four different keys in turn");
            assertEquals(keys.get(0), keys.get(Certificates.REUSED_RSA_KEYS), "then the first again");
            assertEquals(certificates.size(), new HashSet<>(certificates).size(), "each certificate its own");

            System.setProperty(Certificates.REUSE_RSA_KEYS_FOR_TESTS, "false");
            String fresh = publicKey(Certificates.generate("Prod Space", KeyAlgorithm.RSA_3072, NOW).certificateDer());
            assertFalse(keys.contains(fresh), "without the property a new key");
            assertNotEquals(keys.get(0), publicKey(Certificates.generate("Prod Space", KeyAlgorithm.EC_P256, NOW).certificateDer()));
        } finally {
            if (was == null) {
                System.clearProperty(Certificates.REUSE_RSA_KEYS_FOR_TESTS);
            } else {
                System.setProperty(Certificates.REUSE_RSA_KEYS_FOR_TESTS, was);
            }
        }
    }

    @Test
    void keysKeptInTheBuildsFolderAreMadeOnceAndReadAsTheSamePairByTheNextJvm(@TempDir Path folder) throws Exception {
        java.security.KeyPair made = Certificates.keptRsaKey(folder, 0);
        assertTrue(Files.isRegularFile(folder.resolve("rsa-3072-0.pk8")), "kept in the folder");
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve("rsa-3072-0.pk8"))),
                "readable by its owner only");
        java.security.KeyPair read = Certificates.keptRsaKey(folder, 0);
        assertArrayEquals(made.getPrivate().getEncoded(), read.getPrivate().getEncoded(), "read back, not made again");
        assertArrayEquals(made.getPublic().getEncoded(), read.getPublic().getEncoded());
        assertEquals(3072, ((java.security.interfaces.RSAPublicKey) read.getPublic()).getModulus().bitLength());
        java.security.Signature sign = java.security.Signature.getInstance("SHA256withRSAandMGF1", Certificates.BC);
        sign.initSign(read.getPrivate());
        sign.update(new byte[] {1, 2, 3});
        byte[] signature = sign.sign();
        java.security.Signature verify = java.security.Signature.getInstance("SHA256withRSAandMGF1", Certificates.BC);
        verify.initVerify(read.getPublic());
        verify.update(new byte[] {1, 2, 3});
        assertTrue(verify.verify(signature), "the public key read is the private key's pair");
        assertFalse(java.util.Arrays.equals(made.getPublic().getEncoded(), Certificates.keptRsaKey(folder, 1).getPublic().getEncoded()),
                "each of the four its own key");
    }

    private static String publicKey(byte[] der) throws Exception {
        return java.util.HexFormat.of().formatHex(new X509CertificateHolder(der).getSubjectPublicKeyInfo().getEncoded());
    }
}

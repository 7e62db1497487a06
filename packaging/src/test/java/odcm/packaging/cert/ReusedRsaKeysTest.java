package odcm.packaging.cert;

import static odcm.packaging.cert.TestCertificates.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.Test;

/**
 * With {@code odcm.test.reuseRsaKeys} (set for every test JVM by the build, docs/decisions/0025) a new RSA space key is
 * one of four real key pairs made once in the JVM, in turn: the spaces a test makes one after another have different
 * keys, each certificate is its own; without the property every key is new.
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

    private static String publicKey(byte[] der) throws Exception {
        return java.util.HexFormat.of().formatHex(new X509CertificateHolder(der).getSubjectPublicKeyInfo().getEncoded());
    }
}

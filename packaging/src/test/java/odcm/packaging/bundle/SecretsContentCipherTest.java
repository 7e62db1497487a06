package odcm.packaging.bundle;

import static odcm.packaging.bundle.Fixture.*;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.util.Arrays;
import java.util.stream.Stream;
import odcm.packaging.cert.Certificates;
import odcm.packaging.cert.SpaceIdentity;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cms.AuthEnvelopedData;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.GCMParameters;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSAlgorithm;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 12, goal 3: the secrets' content is encrypted with the JDK's AES-256-GCM (the processor's AES instructions) instead
 * of BouncyCastle's pure Java. The envelope is the same AuthEnvelopedData either way: the same algorithms and shape, checked
 * by the writer's own algorithm check; our reader opens both (bundles written before still open), and a changed byte of
 * the ciphertext or its tag is refused. That openssl 3 decrypts it is {@link BundleOpensslInteropTest}.
 */
class SecretsContentCipherTest {
    static final byte[] PLAIN = ("{\"secrets\":[{\"name\":\"DbPassword\",\"value\":\"hunter2 — ünïcode ✓\"}],\"pad\":\"" + "x".repeat(70_000) + "\"}")
            .getBytes(StandardCharsets.UTF_8);

    static Stream<SpaceIdentity> targets() {
        return Stream.of(PROD_EC, PROD_RSA);
    }

    @ParameterizedTest
    @MethodSource("targets")
    void theJdksAesGcmMakesTheSameEnvelopeThatOurReaderOpens(SpaceIdentity target) throws Exception {
        X509CertificateHolder cert = new X509CertificateHolder(target.certificateDer());
        PrivateKey key = Cms.privateKey(target.privateKeyPkcs8());
        byte[] jdk = Cms.encrypt(PLAIN, cert);
        byte[] bc = Cms.encrypt(PLAIN, cert, Certificates.BC);

        assertNotEquals("BC", Cms.JDK_GCM.getName(), "the content is not encrypted by BouncyCastle's pure-Java AES");
        assertNull(Cms.disallowedEnvelope(jdk));
        assertArrayEquals(PLAIN, Cms.decrypt(jdk, key));
        assertArrayEquals(PLAIN, Cms.decrypt(bc, key), "an envelope made the old way still opens");

        AuthEnvelopedData a = envelope(jdk);
        AuthEnvelopedData b = envelope(bc);
        assertEquals(CMSAlgorithm.AES256_GCM, a.getAuthEncryptedContentInfo().getContentEncryptionAlgorithm().getAlgorithm());
        GCMParameters p = GCMParameters.getInstance(a.getAuthEncryptedContentInfo().getContentEncryptionAlgorithm().getParameters());
        assertEquals(12, p.getNonce().length);
        assertEquals(16, p.getIcvLen());
        assertEquals(PLAIN.length, a.getAuthEncryptedContentInfo().getEncryptedContent().getOctets().length);
        assertEquals(16, a.getMac().getOctets().length);
        assertEquals(jdk.length, bc.length, "the same structure, only the random key, nonce and ephemeral key differ");
        assertEquals(b.getAuthEncryptedContentInfo().getContentType(), a.getAuthEncryptedContentInfo().getContentType());
        assertNull(a.getAuthAttrs());
    }

    @ParameterizedTest
    @MethodSource("targets")
    void aChangedByteOfTheCiphertextOrTagIsRefused(SpaceIdentity target) throws Exception {
        X509CertificateHolder cert = new X509CertificateHolder(target.certificateDer());
        PrivateKey key = Cms.privateKey(target.privateKeyPkcs8());
        byte[] jdk = Cms.encrypt(PLAIN, cert);
        AuthEnvelopedData a = envelope(jdk);
        byte[] ciphertext = a.getAuthEncryptedContentInfo().getEncryptedContent().getOctets();
        byte[] mac = a.getMac().getOctets();
        for (byte[] part : new byte[][] {Arrays.copyOfRange(ciphertext, 1000, 1016), mac}) {
            int at = indexOf(jdk, part);
            assertTrue(at > 0);
            byte[] changed = jdk.clone();
            changed[at + 3] ^= 0x01;
            assertThrows(Cms.Undecryptable.class, () -> Cms.decrypt(changed, key));
        }
    }

    private static AuthEnvelopedData envelope(byte[] der) throws Exception {
        return AuthEnvelopedData.getInstance(ContentInfo.getInstance(ASN1Primitive.fromByteArray(der)).getContent());
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }
}

package odcm.packaging.bundle;

import static odcm.packaging.bundle.Fixture.*;
import static odcm.packaging.cert.Certificates.BC;
import static org.junit.jupiter.api.Assertions.*;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import odcm.packaging.bundle.VerificationOutcome.*;
import odcm.packaging.cert.SpaceIdentity;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSAuthEnvelopedData;
import org.bouncycastle.cms.RecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.operator.jcajce.JcaAlgorithmParametersConverter;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, point 2: secrets are wrapped only with RSA-OAEP (SHA-256, MGF1-SHA-256) or ECDH (SHA-256 KDF, AES-256 wrap) and
 * encrypted only with AES-256-GCM. Bundles whose secrets.cms was built by BouncyCastle with another recipient are refused
 * with the algorithm named, with the target's key (before anything is decrypted) and without it; the writer writes only those.
 */
class SecretAlgorithmsTest {
    @Test
    void rsaPkcs1v15KeyTransportIsRefused() throws Exception {
        assertRefused(PROD_RSA, new JceKeyTransRecipientInfoGenerator(x509(PROD_RSA)).setProvider(BC), "RSA PKCS#1 v1.5 key transport");
    }

    @Test
    void rsaOaepWithSha1IsRefused() throws Exception {
        assertRefused(PROD_RSA, oaep(OAEPParameterSpec.DEFAULT), "RSA-OAEP with parameters other than SHA-256 and MGF1-SHA-256");
    }

    @Test
    void rsaOaepWithOtherParametersIsRefused() throws Exception {
        assertRefused(PROD_RSA, oaep(new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA1, PSource.PSpecified.DEFAULT)),
                "RSA-OAEP with parameters other than SHA-256 and MGF1-SHA-256");
        assertRefused(PROD_RSA, oaep(new OAEPParameterSpec("SHA-512", "MGF1", MGF1ParameterSpec.SHA512, PSource.PSpecified.DEFAULT)),
                "RSA-OAEP with parameters other than SHA-256 and MGF1-SHA-256");
        assertRefused(PROD_RSA, oaep(new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, new PSource.PSpecified(new byte[] {1}))),
                "RSA-OAEP with parameters other than SHA-256 and MGF1-SHA-256");
    }

    @Test
    void ecdhWithAnotherKdfOrWrapIsRefused() throws Exception {
        assertRefused(PROD_EC, ecdh(CMSAlgorithm.ECDH_SHA1KDF, CMSAlgorithm.AES256_WRAP), "key agreement");
        assertRefused(PROD_EC, ecdh(CMSAlgorithm.ECCDH_SHA256KDF, CMSAlgorithm.AES256_WRAP), "key agreement");
        assertRefused(PROD_EC, ecdh(CMSAlgorithm.ECDH_SHA256KDF, CMSAlgorithm.AES128_WRAP), "key agreement");
    }

    @Test
    void theAllowedRecipientsAreAcceptedAndTheWriterWritesOnlyThem() throws Exception {
        for (SpaceIdentity target : new SpaceIdentity[] {PROD_RSA, PROD_EC}) {
            RecipientInfoGenerator allowed = target == PROD_RSA
                    ? oaep(new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT))
                    : ecdh(CMSAlgorithm.ECDH_SHA256KDF, CMSAlgorithm.AES256_WRAP);
            Genuine g = assertInstanceOf(Genuine.class, BundleVerifier.verify(withSecrets(target, allowed, CMSAlgorithm.AES256_GCM),
                    prodTrusting(target, DEV_EC).withPrivateKey(target.privateKeyPkcs8())));
            assertTrue(g.secretsOpened());
            byte[] written = unzip(bundle(DEV_EC, target)).get(BundleFormat.SECRETS);
            assertNull(Cms.disallowedEnvelope(written));
            String wrap = new CMSAuthEnvelopedData(written).getRecipientInfos().getRecipients().iterator().next().getKeyEncryptionAlgOID();
            assertEquals(target == PROD_RSA ? PKCSObjectIdentifiers.id_RSAES_OAEP.getId() : CMSAlgorithm.ECDH_SHA256KDF.getId(), wrap);
        }
    }

    @Test
    void anotherContentCipherIsRefused() throws Exception {
        RecipientInfoGenerator ok = ecdh(CMSAlgorithm.ECDH_SHA256KDF, CMSAlgorithm.AES256_WRAP);
        DisallowedAlgorithm o = assertInstanceOf(DisallowedAlgorithm.class, BundleVerifier.verify(
                withSecrets(PROD_EC, ok, CMSAlgorithm.AES128_GCM), prodTrusting(PROD_EC, DEV_EC)));
        assertTrue(o.what().startsWith("content cipher"), o.what());
    }

    private static void assertRefused(SpaceIdentity target, RecipientInfoGenerator recipient, String what) {
        byte[] bundle = withSecrets(target, recipient, CMSAlgorithm.AES256_GCM);
        for (VerificationContext ctx : new VerificationContext[] {prodTrusting(target, DEV_EC),
                prodTrusting(target, DEV_EC).withPrivateKey(target.privateKeyPkcs8())}) {
            DisallowedAlgorithm o = assertInstanceOf(DisallowedAlgorithm.class, BundleVerifier.verify(bundle, ctx));
            assertTrue(o.what().startsWith(what), o.what());
            assertTrue(o.sentence().contains("disallowed algorithm (" + o.what() + ")"), o.sentence());
        }
        byte[] envelope = unzip(bundle).get(BundleFormat.SECRETS);
        assertThrows(Cms.Undecryptable.class, () -> Cms.decrypt(envelope, Cms.privateKey(target.privateKeyPkcs8())));
    }

    /** A genuine bundle for {@code target} whose secrets.cms is built with {@code recipient} and {@code cipher}, signed again by Dev Space. */
    private static byte[] withSecrets(SpaceIdentity target, RecipientInfoGenerator recipient, ASN1ObjectIdentifier cipher) {
        Map<String, byte[]> e = new LinkedHashMap<>(unzip(bundle(DEV_EC, target)));
        e.put(BundleFormat.SECRETS, BundleFiles.envelope(BundleFiles.secretsPlaintext(e, target.privateKeyPkcs8()), recipient, cipher));
        return resign(e, DEV_EC, null);
    }

    private static RecipientInfoGenerator oaep(OAEPParameterSpec spec) throws Exception {
        return new JceKeyTransRecipientInfoGenerator(x509(PROD_RSA),
                new JcaAlgorithmParametersConverter().getAlgorithmIdentifier(PKCSObjectIdentifiers.id_RSAES_OAEP, spec)).setProvider(BC);
    }

    private static RecipientInfoGenerator ecdh(ASN1ObjectIdentifier agreement, ASN1ObjectIdentifier wrap) throws Exception {
        KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC", BC);
        kpg.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair ephemeral = kpg.generateKeyPair();
        return new JceKeyAgreeRecipientInfoGenerator(agreement, ephemeral.getPrivate(), ephemeral.getPublic(), wrap)
                .addRecipient(x509(PROD_EC)).setProvider(BC);
    }

    private static X509Certificate x509(SpaceIdentity id) throws Exception {
        return new JcaX509CertificateConverter().setProvider(BC).getCertificate(new X509CertificateHolder(id.certificateDer()));
    }
}

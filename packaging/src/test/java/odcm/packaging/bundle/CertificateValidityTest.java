package odcm.packaging.bundle;

import static odcm.packaging.bundle.Fixture.*;
import static org.junit.jupiter.api.Assertions.*;

import java.time.Instant;
import odcm.packaging.bundle.VerificationOutcome.*;
import odcm.packaging.cert.Certificates;
import odcm.packaging.cert.KeyAlgorithm;
import odcm.packaging.cert.SpaceIdentity;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, point 3: a bundle or receipt whose source's pinned certificate is not valid at the context's clock (expired,
 * or not yet valid) is refused, with both dates in the sentence; the same files are genuine while the certificate is valid.
 */
class CertificateValidityTest {
    /** Valid from 11 years before NOW (minus a minute) for 10 years: expired a year ago. */
    private static final SpaceIdentity EXPIRED = Certificates.generate("Dev Space", KeyAlgorithm.EC_P256, NOW.minusSeconds(11L * 366 * 86400));
    /** Valid from a day after NOW (minus a minute). */
    private static final SpaceIdentity NOT_YET = Certificates.generate("Dev Space", KeyAlgorithm.EC_P256, NOW.plusSeconds(86400));

    @Test
    void aBundleSignedWithAnExpiredOrNotYetValidPinnedCertificateIsRefused() throws Exception {
        for (SpaceIdentity source : new SpaceIdentity[] {EXPIRED, NOT_YET}) {
            byte[] bundle = write(content("Dev Space", "Prod Space", 1), source, PROD_EC);
            String sentence = assertNotValid(BundleVerifier.verify(bundle, prodTrusting(PROD_EC, source)), source).sentence();
            assertTrue(sentence.contains(source == EXPIRED ? "no longer at " + NOW : "not yet at " + NOW), sentence);
            assertTrue(sentence.endsWith("so its bundles are refused until a valid certificate is pinned for that space."), sentence);
        }
    }

    @Test
    void aReceiptSignedWithAnExpiredOrNotYetValidPinnedCertificateIsRefused() throws Exception {
        for (SpaceIdentity signer : new SpaceIdentity[] {EXPIRED, NOT_YET}) {
            CertificateNotValid o = assertNotValid(ReceiptVerifier.verify(receipt(signer, DEV_EC, NOW), devTrustingReceipts(DEV_EC, signer)), signer);
            String sentence = o.sentence(VerificationOutcome.Kind.DEPLOYMENT_RECEIPT);
            assertTrue(sentence.contains("its receipts are refused"), sentence);
        }
    }

    @Test
    void theSameFilesAreGenuineWhileTheCertificateIsValid() throws Exception {
        for (SpaceIdentity source : new SpaceIdentity[] {EXPIRED, NOT_YET}) {
            Instant valid = new X509CertificateHolder(source.certificateDer()).getNotBefore().toInstant().plusSeconds(3600);
            VerificationContext at = withClock(prodTrusting(PROD_EC, source), valid);
            BundleContent c = new BundleContent(java.util.UUID.randomUUID(), "Dev Space", "Prod Space", 1, valid, valid.plusSeconds(86400),
                    "Acme", "1.2.3", "", "", snapshot(), java.util.List.of());
            VerificationOutcome o = BundleVerifier.verify(write(c, source, PROD_EC), at);
            assertTrue(o.genuine(), o.sentence());
        }
    }

    private static CertificateNotValid assertNotValid(VerificationOutcome o, SpaceIdentity source) throws Exception {
        CertificateNotValid n = assertInstanceOf(CertificateNotValid.class, o, o.sentence());
        X509CertificateHolder cert = new X509CertificateHolder(source.certificateDer());
        assertEquals(cert.getNotBefore().toInstant(), n.notBefore());
        assertEquals(cert.getNotAfter().toInstant(), n.notAfter());
        assertTrue(o.sentence().contains(n.notBefore() + " to " + n.notAfter()), o.sentence());
        assertEquals(NOW, n.now());
        return n;
    }

    private static VerificationContext withClock(VerificationContext c, Instant now) {
        return new VerificationContext(c.spaceName(), c.spaceCertificate(), c.trust(), c.lastAcceptedSequence(),
                java.time.Clock.fixed(now, java.time.ZoneOffset.UTC), c.acceptedBundles(), c.privateKeyPkcs8(), c.limits());
    }
}

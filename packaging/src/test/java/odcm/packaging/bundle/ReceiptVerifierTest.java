package odcm.packaging.bundle;

import static odcm.packaging.bundle.Fixture.*;
import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import odcm.packaging.bundle.VerificationOutcome.*;
import odcm.packaging.cert.SpaceIdentity;
import org.junit.jupiter.api.Test;

/**
 * Deployment receipts: Prod Space reports to Dev Space. One test per outcome that applies to receipts, each asserting the
 * exact outcome; every refusal reads as a receipt's, never a bundle's.
 */
class ReceiptVerifierTest {
    private static final UUID BUNDLE = UUID.randomUUID();

    private static ReceiptContent content(long sequence) {
        return new ReceiptContent(UUID.randomUUID(), "Prod Space", "Dev Space", sequence, NOW, NOW.plus(Duration.ofDays(30)), List.of(
                new ReceiptContent.Deployment(BUNDLE, "Acme", "1.2.3", "Production", "SUCCEEDED", NOW.minusSeconds(60), "ops")));
    }

    private static byte[] receipt(ReceiptContent content, SpaceIdentity signer, SpaceIdentity addressee) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ReceiptWriter.write(content, new SourceKey(signer.certificateDer(), signer.privateKeyPkcs8()), addressee.certificateDer(), out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    private static byte[] receipt() {
        return receipt(content(1), PROD_EC, DEV_EC);
    }

    /** Dev Space's view: trusts Prod Space for receipts. */
    private static VerificationContext dev() {
        return dev(f -> f.equals(fp(PROD_EC)) ? new SourceTrust.Trusted(PROD_EC.certificateDer()) : new SourceTrust.Unknown(),
                f -> OptionalLong.empty(), Set.of());
    }

    private static VerificationContext dev(java.util.function.Function<odcm.model.cert.Fingerprint, SourceTrust> trust,
                                           java.util.function.Function<odcm.model.cert.Fingerprint, OptionalLong> last, Set<UUID> accepted) {
        return new VerificationContext("Dev Space", fp(DEV_EC), trust, last, Clock.fixed(NOW, ZoneOffset.UTC), accepted, null, null);
    }

    private static VerificationOutcome verify(byte[] receipt, VerificationContext ctx) {
        VerificationOutcome o = ReceiptVerifier.verify(receipt, ctx);
        String sentence = o.sentence(VerificationOutcome.Kind.DEPLOYMENT_RECEIPT);
        assertFalse(sentence.isBlank());
        assertFalse(sentence.toLowerCase().contains("bundle ") && !(o instanceof GenuineReceipt), "a receipt's refusal speaks of receipts: " + sentence);
        return o;
    }

    private static byte[] withReceiptJson(byte[] receipt, String from, String to) {
        Map<String, byte[]> e = new LinkedHashMap<>(BundleFiles.unzip(receipt));
        String json = new String(e.get(ReceiptFormat.RECEIPT), StandardCharsets.UTF_8);
        assertTrue(json.contains(from), json);
        e.put(ReceiptFormat.RECEIPT, json.replace(from, to).getBytes(StandardCharsets.UTF_8));
        return BundleFiles.zip(e);
    }

    @Test
    void genuineWithEcAndRsa() {
        GenuineReceipt g = assertInstanceOf(GenuineReceipt.class, verify(receipt(), dev()));
        assertEquals("Prod Space", g.content().sourceSpace());
        assertEquals(1, g.content().deployments().size());
        assertEquals("Production", g.content().deployments().get(0).environment());
        assertEquals(BUNDLE, g.content().deployments().get(0).bundleId());

        VerificationContext rsa = dev(f -> f.equals(fp(PROD_RSA)) ? new SourceTrust.Trusted(PROD_RSA.certificateDer()) : new SourceTrust.Unknown(),
                f -> OptionalLong.empty(), Set.of());
        assertInstanceOf(GenuineReceipt.class, verify(receipt(content(1), PROD_RSA, DEV_EC), rsa));
    }

    @Test
    void signatureInvalidWhenChangedAfterSigning() {
        assertInstanceOf(SignatureInvalid.class, verify(withReceiptJson(receipt(), "\"outcome\":\"SUCCEEDED\"", "\"outcome\":\"FAILED\""), dev()));
    }

    @Test
    void signerNotTrustedForReceipts() {
        SignerNotTrusted s = assertInstanceOf(SignerNotTrusted.class, verify(receipt(content(1), OTHER_EC, DEV_EC), dev()));
        assertTrue(s.sentence(VerificationOutcome.Kind.DEPLOYMENT_RECEIPT).contains("trusts for deployment receipts"));
    }

    @Test
    void trustRevoked() {
        assertInstanceOf(TrustRevoked.class, verify(receipt(), dev(f -> new SourceTrust.Revoked(), f -> OptionalLong.empty(), Set.of())));
    }

    @Test
    void addressedToAnotherSpace() {
        assertInstanceOf(AddressedToAnotherSpace.class, verify(receipt(content(1), PROD_EC, OTHER_EC), dev()));
    }

    @Test
    void expired() {
        ReceiptContent old = new ReceiptContent(UUID.randomUUID(), "Prod Space", "Dev Space", 1, NOW.minus(Duration.ofDays(40)),
                NOW.minus(Duration.ofDays(10)), List.of());
        assertInstanceOf(Expired.class, verify(receipt(old, PROD_EC, DEV_EC), dev()));
    }

    @Test
    void sameReceiptAgainIsSaidSo() {
        ReceiptContent c = content(1);
        AlreadyAccepted a = assertInstanceOf(AlreadyAccepted.class, verify(receipt(c, PROD_EC, DEV_EC),
                dev(dev().trust(), f -> OptionalLong.of(1), Set.of(c.receiptId()))));
        assertTrue(a.sentence(VerificationOutcome.Kind.DEPLOYMENT_RECEIPT).contains("This receipt"));
    }

    @Test
    void anOlderReceiptIsARollback() {
        Rollback r = assertInstanceOf(Rollback.class, verify(receipt(content(3), PROD_EC, DEV_EC), dev(dev().trust(), f -> OptionalLong.of(5), Set.of())));
        assertEquals(3, r.sequence());
        assertEquals(5, r.lastAccepted());
    }

    @Test
    void unsupportedSchema() {
        // Re-signed by the genuine key, so only the schema is wrong.
        Map<String, byte[]> e = new LinkedHashMap<>(BundleFiles.unzip(receipt()));
        String json = new String(e.get(ReceiptFormat.RECEIPT), StandardCharsets.UTF_8).replace("\"schemaVersion\":1", "\"schemaVersion\":7");
        UnsupportedSchema u = assertInstanceOf(UnsupportedSchema.class, verify(signed(json, PROD_EC), dev()));
        assertEquals(List.of(1), u.supported());
    }

    @Test
    void extraAndMissingParts() {
        Map<String, byte[]> e = new LinkedHashMap<>(BundleFiles.unzip(receipt()));
        e.put("notes.txt", "hello".getBytes(StandardCharsets.UTF_8));
        assertEquals(new PartExtra("notes.txt"), verify(BundleFiles.zip(e), dev()));
        Map<String, byte[]> m = new LinkedHashMap<>(BundleFiles.unzip(receipt()));
        m.remove(ReceiptFormat.SIGNATURE);
        assertEquals(new PartMissing(ReceiptFormat.SIGNATURE), verify(BundleFiles.zip(m), dev()));
    }

    @Test
    void aBundleIsNotAReceipt() {
        VerificationOutcome o = verify(bundle(DEV_EC, PROD_EC), dev());
        assertEquals(new VerificationOutcome.OtherKind(VerificationOutcome.Kind.RELEASE_BUNDLE), o);
        assertEquals("This file is a release bundle, not a deployment receipt; choose a deployment receipt file.",
                o.sentence(VerificationOutcome.Kind.DEPLOYMENT_RECEIPT));
    }

    @Test
    void disallowedAlgorithm() {
        Map<String, byte[]> e = new LinkedHashMap<>(BundleFiles.unzip(receipt()));
        byte[] json = e.get(ReceiptFormat.RECEIPT);
        try {
            var cert = new org.bouncycastle.cert.X509CertificateHolder(PROD_EC.certificateDer());
            e.put(ReceiptFormat.SIGNATURE, Cms.sign(json, Cms.privateKey(PROD_EC.privateKeyPkcs8()), cert, "SHA512withECDSA"));
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
        assertInstanceOf(DisallowedAlgorithm.class, verify(BundleFiles.zip(e), dev()));
    }

    @Test
    void strictJsonUnknownField() {
        String json = new String(BundleFiles.unzip(receipt()).get(ReceiptFormat.RECEIPT), StandardCharsets.UTF_8)
                .replace("\"schemaVersion\":1", "\"schemaVersion\":1,\"zzz\":1");
        InvalidPart p = assertInstanceOf(InvalidPart.class, verify(signed(json, PROD_EC), dev()));
        assertEquals(ReceiptFormat.RECEIPT, p.part());
    }

    @Test
    void hostileContainersAndRandomBytes() {
        byte[] good = receipt();
        assertInstanceOf(UnsafeContainer.class, verify(BundleFiles.patchName(good, ReceiptFormat.SIGNATURE, "../rcpt.sig"), dev()));
        assertInstanceOf(Malformed.class, verify(java.util.Arrays.copyOf(good, good.length / 2), dev()));
        byte[] random = new byte[4096];
        new Random(7).nextBytes(random);
        assertInstanceOf(Malformed.class, verify(random, dev()));
    }

    @Test
    void mutationsAreNeverAccepted() {
        byte[] good = receipt();
        Random random = new Random(42);
        for (int i = 0; i < 1500; i++) {
            byte[] bad = good.clone();
            if (i % 10 == 0) {
                bad = java.util.Arrays.copyOf(good, random.nextInt(good.length));
            } else {
                int at = random.nextInt(bad.length);
                bad[at] = (byte) (bad[at] ^ (1 + random.nextInt(255)));
            }
            VerificationOutcome o = verify(bad, dev());
            assertFalse(o.genuine(), "mutation " + i + " was accepted");
        }
    }

    private static byte[] signed(String json, SpaceIdentity signer) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        try {
            var cert = new org.bouncycastle.cert.X509CertificateHolder(signer.certificateDer());
            Map<String, byte[]> e = new LinkedHashMap<>();
            e.put(ReceiptFormat.RECEIPT, bytes);
            e.put(ReceiptFormat.SIGNATURE, Cms.sign(bytes, Cms.privateKey(signer.privateKeyPkcs8()), cert, Cms.signatureAlgorithm(cert)));
            return BundleFiles.zip(e);
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }
}

package odcm.packaging.bundle;

import static odcm.packaging.bundle.Fixture.*;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import odcm.model.cert.Fingerprint;
import odcm.packaging.bundle.VerificationOutcome.*;
import org.junit.jupiter.api.Test;

/** One test per outcome of the verifier, each asserting the exact outcome and its sentence. */
class VerificationOutcomesTest {
    private static VerificationOutcome verify(byte[] bundle, VerificationContext ctx) {
        VerificationOutcome outcome = BundleVerifier.verify(bundle, ctx);
        assertNotNull(outcome.sentence());
        assertFalse(outcome.sentence().isBlank());
        return outcome;
    }

    private static VerificationContext prod() {
        return prodTrusting(PROD_EC, DEV_EC);
    }

    private static VerificationContext with(VerificationContext c, java.util.function.Function<Fingerprint, SourceTrust> trust,
                                            java.util.function.Function<Fingerprint, OptionalLong> last, Clock clock, Set<java.util.UUID> accepted) {
        return new VerificationContext(c.spaceName(), c.spaceCertificate(), trust == null ? c.trust() : trust, last == null ? c.lastAcceptedSequence() : last,
                clock == null ? c.clock() : clock, accepted == null ? c.acceptedBundles() : accepted, c.privateKeyPkcs8(), c.limits());
    }

    private static byte[] replaceInManifest(byte[] bundle, String from, String to) {
        Map<String, byte[]> e = new LinkedHashMap<>(unzip(bundle));
        String m = new String(e.get(BundleFormat.MANIFEST), StandardCharsets.UTF_8);
        assertTrue(m.contains(from), m);
        e.put(BundleFormat.MANIFEST, m.replace(from, to).getBytes(StandardCharsets.UTF_8));
        return zip(e);
    }

    @Test
    void genuine() {
        assertInstanceOf(Genuine.class, verify(bundle(DEV_EC, PROD_EC), prod()));
    }

    @Test
    void signatureInvalidWhenTheManifestWasChangedAfterSigning() {
        byte[] bundle = replaceInManifest(bundle(DEV_EC, PROD_EC), "\"sequence\":1", "\"sequence\":9");
        assertInstanceOf(SignatureInvalid.class, verify(bundle, prod()));
    }

    @Test
    void signatureInvalidWhenAnotherKeySignsUnderTheTrustedCertificate() {
        // The manifest names Dev Space's certificate, but Other Space's private key made the signature.
        byte[] bundle = write(content("Dev Space", "Prod Space", 1), new odcm.packaging.cert.SpaceIdentity(DEV_EC.certificateDer(), DEV_EC.info(),
                DEV_EC.algorithm(), OTHER_EC.privateKeyPkcs8()), PROD_EC);
        assertInstanceOf(SignatureInvalid.class, verify(bundle, prod()));
    }

    @Test
    void signerNotTrustedEvenWithItsCertificateInsideTheBundle() {
        byte[] bundle = bundle(OTHER_EC, PROD_EC);
        var outcome = assertInstanceOf(SignerNotTrusted.class, verify(bundle, prod()));
        assertEquals(fp(OTHER_EC), outcome.claimed());
        assertTrue(outcome.sentence().contains("proves nothing"), outcome.sentence());
    }

    @Test
    void trustRevoked() {
        var ctx = with(prod(), f -> new SourceTrust.Revoked(), null, null, null);
        assertInstanceOf(TrustRevoked.class, verify(bundle(DEV_EC, PROD_EC), ctx));
    }

    @Test
    void addressedToAnotherSpace() {
        byte[] bundle = write(content("Dev Space", "Other Space", 1), DEV_EC, OTHER_EC);
        var outcome = assertInstanceOf(AddressedToAnotherSpace.class, verify(bundle, prod()));
        assertEquals("Other Space", outcome.targetSpace());
    }

    @Test
    void addressedToAnotherSpaceWithTheSameNameButAnotherCertificate() {
        byte[] bundle = write(content("Dev Space", "Prod Space", 1), DEV_EC, OTHER_EC);
        assertInstanceOf(AddressedToAnotherSpace.class, verify(bundle, prod()));
    }

    @Test
    void expired() {
        var ctx = with(prod(), null, null, Clock.fixed(NOW.plus(java.time.Duration.ofDays(31)), ZoneOffset.UTC), null);
        assertInstanceOf(Expired.class, verify(bundle(DEV_EC, PROD_EC), ctx));
    }

    @Test
    void unsupportedSchemaSaysWhichAreSupported() {
        byte[] bundle = replaceInManifest(bundle(DEV_EC, PROD_EC), "\"schemaVersion\":1", "\"schemaVersion\":2");
        var outcome = assertInstanceOf(UnsupportedSchema.class, verify(bundle, prod()));
        assertEquals("This bundle uses schema version 2; this console reads schema version 1. Create it again with a matching console.",
                outcome.sentence());
    }

    @Test
    void partMissing() {
        Map<String, byte[]> e = new LinkedHashMap<>(unzip(bundle(DEV_EC, PROD_EC)));
        e.remove(BundleFormat.TEMPLATES);
        assertEquals(new PartMissing("templates.json"), verify(zip(e), prod()));
    }

    @Test
    void signatureMissingIsAPartMissing() {
        Map<String, byte[]> e = new LinkedHashMap<>(unzip(bundle(DEV_EC, PROD_EC)));
        e.remove(BundleFormat.SIGNATURE);
        assertEquals(new PartMissing("manifest.sig"), verify(zip(e), prod()));
    }

    @Test
    void partExtra() {
        Map<String, byte[]> e = new LinkedHashMap<>(unzip(bundle(DEV_EC, PROD_EC)));
        e.put("payload.sh", "rm -rf /".getBytes(StandardCharsets.UTF_8));
        assertEquals(new PartExtra("payload.sh"), verify(zip(e), prod()));
    }

    @Test
    void partHashMismatch() {
        Map<String, byte[]> e = new LinkedHashMap<>(unzip(bundle(DEV_EC, PROD_EC)));
        e.put(BundleFormat.RELEASE, new String(e.get(BundleFormat.RELEASE), StandardCharsets.UTF_8).replace("1.2.3", "6.6.6")
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(new PartHashMismatch("release.json"), verify(zip(e), prod()));
    }

    @Test
    void secretsOfAnotherBundleAreAHashMismatch() {
        Map<String, byte[]> e = new LinkedHashMap<>(unzip(bundle(DEV_EC, PROD_EC)));
        e.put(BundleFormat.SECRETS, unzip(bundle(DEV_EC, PROD_EC)).get(BundleFormat.SECRETS));
        assertEquals(new PartHashMismatch("secrets.cms"), verify(zip(e), prod()));
    }

    @Test
    void mixedBundles() {
        Map<String, byte[]> e = new LinkedHashMap<>(unzip(bundle(DEV_EC, PROD_EC)));
        Map<String, byte[]> other = unzip(bundle(DEV_EC, PROD_EC));
        e.put(BundleFormat.PROCESS, other.get(BundleFormat.PROCESS));
        assertInstanceOf(MixedBundles.class, verify(zip(e), prod()));
    }

    @Test
    void mixedBundlesInsideTheSecretsEvenWhenTheSignerVouchesForThem() {
        // A source re-signing a manifest over another bundle's secrets.cms: the secrets name the other bundle inside.
        Map<String, byte[]> e = new LinkedHashMap<>(unzip(bundle(DEV_EC, PROD_EC)));
        e.put(BundleFormat.SECRETS, unzip(bundle(DEV_EC, PROD_EC)).get(BundleFormat.SECRETS));
        byte[] bundle = resign(e, DEV_EC, null);
        assertInstanceOf(Genuine.class, verify(bundle, prod()));
        var outcome = verify(bundle, prod().withPrivateKey(PROD_EC.privateKeyPkcs8()));
        assertInstanceOf(MixedBundles.class, outcome);
        assertEquals("secrets.cms", ((MixedBundles) outcome).part());
    }

    @Test
    void alreadyAcceptedIsANoOp() {
        BundleContent c = content("Dev Space", "Prod Space", 1);
        var ctx = with(prod(), null, f -> OptionalLong.of(1), null, Set.of(c.bundleId()));
        var outcome = assertInstanceOf(AlreadyAccepted.class, verify(write(c, DEV_EC, PROD_EC), ctx));
        assertTrue(outcome.sentence().contains("nothing more to do"), outcome.sentence());
    }

    @Test
    void rollback() {
        var ctx = with(prod(), null, f -> f.equals(fp(DEV_EC)) ? OptionalLong.of(5) : OptionalLong.empty(), null, null);
        assertEquals(new Rollback(3, 5), verify(write(content("Dev Space", "Prod Space", 3), DEV_EC, PROD_EC), ctx));
        assertInstanceOf(Genuine.class, verify(write(content("Dev Space", "Prod Space", 6), DEV_EC, PROD_EC), ctx));
    }

    @Test
    void disallowedSignatureAlgorithm() {
        byte[] bundle = resign(unzip(bundle(DEV_EC, PROD_EC)), DEV_EC, "SHA512withECDSA");
        assertInstanceOf(DisallowedAlgorithm.class, verify(bundle, prod()));
    }

    @Test
    void disallowedSignatureAlgorithmRsaPkcs1() {
        byte[] bundle = resign(unzip(write(content("Dev Space", "Prod Space", 1), DEV_RSA, PROD_EC)), DEV_RSA, "SHA256withRSA");
        assertInstanceOf(DisallowedAlgorithm.class, verify(bundle, prodTrusting(PROD_EC, DEV_RSA)));
    }

    @Test
    void disallowedSecretsCipher() throws Exception {
        Map<String, byte[]> e = new LinkedHashMap<>(unzip(bundle(DEV_EC, PROD_EC)));
        byte[] plain = BundleFiles.secretsPlaintext(e, PROD_EC.privateKeyPkcs8());
        e.put(BundleFormat.SECRETS, toProd(plain, org.bouncycastle.cms.CMSAlgorithm.AES128_GCM));
        byte[] bundle = resign(e, DEV_EC, null);
        var o = assertInstanceOf(DisallowedAlgorithm.class, verify(bundle, prod().withPrivateKey(PROD_EC.privateKeyPkcs8())));
        assertTrue(o.sentence().contains("AES-256-GCM"), o.sentence());
    }

    @Test
    void secretsThatDoNotMatchTheSensitiveVariablesExactlyAreRefusedEvenWhenTheSignerVouchesForThem() throws Exception {
        String test = "{\"name\":\"ConnectionString\",\"scope\":[\"Test\"],\"value\":\"Server=testdb;Password=t3st\"}";
        Map<String, String> edits = Map.of(
                "holds no value for sensitive variable 'ConnectionString'", "," + test,
                "gives the value of sensitive variable 'ConnectionString' twice", test.replace("[\"Test\"]", "[\"Production\"]"),
                "holds a value for a variable that variables.json does not declare sensitive", test + ",{\"name\":\"Other\",\"scope\":[],\"value\":\"x\"}");
        for (var edit : edits.entrySet()) {
            Map<String, byte[]> e = new LinkedHashMap<>(unzip(bundle(DEV_EC, PROD_EC)));
            String plain = new String(BundleFiles.secretsPlaintext(e, PROD_EC.privateKeyPkcs8()), StandardCharsets.UTF_8);
            String from = edit.getKey().contains("no value") ? "," + test : test;
            assertTrue(plain.contains(from), plain.length() + " characters without the Test value");
            String altered = plain.replace(from, edit.getKey().contains("no value") ? "" : edit.getValue());
            e.put(BundleFormat.SECRETS, toProd(altered.getBytes(StandardCharsets.UTF_8), org.bouncycastle.cms.CMSAlgorithm.AES256_GCM));
            byte[] bundle = resign(e, DEV_EC, null);
            assertInstanceOf(Genuine.class, verify(bundle, prod()), "unopened, the secrets are not read");
            var o = assertInstanceOf(InvalidPart.class, verify(bundle, prod().withPrivateKey(PROD_EC.privateKeyPkcs8())), edit.getKey());
            assertEquals(BundleFormat.SECRETS, o.part());
            assertTrue(o.sentence().contains(edit.getKey()), o.sentence());
        }
    }

    /** {@code plain} enveloped for Prod Space's EC key (ECDH, SHA-256 KDF, AES-256 wrap) with {@code cipher}. */
    private static byte[] toProd(byte[] plain, org.bouncycastle.asn1.ASN1ObjectIdentifier cipher) throws Exception {
        var ephemeral = java.security.KeyPairGenerator.getInstance("EC", odcm.packaging.cert.Certificates.BC);
        ephemeral.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
        var pair = ephemeral.generateKeyPair();
        return BundleFiles.envelope(plain, new org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientInfoGenerator(
                org.bouncycastle.cms.CMSAlgorithm.ECDH_SHA256KDF, pair.getPrivate(), pair.getPublic(), org.bouncycastle.cms.CMSAlgorithm.AES256_WRAP)
                .addRecipient(new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter().getCertificate(
                        new org.bouncycastle.cert.X509CertificateHolder(PROD_EC.certificateDer()))).setProvider(odcm.packaging.cert.Certificates.BC),
                cipher);
    }

    @Test
    void secretsForAnotherKeyCannotBeOpened() {
        Map<String, byte[]> e = new LinkedHashMap<>(unzip(bundle(DEV_EC, PROD_EC)));
        e.put(BundleFormat.SECRETS, unzip(write(content("Dev Space", "Prod Space", 1), DEV_EC, OTHER_EC)).get(BundleFormat.SECRETS));
        var o = assertInstanceOf(InvalidPart.class, verify(resign(e, DEV_EC, null), prod().withPrivateKey(PROD_EC.privateKeyPkcs8())));
        assertEquals(BundleFormat.SECRETS, o.part());
    }

    @Test
    void malformedRandomFile() {
        byte[] random = new byte[4096];
        new java.util.Random(7).nextBytes(random);
        assertEquals("This file is not a release bundle, or it is truncated or damaged (it does not start as a ZIP file).",
                verify(random, prod()).sentence());
    }

    @Test
    void malformedTruncatedFile() {
        byte[] bundle = bundle(DEV_EC, PROD_EC);
        assertInstanceOf(Malformed.class, verify(java.util.Arrays.copyOf(bundle, bundle.length / 2), prod()));
    }

    @Test
    void malformedEmptyFile() {
        assertInstanceOf(Malformed.class, verify(new byte[0], prod()));
    }

    @Test
    void aSignatureThatIsNotCmsIsAnInvalidPart() {
        Map<String, byte[]> e = new LinkedHashMap<>(unzip(bundle(DEV_EC, PROD_EC)));
        e.put(BundleFormat.SIGNATURE, "not a signature".getBytes(StandardCharsets.UTF_8));
        assertEquals(BundleFormat.SIGNATURE, assertInstanceOf(InvalidPart.class, verify(zip(e), prod())).part());
    }
}

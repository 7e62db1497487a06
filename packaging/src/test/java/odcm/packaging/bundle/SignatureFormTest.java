package odcm.packaging.bundle;

import static odcm.packaging.bundle.Fixture.*;
import static odcm.packaging.cert.Certificates.BC;
import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import odcm.model.cert.CertificateFormat;
import odcm.packaging.bundle.VerificationOutcome.*;
import odcm.packaging.cert.Certificates;
import odcm.packaging.cert.SpaceIdentity;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.BERTags;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSAttributeTableGenerator;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 11, point 1: a signature file has one form. Each hand-crafted re-encoding or re-signing below still verifies
 * cryptographically with the pinned certificate (asserted), so only the form checks can refuse it, for release bundles and
 * deployment receipts, EC and RSA signers. Then the signed manifest as the exact list of parts, and the creation time.
 */
class SignatureFormTest {
    @TempDir
    Path dir;

    /** A genuine signed file: its entries, which entry is signed by which, who signed it, and the view that accepts it. */
    record Signed(String label, byte[] file, String content, String signature, SpaceIdentity signer, VerificationContext ctx) {
        Map<String, byte[]> entries() {
            return new LinkedHashMap<>(unzip(file));
        }

        byte[] sig() {
            return entries().get(signature);
        }

        byte[] signed() {
            return entries().get(content);
        }

        @Override
        public String toString() {
            return label;
        }
    }

    static Stream<Signed> files() {
        return Stream.of(
                new Signed("bundle, EC", bundle(DEV_EC, PROD_EC), BundleFormat.MANIFEST, BundleFormat.SIGNATURE, DEV_EC,
                        prodTrusting(PROD_EC, DEV_EC)),
                new Signed("bundle, RSA", write(content("Dev Space", "Prod Space", 1), DEV_RSA, PROD_EC), BundleFormat.MANIFEST,
                        BundleFormat.SIGNATURE, DEV_RSA, prodTrusting(PROD_EC, DEV_RSA)),
                new Signed("receipt, EC", receipt(PROD_EC, DEV_EC, NOW), ReceiptFormat.RECEIPT, ReceiptFormat.SIGNATURE, PROD_EC,
                        devTrustingReceipts(DEV_EC, PROD_EC)),
                new Signed("receipt, RSA", receipt(PROD_RSA, DEV_EC, NOW), ReceiptFormat.RECEIPT, ReceiptFormat.SIGNATURE, PROD_RSA,
                        devTrustingReceipts(DEV_EC, PROD_RSA)));
    }

    static Stream<Signed> ecFiles() {
        return files().filter(s -> s.label().endsWith("EC"));
    }

    // ---- the genuine files are accepted, so every refusal below is the form's ----

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void theGenuineFileIsAcceptedAndItsSignatureIsDerWithTheRequiredSignedAttributes(Signed s) throws Exception {
        assertTrue(verify(s, s.sig()).genuine(), s.label());
        assertArrayEquals(ASN1Primitive.fromByteArray(s.sig()).getEncoded(ASN1Encoding.DER), s.sig());
        AttributeTable attrs = new CMSSignedData(new CMSProcessableByteArray(s.signed()), s.sig()).getSignerInfos().iterator().next()
                .getSignedAttributes();
        for (ASN1ObjectIdentifier type : List.of(CMSAttributes.contentType, CMSAttributes.messageDigest, CMSAttributes.cmsAlgorithmProtect)) {
            assertNotNull(attrs.get(type), type.getId());
        }
        assertEquals(3, attrs.size(), "nothing else, no signing time");
    }

    // ---- re-encodings of the genuine signature ----

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void berInsteadOfDerIsRefused(Signed s) throws Exception {
        byte[] ber = BundleFiles.berSignature(s.sig()); // indefinite lengths, as the writer wrote before
        assertEquals(0x80, ber[1] & 0xFF);
        assertRefused(s, ber, "is not DER-encoded");
        byte[] sig = s.sig();
        assertEquals(0x82, sig[1] & 0xFF);
        byte[] longLength = new byte[sig.length + 2]; // the outer length in 4 bytes instead of 2
        longLength[0] = 0x30;
        longLength[1] = (byte) 0x84;
        System.arraycopy(sig, 2, longLength, 4, sig.length - 2);
        assertRefused(s, longLength, "is not DER-encoded");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void anAddedUnsignedAttributeIsRefused(Signed s) {
        byte[] sig = editSignerInfo(s.sig(), el -> append(el, new DERTaggedObject(false, 1,
                new DERSet(new Attribute(new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1"), new DERSet(new DERUTF8String("added")))))));
        assertRefused(s, sig, "carries unsigned attributes");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ecFiles")
    void anEcdsaSignatureWithTheOtherSIsRefused(Signed s) throws Exception {
        BigInteger n = ((java.security.interfaces.ECPublicKey) new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter().setProvider(BC)
                .getCertificate(cert(s.signer())).getPublicKey()).getParams().getOrder();
        byte[] sig = editSignerInfo(s.sig(), el -> {
            ASN1Sequence rs = ASN1Sequence.getInstance(DEROctetString.getInstance(el[5]).getOctets());
            BigInteger r = ASN1Integer.getInstance(rs.getObjectAt(0)).getValue();
            BigInteger low = ASN1Integer.getInstance(rs.getObjectAt(1)).getValue();
            assertTrue(low.compareTo(n.shiftRight(1)) <= 0, "the writer signs with the low s");
            el[5] = new DEROctetString(der(new DERSequence(new ASN1Encodable[] {new ASN1Integer(r), new ASN1Integer(n.subtract(low))})));
            return el;
        });
        assertRefused(s, sig, "ECDSA signature value not in its one accepted form");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void aChangedSignerIdentifierIsRefused(Signed s) {
        X509CertificateHolder cert = cert(s.signer());
        byte[] otherSerial = editSignerInfo(s.sig(), el -> {
            el[1] = new IssuerAndSerialNumber(cert.getIssuer(), cert.getSerialNumber().add(BigInteger.ONE));
            return el;
        });
        assertRefused(s, otherSerial, "names a signer other than its source's pinned certificate");
        byte[] keyId = editSignerInfo(s.sig(), el -> { // by subject key identifier: SignerInfo version 3
            el[0] = new ASN1Integer(3);
            el[1] = new DERTaggedObject(false, 0, org.bouncycastle.asn1.x509.SubjectKeyIdentifier.fromExtensions(cert.getExtensions()).toASN1Primitive());
            return el;
        });
        assertRefused(s, editSignedData(keyId, el -> {
            el[0] = new ASN1Integer(3);
            return el;
        }), "has SignedData version 3");
        assertRefused(s, keyId, "names its signer otherwise than by issuer and serial number");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void changedVersionBytesAreRefused(Signed s) {
        for (int v : new int[] {0, 2, 3, 4, 5}) {
            assertRefused(s, editSignedData(s.sig(), el -> {
                el[0] = new ASN1Integer(v);
                return el;
            }), "has SignedData version " + v);
        }
        assertRefused(s, editSignerInfo(s.sig(), el -> {
            el[0] = new ASN1Integer(3);
            return el;
        }), "(SignerInfo version 3)");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void theCertificatesAndAlgorithmEncodingsAreExactlyTheWritersOnes(Signed s) {
        AlgorithmIdentifier sha256WithNull = new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256, DERNull.INSTANCE);
        assertRefused(s, editSignedData(s.sig(), el -> {
            el[1] = new DERSet(sha256WithNull);
            return el;
        }), "lists digest algorithms other than SHA-256 alone");
        assertRefused(s, editSignerInfo(s.sig(), el -> {
            el[2] = sha256WithNull;
            return el;
        }), "encodes its digest algorithm unusually");
        assertRefused(s, editSignedData(s.sig(), el -> remove(el, 3)), "does not carry exactly one certificate");
        assertRefused(s, editSignedData(s.sig(), el -> {
            el[3] = new DERTaggedObject(false, 0, new DERSet(new ASN1Encodable[] {cert(s.signer()).toASN1Structure(),
                    cert(OTHER_EC).toASN1Structure()}));
            return el;
        }), "does not carry exactly one certificate");
        assertRefused(s, editSignedData(s.sig(), el -> {
            el[3] = new DERTaggedObject(false, 0, new DERSet(cert(OTHER_EC).toASN1Structure()));
            return el;
        }), "carries a certificate other than its source's pinned one");
    }

    /**
     * Found by the mutation campaign: the signed attributes under [1] instead of [0] still verified, as BouncyCastle reads
     * them by position and the signature covers them re-tagged as a SET. Every tagged part the writer emits (the content of
     * the ContentInfo, the certificates, the signed attributes), under another tag number or class, is refused.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void anotherTagOnATaggedPartIsRefused(Signed s) {
        byte[] signedAttributesUnderOne = editSignerInfo(s.sig(), el -> {
            el[3] = new DERTaggedObject(false, 1, ASN1Set.getInstance((ASN1TaggedObject) el[3], false));
            return el;
        });
        assertRefused(s, signedAttributesUnderOne, "holds bytes the console never writes around its signed parts");
        int[][] tags = {{BERTags.CONTEXT_SPECIFIC, 1}, {BERTags.CONTEXT_SPECIFIC, 2}, {BERTags.CONTEXT_SPECIFIC, 30},
                {BERTags.APPLICATION, 0}, {BERTags.PRIVATE, 0}, {BERTags.APPLICATION, 1}};
        int verified = 0;
        for (int[] tag : tags) {
            List<byte[]> crafted = List.of(
                    retagged(s.sig(), tag),
                    editSignedData(s.sig(), el -> {
                        el[3] = new DERTaggedObject(false, tag[0], tag[1], ASN1Set.getInstance((ASN1TaggedObject) el[3], false));
                        return el;
                    }),
                    editSignerInfo(s.sig(), el -> {
                        el[3] = new DERTaggedObject(false, tag[0], tag[1], ASN1Set.getInstance((ASN1TaggedObject) el[3], false));
                        return el;
                    }));
            for (byte[] sig : crafted) {
                assertFalse(java.util.Arrays.equals(sig, s.sig()));
                var signer = Cms.onlySigner(s.signed(), sig);
                if (signer != null && Cms.verifies(signer, cert(s.signer()))) {
                    verified++;
                }
                VerificationOutcome o = verify(s, sig);
                InvalidPart part = assertInstanceOf(InvalidPart.class, o, s.label() + ", tag " + java.util.Arrays.toString(tag) + ": " + o.sentence());
                assertEquals(s.signature(), part.part());
            }
        }
        assertTrue(verified >= 2, "some re-tagged signatures still verify cryptographically, so the form check is what refuses them: " + verified);
    }

    /** The signature with the tag of the ContentInfo's content changed (the explicit [0] around the SignedData). */
    private static byte[] retagged(byte[] sig, int[] tag) {
        ContentInfo ci = ContentInfo.getInstance(sig);
        return der(new DERSequence(new ASN1Encodable[] {ci.getContentType(), new DERTaggedObject(true, tag[0], tag[1], ci.getContent())}));
    }

    // ---- signed again by the genuine key, in a form the console never writes ----

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void noSignedAttributesIsRefused(Signed s) throws Exception {
        assertRefused(s, bcSign(s, true, null, false, null), "has no signed attributes");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void signedAttributesOtherThanTheWritersAreRefused(Signed s) throws Exception {
        assertRefused(s, bcSign(s, false, null, false, p -> new DefaultSignedAttributeTableGenerator().getAttributes(p)
                .remove(CMSAttributes.cmsAlgorithmProtect).remove(CMSAttributes.signingTime)), "lacks a signed attribute it must have");
        Attribute extra = new Attribute(CMSAttributes.contentHint, new DERSet(new DERUTF8String("hint")));
        assertRefused(s, bcSign(s, false, null, false, p -> new DefaultSignedAttributeTableGenerator().getAttributes(p).remove(CMSAttributes.signingTime)
                .add(extra.getAttrType(), extra.getAttrValues().getObjectAt(0))), "has a signed attribute the console does not write");
        assertRefused(s, bcSign(s, false, null, false, new DefaultSignedAttributeTableGenerator()), "has a signed attribute the console does not write (1.2.840.113549.1.9.5"); // BC's default
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void anotherEContentTypeIsRefused(Signed s) throws Exception {
        byte[] other = bcSign(s, false, CMSObjectIdentifiers.compressedData, false, null);
        assertRefused(s, other, "has SignedData version 3"); // as RFC 5652 requires for content other than data
        assertRefused(s, editSignedData(other, el -> {
            el[0] = new ASN1Integer(1);
            return el;
        }), "signs content of type");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void anAttachedSignatureIsRefused(Signed s) throws Exception {
        assertRefused(s, bcSign(s, false, null, true, null), "carries the signed content inside it");
    }

    // ---- the same, made by openssl ----

    @ParameterizedTest(name = "{0}")
    @MethodSource("ecFiles")
    void signaturesOpensslMakesInOtherFormsAreRefused(Signed s) throws Exception {
        Assumptions.assumeTrue(found("openssl", "version"), "openssl not found on PATH; openssl re-encodings skipped");
        Files.write(dir.resolve("signed"), s.signed());
        Files.write(dir.resolve("cert.pem"), Certificates.encode(s.signer().certificateDer(), CertificateFormat.PEM));
        byte[] key = s.signer().privateKeyPkcs8().reveal();
        Files.writeString(dir.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key) + "\n-----END PRIVATE KEY-----\n");
        java.util.Arrays.fill(key, (byte) 0);
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("-noattr", "has no signed attributes");
        expected.put("-nodetach", "carries the signed content inside it");
        expected.put("-stream", "is not DER-encoded"); // indefinite-length BER
        expected.put("-nosmimecap", "has a signed attribute the console does not write (1.2.840.113549.1.9.5"); // and no algorithm protection
        expected.put("-md sha256", "has a signed attribute the console does not write"); // signing time, S/MIME capabilities
        for (var e : expected.entrySet()) {
            List<String> command = new ArrayList<>(List.of("openssl", "cms", "-sign", "-binary", "-in", "signed", "-signer", "cert.pem",
                    "-inkey", "key.pem", "-outform", "DER", "-out", "sig"));
            command.addAll(List.of(e.getKey().split(" ")));
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, out);
            byte[] sig = Files.readAllBytes(dir.resolve("sig"));
            assertRefused(s, sig, e.getValue());
        }
    }

    // ---- the signed manifest is the exact list of parts ----

    @Test
    void aListedPartThatIsAbsentIsRefused() {
        Map<String, byte[]> e = unzip(bundle(DEV_EC, PROD_EC));
        byte[] b = resignManifest(e, m -> listed(m, add(m.entries(), new Dto.Entry("notes.json", "0".repeat(64)))));
        assertEquals(new PartMissing("notes.json"), BundleVerifier.verify(b, prodTrusting(PROD_EC, DEV_EC)));
        Map<String, byte[]> without = new LinkedHashMap<>(e);
        without.remove(BundleFormat.HISTORY);
        assertEquals(new PartMissing(BundleFormat.HISTORY), BundleVerifier.verify(resignManifest(without, m -> m), prodTrusting(PROD_EC, DEV_EC)));
    }

    @Test
    void aPartListedTwiceIsRefused() {
        Map<String, byte[]> e = unzip(bundle(DEV_EC, PROD_EC));
        byte[] b = resignManifest(e, m -> listed(m, add(m.entries(), m.entries().get(0))));
        InvalidPart o = assertInstanceOf(InvalidPart.class, BundleVerifier.verify(b, prodTrusting(PROD_EC, DEV_EC)));
        assertEquals(BundleFormat.MANIFEST, o.part());
        assertTrue(o.sentence().contains("lists the part release.json twice"), o.sentence());
    }

    @Test
    void aListedPartThatNoBundleHasIsRefusedAndAnUnlistedPartToo() {
        Map<String, byte[]> e = new LinkedHashMap<>(unzip(bundle(DEV_EC, PROD_EC)));
        e.put("notes.json", "{}".getBytes(StandardCharsets.UTF_8));
        byte[] listed = resignManifest(e, m -> listed(m, add(m.entries(), new Dto.Entry("notes.json", BundleWriter.sha256(e.get("notes.json"))))));
        InvalidPart o = assertInstanceOf(InvalidPart.class, BundleVerifier.verify(listed, prodTrusting(PROD_EC, DEV_EC)));
        assertTrue(o.sentence().contains("notes.json, which is not a part of a release bundle"), o.sentence());
        assertEquals(new PartExtra("notes.json"), BundleVerifier.verify(resignManifest(e, m -> m), prodTrusting(PROD_EC, DEV_EC)));
    }

    @Test
    void aCreationTimeInTheFutureIsRefusedBeyondFiveMinutes() {
        Map<String, byte[]> e = unzip(bundle(DEV_EC, PROD_EC));
        String future = NOW.plusSeconds(301).toString();
        CreatedInFuture o = assertInstanceOf(CreatedInFuture.class, BundleVerifier.verify(resignManifest(e, m -> new Dto.Manifest(
                m.schemaVersion(), m.bundleId(), m.source(), m.target(), m.sequence(), future, m.expires(), m.entries())), prodTrusting(PROD_EC, DEV_EC)));
        assertTrue(o.sentence().contains(future) && o.sentence().contains(NOW.toString()), o.sentence());
        String skewed = NOW.plusSeconds(300).toString();
        assertTrue(BundleVerifier.verify(resignManifest(e, m -> new Dto.Manifest(m.schemaVersion(), m.bundleId(), m.source(), m.target(),
                m.sequence(), skewed, m.expires(), m.entries())), prodTrusting(PROD_EC, DEV_EC)).genuine(), "within the clock skew");

        var receiptOutcome = ReceiptVerifier.verify(receipt(PROD_EC, DEV_EC, NOW.plusSeconds(3600)), devTrustingReceipts(DEV_EC, PROD_EC));
        String sentence = assertInstanceOf(CreatedInFuture.class, receiptOutcome).sentence(VerificationOutcome.Kind.DEPLOYMENT_RECEIPT);
        assertTrue(sentence.startsWith("This receipt says it was created at " + NOW.plusSeconds(3600)), sentence);
        assertTrue(ReceiptVerifier.verify(receipt(PROD_EC, DEV_EC, NOW.plusSeconds(240)), devTrustingReceipts(DEV_EC, PROD_EC)).genuine());
    }

    // ---- helpers ----

    private static VerificationOutcome verify(Signed s, byte[] sig) {
        Map<String, byte[]> e = s.entries();
        e.put(s.signature(), sig);
        byte[] file = zip(e);
        return s.content().equals(BundleFormat.MANIFEST) ? BundleVerifier.verify(file, s.ctx()) : ReceiptVerifier.verify(file, s.ctx());
    }

    /** Refused as the signature file's form, although the signature still verifies with the pinned key. */
    private static void assertRefused(Signed s, byte[] sig, String detail) {
        assertFalse(java.util.Arrays.equals(sig, s.sig()), "the crafted signature differs from the genuine one");
        var signer = Cms.onlySigner(s.signed(), sig);
        assertNotNull(signer, "BouncyCastle reads the crafted signature");
        assertTrue(Cms.verifies(signer, cert(s.signer())), "the crafted signature still verifies with the pinned certificate");
        VerificationOutcome o = verify(s, sig);
        InvalidPart part = assertInstanceOf(InvalidPart.class, o, s.label() + ": " + o.sentence());
        assertEquals(s.signature(), part.part());
        assertTrue(part.detail().contains(detail), s.label() + ": " + part.detail());
    }

    private static X509CertificateHolder cert(SpaceIdentity id) {
        try {
            return new X509CertificateHolder(id.certificateDer());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signed by the genuine key with BouncyCastle, in the chosen form. */
    private static byte[] bcSign(Signed s, boolean direct, ASN1ObjectIdentifier contentType, boolean attached, CMSAttributeTableGenerator attrs)
            throws Exception {
        X509CertificateHolder cert = cert(s.signer());
        var signer = new JcaContentSignerBuilder(Cms.signatureAlgorithm(cert)).setProvider(BC).build(Cms.privateKey(s.signer().privateKeyPkcs8()));
        var builder = new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().setProvider(BC).build()).setDirectSignature(direct);
        builder.setSignedAttributeGenerator(attrs != null ? attrs
                : p -> new DefaultSignedAttributeTableGenerator().getAttributes(p).remove(CMSAttributes.signingTime));
        CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
        gen.addSignerInfoGenerator(builder.build(signer, cert));
        gen.addCertificate(cert);
        var data = contentType == null ? new CMSProcessableByteArray(s.signed()) : new CMSProcessableByteArray(contentType, s.signed());
        return gen.generate(data, attached).getEncoded(ASN1Encoding.DER);
    }

    /** The signature with the elements of its SignedData edited, DER-encoded again. */
    static byte[] editSignedData(byte[] sig, UnaryOperator<ASN1Encodable[]> edit) {
        ContentInfo ci = ContentInfo.getInstance(sig);
        ASN1Encodable[] el = edit.apply(ASN1Sequence.getInstance(ci.getContent()).toArray());
        return der(new ContentInfo(ci.getContentType(), new DERSequence(el)));
    }

    /** The signature with the elements of its one SignerInfo edited. */
    static byte[] editSignerInfo(byte[] sig, UnaryOperator<ASN1Encodable[]> edit) {
        return editSignedData(sig, el -> {
            ASN1Set infos = ASN1Set.getInstance(el[el.length - 1]);
            el[el.length - 1] = new DERSet(new DERSequence(edit.apply(ASN1Sequence.getInstance(infos.getObjectAt(0)).toArray())));
            return el;
        });
    }

    private static ASN1Encodable[] append(ASN1Encodable[] el, ASN1Encodable more) {
        ASN1Encodable[] out = java.util.Arrays.copyOf(el, el.length + 1);
        out[el.length] = more;
        return out;
    }

    private static ASN1Encodable[] remove(ASN1Encodable[] el, int index) {
        List<ASN1Encodable> out = new ArrayList<>(List.of(el));
        out.remove(index);
        return out.toArray(new ASN1Encodable[0]);
    }

    static byte[] der(ASN1Encodable a) {
        try {
            return a.toASN1Primitive().getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The bundle's entries with its manifest rewritten by {@code edit} (hashes recomputed first) and signed by Dev Space's key. */
    private static byte[] resignManifest(Map<String, byte[]> entries, UnaryOperator<Dto.Manifest> edit) {
        try {
            Dto.Manifest m = Json.read(entries.get(BundleFormat.MANIFEST), Dto.Manifest.class);
            List<Dto.Entry> hashed = m.entries().stream().filter(x -> entries.containsKey(x.name()))
                    .map(x -> new Dto.Entry(x.name(), BundleWriter.sha256(entries.get(x.name())))).toList();
            byte[] manifest = Json.write(edit.apply(listed(m, hashed)));
            Map<String, byte[]> copy = new LinkedHashMap<>(entries);
            copy.put(BundleFormat.MANIFEST, manifest);
            copy.put(BundleFormat.SIGNATURE, Cms.sign(manifest, Cms.privateKey(DEV_EC.privateKeyPkcs8()), cert(DEV_EC), Cms.ECDSA));
            return zip(copy);
        } catch (Json.BadJson e) {
            throw new IllegalStateException(e);
        }
    }

    private static Dto.Manifest listed(Dto.Manifest m, List<Dto.Entry> entries) {
        return new Dto.Manifest(m.schemaVersion(), m.bundleId(), m.source(), m.target(), m.sequence(), m.created(), m.expires(), entries);
    }

    private static List<Dto.Entry> add(List<Dto.Entry> entries, Dto.Entry more) {
        List<Dto.Entry> out = new ArrayList<>(entries);
        out.add(more);
        return out;
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

package odcm.app.service;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import odcm.model.Refusal;
import odcm.model.Secret;
import odcm.model.cert.CertificateFormat;
import odcm.model.cert.Fingerprint;
import odcm.model.trust.TrustKind;
import odcm.packaging.bundle.BundleFiles;
import odcm.packaging.bundle.ReceiptFormat;
import odcm.packaging.bundle.VerificationOutcome;
import odcm.packaging.bundle.VerificationOutcome.*;
import odcm.packaging.cert.KeyAlgorithm;
import odcm.persistence.Store;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One test per outcome of checking a deployment receipt that applies to receipts, mirroring {@link BundleVerificationTest}:
 * Prod Space imported and deployed DevTest's Web 1.0.0 and wrote a receipt for DevTest, which trusts Prod for deployment
 * receipts. Each asserts the exact outcome and that nothing changed: no row, no audit entry, no file.
 */
class ReceiptVerificationTest extends BundleFixture {
    private static final Kind RECEIPT = Kind.DEPLOYMENT_RECEIPT;
    private byte[] receipt;

    @BeforeEach
    void deployedAndReported() {
        connected(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P256);
        prodLifecycle();
        ctx.imports().importBundle(PROD, promote(PROD, "web.odcmbundle"), null, Map.of());
        ctx.deployments().deploy(PROD, DEV + ": Web", "1.0.0", "Production", true);
        ctx.trusts().add(DEV, PROD, TrustKind.DEPLOYMENT_RECEIPTS); // after the deployment, so it did not flow back directly
        receipt = create("prod.odcmreceipt", 30);
    }

    private byte[] create(String name, int days) {
        return ctx.receipts().create(PROD, DEV, out(name), days, false).bytes();
    }

    /** Writes {@code bytes} as a file and verifies it as {@code space} sees it, asserting nothing changed. */
    private VerificationOutcome verify(String space, byte[] bytes) {
        Path f = file("checked.odcmreceipt", bytes);
        return unchanged(() -> ctx.receipts().verify(space, f));
    }

    /** Verifies as DevTest, and asserts that importing it is refused with the same sentence, changing nothing. */
    private VerificationOutcome refused(byte[] bytes) {
        VerificationOutcome o = verify(DEV, bytes);
        assertFalse(o.genuine(), o.sentence(RECEIPT));
        Refusal r = unchanged(() -> assertThrows(Refusal.class, () -> ctx.receipts().importReceipt(DEV, bytes)));
        assertEquals(o.sentence(RECEIPT), r.getMessage());
        return o;
    }

    private Map<String, byte[]> entries() {
        return new LinkedHashMap<>(BundleFiles.unzip(receipt));
    }

    private Fingerprint fingerprint(String space) {
        return ctx.spaces().find(space).certificate().fingerprint();
    }

    private byte[] editJson(String from, String to) {
        Map<String, byte[]> e = entries();
        String j = new String(e.get(ReceiptFormat.RECEIPT), StandardCharsets.UTF_8);
        assertTrue(j.contains(from), j);
        e.put(ReceiptFormat.RECEIPT, j.replace(from, to).getBytes(StandardCharsets.UTF_8));
        return BundleFiles.zip(e);
    }

    private byte[] resigned(Map<String, byte[]> e, String algorithm) {
        try (Secret key = ctx.store().read(tx -> BundleChecks.privateKey(ctx.store(), tx, tx.spaces().findByName(PROD).orElseThrow()))) {
            return BundleFiles.resignReceipt(e, ctx.spaces().certificate(PROD, CertificateFormat.DER), key, algorithm);
        }
    }

    /** receipt.json changed and signed again by Prod's own key: the signer vouches for it, the strict reader still refuses it. */
    private byte[] signedJson(UnaryOperator<String> edit) {
        Map<String, byte[]> e = entries();
        e.put(ReceiptFormat.RECEIPT, edit.apply(new String(e.get(ReceiptFormat.RECEIPT), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        return resigned(e, null);
    }

    private byte[] withEntry(String name, byte[] content) {
        Map<String, byte[]> e = entries();
        e.put(name, content);
        return BundleFiles.zip(e);
    }

    private void unsafe(byte[] bytes, String phrase) {
        UnsafeContainer u = assertInstanceOf(UnsafeContainer.class, refused(bytes));
        assertTrue(u.sentence(RECEIPT).contains(phrase), u.sentence(RECEIPT));
        assertTrue(u.sentence(RECEIPT).startsWith("This receipt was refused unread"), u.sentence(RECEIPT));
    }

    // ---- outcomes ----

    @Test
    void genuine() {
        GenuineReceipt g = assertInstanceOf(GenuineReceipt.class, verify(DEV, receipt));
        assertEquals(fingerprint(PROD), g.source());
        assertEquals(fingerprint(DEV), g.target());
        assertEquals(1, g.content().deployments().size());
    }

    @Test
    void signatureInvalid() {
        assertEquals(new SignatureInvalid(), refused(editJson("\"sequence\":1,", "\"sequence\":9,")));
    }

    @Test
    void signerNotTrusted() {
        local(QA);
        SignerNotTrusted o = assertInstanceOf(SignerNotTrusted.class, verify(QA, receipt));
        assertEquals(PROD, o.sourceSpace());
        assertEquals(fingerprint(PROD), o.claimed());
    }

    @Test
    void signerTrustedOnlyForBundlesIsNotTrustedForReceipts() {
        ctx.trusts().revoke(DEV, PROD, TrustKind.DEPLOYMENT_RECEIPTS, "test");
        local(QA);
        ctx.trusts().add(QA, PROD, TrustKind.RELEASE_BUNDLES);
        SignerNotTrusted o = assertInstanceOf(SignerNotTrusted.class, verify(QA, receipt));
        assertEquals("The receipt claims to come from 'Prod Space' (certificate " + fingerprint(PROD).grouped() + "), which is not a space "
                + "this space trusts for deployment receipts; a certificate inside a receipt proves nothing.", o.sentence(RECEIPT));
    }

    @Test
    void trustRevoked() {
        ctx.trusts().revoke(DEV, PROD, TrustKind.DEPLOYMENT_RECEIPTS, "key compromised");
        TrustRevoked o = assertInstanceOf(TrustRevoked.class, refused(receipt));
        assertEquals(fingerprint(PROD), o.source());
    }

    @Test
    void addressedToAnotherSpace() {
        local(QA);
        ctx.trusts().add(QA, PROD, TrustKind.DEPLOYMENT_RECEIPTS);
        AddressedToAnotherSpace o = assertInstanceOf(AddressedToAnotherSpace.class, verify(QA, receipt));
        assertEquals(DEV, o.targetSpace());
        assertEquals(fingerprint(DEV), o.target());
    }

    @Test
    void expired() {
        byte[] shortLived = create("short.odcmreceipt", 1);
        var expires = ctx.receipts().outbox(PROD).get(0).expires();
        opener = () -> new AppContext(Store.open(location(), Clock.offset(Clock.systemUTC(), Duration.ofDays(2)), System.getProperty("user.name"))); // the same person, later
        ctx.close();
        ctx = opener.get();
        assertEquals(new Expired(expires), refused(shortLived));
    }

    @Test
    void unsupportedSchemaVersion() {
        UnsupportedSchema o = assertInstanceOf(UnsupportedSchema.class, refused(editJson("\"schemaVersion\":1", "\"schemaVersion\":2")));
        assertEquals("2", o.found());
        assertEquals(List.of(1), o.supported());
    }

    @Test
    void partMissing() {
        Map<String, byte[]> e = entries();
        e.remove(ReceiptFormat.SIGNATURE);
        assertEquals(new PartMissing(ReceiptFormat.SIGNATURE), refused(BundleFiles.zip(e)));
    }

    @Test
    void partExtra() {
        assertEquals(new PartExtra("readme.txt"), refused(withEntry("readme.txt", "hello".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void theSameReceiptAgainIsANoOp() {
        UUID id = ctx.receipts().outbox(PROD).get(0).receiptId();
        assertTrue(ctx.receipts().importReceipt(DEV, receipt).accepted());
        AlreadyAccepted o = assertInstanceOf(AlreadyAccepted.class, verify(DEV, receipt));
        assertEquals(id, o.bundleId());
        assertTrue(o.sentence(RECEIPT).contains("nothing more to do"));
        ReceiptService.Result again = unchanged(() -> ctx.receipts().importReceipt(DEV, receipt));
        assertFalse(again.accepted());
    }

    @Test
    void rollbackToAnOlderSequence() {
        ctx.receipts().importReceipt(DEV, create("newer.odcmreceipt", 30));
        assertEquals(new Rollback(1, 2), refused(receipt));
    }

    @Test
    void disallowedAlgorithm() {
        DisallowedAlgorithm o = assertInstanceOf(DisallowedAlgorithm.class, refused(resigned(entries(), "SHA512withECDSA")));
        assertEquals("digest SHA512 (2.16.840.1.101.3.4.2.3)", o.what());
    }

    // ---- hostile files ----

    @Test
    void zipSlipName() {
        unsafe(withEntry("../evil.json", new byte[] {1}), "unsafe name (../evil.json)");
    }

    @Test
    void absoluteName() {
        unsafe(withEntry("/etc/cron.d/x", new byte[] {1}), "unsafe name (/etc/cron.d/x)");
    }

    @Test
    void duplicateNameDifferingInCase() {
        unsafe(withEntry("RECEIPT.json", entries().get(ReceiptFormat.RECEIPT)), "holds the name RECEIPT.json twice");
    }

    @Test
    void directoryEntry() {
        unsafe(withEntry("docs/", new byte[0]), "holds a directory (docs/)");
    }

    @Test
    void symbolicLinkEntry() {
        unsafe(BundleFiles.lastEntryAsSymlink(withEntry("link.json", "/etc/passwd".getBytes(StandardCharsets.UTF_8))), "holds a link (link.json)");
    }

    @Test
    void compressionBomb() {
        Map<String, byte[]> e = entries();
        e.put("padding.json", new byte[50 << 20]);
        byte[] bomb = BundleFiles.deflated(e);
        assertTrue(bomb.length < 200_000, "the bomb itself is small");
        unsafe(bomb, "more than 200 to 1, as a ZIP bomb does");
    }

    @Test
    void truncatedFile() {
        assertEquals("This file is not a deployment receipt, or it is truncated or damaged (the end of the ZIP file is missing, so it was "
                + "cut off).", refused(Arrays.copyOf(receipt, receipt.length / 2)).sentence(RECEIPT));
    }

    @Test
    void randomBytes() {
        byte[] noise = new byte[4096];
        new java.util.Random(4).nextBytes(noise);
        assertEquals(new Malformed("it does not start as a ZIP file"), refused(noise));
    }

    @Test
    void emptyFile() {
        assertEquals(new Malformed("the file is empty"), refused(new byte[0]));
    }

    @Test
    void missingFile() {
        Path none = out("none.odcmreceipt");
        Refusal r = unchanged(() -> assertThrows(Refusal.class, () -> ctx.receipts().importReceipt(DEV, none)));
        assertEquals("There is no file " + none.toAbsolutePath() + ".", r.getMessage());
    }

    @Test
    void aReleaseBundleIsNotAReceipt() {
        assertEquals(new odcm.packaging.bundle.VerificationOutcome.OtherKind(odcm.packaging.bundle.VerificationOutcome.Kind.RELEASE_BUNDLE),
                refused(promote(PROD, "another.odcmbundle")));
    }

    @Test
    void jsonDuplicateKey() {
        InvalidPart o = assertInstanceOf(InvalidPart.class, refused(signedJson(j -> j.replace("{\"created\"", "{\"sequence\":7,\"created\""))));
        assertEquals(ReceiptFormat.RECEIPT, o.part());
        assertTrue(o.detail().startsWith("repeats a key"), o.detail());
    }

    @Test
    void jsonUnknownField() {
        InvalidPart o = assertInstanceOf(InvalidPart.class, refused(signedJson(j -> j.replace("{\"created\"", "{\"approvedBy\":\"nobody\",\"created\""))));
        assertTrue(o.detail().startsWith("has a field this version does not know"), o.detail());
    }

    @Test
    void jsonNotCanonical() {
        InvalidPart o = assertInstanceOf(InvalidPart.class, refused(signedJson(j -> j.replace(",\"sequence\"", ", \"sequence\""))));
        assertEquals("is not in canonical form (sorted keys, no spaces)", o.detail());
    }
}

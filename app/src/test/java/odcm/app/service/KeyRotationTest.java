package odcm.app.service;

import static odcm.app.TestBundles.DEV;
import static odcm.app.TestBundles.PROD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import odcm.app.TestBundles;
import odcm.model.Refusal;
import odcm.model.audit.AuditFilter;
import odcm.model.cert.Fingerprint;
import odcm.model.trust.TrustKind;
import odcm.packaging.bundle.KeyStatement;
import odcm.packaging.bundle.ReceiptContent;
import odcm.packaging.bundle.VerificationOutcome;
import odcm.persistence.Store;
import odcm.persistence.space.StoredCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keys over time between two stores (decision 0056): DevTest Space (network A) rotates its key and hands Prod Space's console
 * (network B) the rotation statement; bundles signed by the old key are accepted there during the overlap and not after its
 * retirement; receipts addressed to DevTest's old certificate are accepted during DevTest's overlap and not after it; then
 * DevTest declares its new key compromised. One pair of stores for the class, the steps in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeyRotationTest {
    @TempDir
    static Path tmp;
    static AppContext dev;
    static AppContext prod;
    static Fingerprint oldCert;
    static Fingerprint newCert;
    static byte[] statement;
    static byte[] oldKeyBundle2;
    static byte[] receiptToOldCert;

    @BeforeAll
    static void networks() {
        AppContext[] both = TestBundles.twoNetworks(tmp);
        dev = both[0];
        prod = both[1];
        dev.trusts().add(DEV, PROD, TrustKind.DEPLOYMENT_RECEIPTS);
        oldCert = dev.spaces().find(DEV).certificate().fingerprint();
        // Written with DevTest's old key, before the rotation; imported during the overlap and after retirement.
        byte[] first = TestBundles.bundle(dev, "1.0.0", 1);
        oldKeyBundle2 = TestBundles.revised(dev, "1.0.0", 2, List.of());
        assertTrue(prod.imports().importBundle(PROD, first, null, TestBundles.values()).imported());
    }

    @AfterAll
    static void close() {
        dev.close();
        prod.close();
    }

    private static byte[] rotate(AppContext at, String space, int days) {
        Path f = tmp.resolve("rotation-" + UUID.randomUUID() + ".odcmkeys");
        at.keys().rotate(space, days, null, f, false);
        return ReceiptServiceTest.read(f);
    }

    private static Object prodState() {
        return List.of(prod.spaces().certificates(DEV).stream().map(c -> c.info().fingerprint()).toList(),
                prod.audit().list(AuditFilter.ALL).size());
    }

    private static Refusal refusedAtProd(Runnable r) {
        Object before = prodState();
        Refusal refusal = assertThrows(Refusal.class, r::run);
        assertEquals(before, prodState(), "a refused statement changes nothing");
        return refusal;
    }

    @Test
    @Order(1)
    void devTestRotatesItsKeyAndKeepsTheOldOneForTheOverlap() {
        // A receipt from Prod addressed to DevTest's certificate as Prod knows it now: the old one.
        Instant now = prod.spaces().now();
        receiptToOldCert = TestBundles.receipt(prod, PROD, DEV, new ReceiptContent(UUID.randomUUID(), PROD, DEV, 1, now,
                now.plus(Duration.ofDays(30)), List.of()));
        statement = rotate(dev, DEV, 3);
        newCert = dev.spaces().find(DEV).certificate().fingerprint();
        assertFalse(newCert.equals(oldCert));
        List<StoredCertificate> history = dev.spaces().certificates(DEV);
        assertEquals(List.of(newCert, oldCert), history.stream().map(c -> c.info().fingerprint()).toList());
        var entry = dev.audit().list(AuditFilter.ALL).get(0);
        assertEquals("space.rotate-key", entry.action());
        assertTrue(entry.detail().contains("from " + oldCert.grouped() + " to " + newCert.grouped()), entry.detail());
        // The old certificate is still the addressee of receipts during the overlap.
        assertTrue(dev.receipts().importReceipt(DEV, receiptToOldCert).accepted());
        // A bad overlap is a refusal, nothing made.
        assertEquals("The overlap is 0 to 365 days; 400 is outside it.",
                assertThrows(Refusal.class, () -> rotate(dev, DEV, 400)).getMessage());
        assertEquals(2, dev.spaces().certificates(DEV).size());
    }

    @Test
    @Order(2)
    void prodImportsTheStatementOnlyWithTheNewFingerprintConfirmed() {
        KeyStatement shown = prod.keys().preview(DEV, statement);
        assertEquals(newCert, shown.newCertificate());
        assertEquals(oldCert, shown.certificate());
        String unread = refusedAtProd(() -> prod.keys().importStatement(DEV, statement, null)).getMessage();
        assertTrue(unread.startsWith("A rotation is imported only with the new certificate's fingerprint read out by the other side"), unread);
        assertFalse(unread.contains(newCert.grouped()), "the fingerprint to be read out is not handed over in the refusal");
        assertTrue(refusedAtProd(() -> prod.keys().importStatement(DEV, statement, oldCert.hex())).getMessage()
                .contains("does not match the new certificate in this statement"));
        assertEquals("'Prod Space' is a local space of this console, not a remote space.",
                refusedAtProd(() -> prod.keys().importStatement(PROD, statement, newCert.hex())).getMessage());
        KeyService.Imported imported = prod.keys().importStatement(DEV, statement, newCert.hex());
        assertTrue(imported.sentence().startsWith("Rotated the certificate of remote space 'DevTest Space' to " + newCert.grouped()),
                imported.sentence());
        List<StoredCertificate> history = prod.spaces().certificates(DEV);
        assertEquals(List.of(newCert, oldCert), history.stream().map(c -> c.info().fingerprint()).toList(), "history kept");
        assertTrue(history.get(0).isConfirmed());
        assertEquals("remote.rotate", prod.audit().list(AuditFilter.ALL).get(0).action());
        // The same statement again: the old certificate is no longer the current one.
        assertTrue(refusedAtProd(() -> prod.keys().importStatement(DEV, statement, newCert.hex())).getMessage()
                .contains("which is no longer its current certificate here"));
    }

    @Test
    @Order(3)
    void duringTheOverlapBothKeysAreAcceptedAfterRetirementOnlyTheNewOne() {
        assertTrue(prod.imports().check(PROD, oldKeyBundle2).genuine(), "the old key during the overlap");
        byte[] newKeyBundle = TestBundles.revised(dev, "1.0.0", 3, List.of());
        prod.keys().retireOld(DEV, false);
        assertEquals("remote.retire-old-cert", prod.audit().list(AuditFilter.ALL).get(0).action());
        VerificationOutcome old = prod.imports().check(PROD, oldKeyBundle2);
        assertInstanceOf(VerificationOutcome.KeyRetired.class, old, old.sentence());
        assertTrue(old.sentence().startsWith("The bundle is signed with an earlier key of 'DevTest Space' (certificate " + oldCert.grouped()
                + "), replaced by a key rotation and no longer accepted here since "), old.sentence());
        assertTrue(prod.imports().importBundle(PROD, newKeyBundle, null, TestBundles.values()).imported(), "the new key");
        assertEquals("Remote space 'DevTest Space' has no earlier certificate in an overlap; nothing was changed.",
                assertThrows(Refusal.class, () -> prod.keys().retireOld(DEV, false)).getMessage());
    }

    @Test
    @Order(4)
    void afterDevTestsOverlapReceiptsToItsOldCertificateAreRefused() throws Exception {
        Instant now = prod.spaces().now();
        byte[] second = TestBundles.receipt(prod, PROD, DEV, new ReceiptContent(UUID.randomUUID(), PROD, DEV, 2, now,
                now.plus(Duration.ofDays(30)), List.of()));
        // Prod now knows DevTest's new certificate: a receipt to the old one has to be made by hand for this check.
        dev.close();
        prod.close();
        dev = later("network-a");
        prod = later("network-b");
        assertTrue(dev.receipts().importReceipt(DEV, second).accepted(), "addressed to the new certificate");
        byte[] toOld = receiptAddressedTo(oldCert, 3);
        VerificationOutcome o = dev.receipts().verify(DEV, write(toOld));
        var retired = assertInstanceOf(VerificationOutcome.AddressedToRetiredCertificate.class, o, o.sentence());
        assertEquals(oldCert, retired.target());
        assertTrue(o.sentence().contains(" is addressed to an earlier certificate of 'DevTest Space' (" + oldCert.grouped()
                + "), replaced by a key rotation and no longer accepted here since "), o.sentence());
    }

    /** The store in {@code dir} opened four days later (the same person). */
    private static AppContext later(String dir) {
        return new AppContext(Store.open(TestBundles.location(tmp.resolve(dir)), Clock.offset(Clock.systemUTC(), Duration.ofDays(4)),
                System.getProperty("user.name")));
    }

    /** A receipt of Prod for DevTest whose addressee is the certificate {@code to}, written with Prod's key. */
    private static byte[] receiptAddressedTo(Fingerprint to, long sequence) {
        Instant now = dev.spaces().now();
        byte[] der = dev.spaces().certificates(DEV).stream().filter(c -> c.info().fingerprint().equals(to)).findFirst().orElseThrow().der();
        var s = prod.spaces().find(PROD);
        try (var key = prod.store().read(tx -> BundleChecks.privateKey(prod.store(), tx, s))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            odcm.packaging.bundle.ReceiptWriter.write(new ReceiptContent(UUID.randomUUID(), PROD, DEV, sequence, now.minusSeconds(60),
                    now.plus(Duration.ofDays(30)), List.of()), new odcm.packaging.bundle.SourceKey(prod.spaces().certificate(PROD,
                    odcm.model.cert.CertificateFormat.DER), key), der, out);
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path write(byte[] bytes) throws java.io.IOException {
        Path f = java.nio.file.Files.createTempFile(tmp, "file", ".odcmreceipt");
        java.nio.file.Files.write(f, bytes);
        return f;
    }

    @Test
    @Order(5)
    void aCompromiseStatementStopsTheKeyAndNamesWhatWasAcceptedSince() {
        Instant from = Instant.now().minus(Duration.ofMinutes(30)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS); // before the new key's bundle was imported (Order 3)
        byte[] notYet = TestBundles.revised(dev, "1.0.0", 4, List.of());
        Path out = tmp.resolve("compromise.odcmkeys");
        assertTrue(assertThrows(Refusal.class, () -> dev.keys().declareCompromised(DEV, null, from, out, false)).getMessage()
                .contains("rotate the key first"), "not the key the space signs with");
        // The order of decision 0056: rotate, the other side imports the rotation, then the former key is declared compromised.
        byte[] second = rotate(dev, DEV, 3);
        Fingerprint third = dev.spaces().find(DEV).certificate().fingerprint();
        prod.keys().importStatement(DEV, second, third.hex());
        KeyStatement c = dev.keys().declareCompromised(DEV, newCert.hex(), from, out, false).statement();
        assertEquals(newCert, c.certificate());
        assertEquals("space.declare-compromised", dev.audit().list(AuditFilter.ALL).get(0).action());
        assertTrue(assertThrows(Refusal.class, () -> dev.keys().declareCompromised(DEV, newCert.hex(), from, tmp.resolve("again.odcmkeys"), false))
                .getMessage().contains("is already not trusted from"));
        assertFalse(java.nio.file.Files.exists(tmp.resolve("again.odcmkeys")), "a refusal writes no file");
        byte[] file = ReceiptServiceTest.read(out);
        KeyService.Imported imported = prod.keys().importStatement(DEV, file, null);
        assertEquals(1, imported.acceptedSince().size(), imported.sentence());
        assertEquals("bundle", imported.acceptedSince().get(0).kind());
        assertTrue(imported.sentence().contains("1 accepted since then: bundle "), imported.sentence());
        assertEquals("remote.compromise", prod.audit().list(AuditFilter.ALL).get(0).action());
        VerificationOutcome refused = prod.imports().check(PROD, notYet);
        var why = assertInstanceOf(VerificationOutcome.KeyCompromised.class, refused, refused.sentence());
        assertEquals(from, why.from());
        assertTrue(refused.sentence().contains("declared compromised from " + from), refused.sentence());
        assertTrue(refusedAtProd(() -> prod.keys().importStatement(DEV, file, null)).getMessage().contains("is already not trusted from"));
        // A store whose current key was declared compromised (before this was refused) signs nothing with it.
        prod.store().write(tx -> {
            var s = tx.spaces().findByName(PROD).orElseThrow();
            tx.spaces().setWindow(s.id(), tx.spaces().certificates(s.id()).get(0).id(), null, from);
            return null;
        });
        Refusal r = assertThrows(Refusal.class, () -> prod.receipts().create(PROD, DEV, tmp.resolve("r.odcmreceipt"), 30, false));
        assertTrue(r.getMessage().contains("was declared compromised from " + from + " on, so nothing signed with it is accepted; rotate the key first"),
                r.getMessage());
    }

    @Test
    @Order(6)
    void connectedSpacesInOneConsoleRotateInOneStep() {
        AppContext one = TestBundles.connected(tmp);
        try {
            byte[] before = TestBundles.bundle(one, "1.0.0", 1);
            KeyService.Rotated r = one.keys().rotate(DEV, 7, null, tmp.resolve("one-step.odcmkeys"), false);
            assertEquals(List.of("'" + PROD + "'"), r.followedBy());
            assertTrue(r.sentence().endsWith("the trusts of 'Prod Space' in this console follow at once."), r.sentence());
            assertTrue(one.imports().check(PROD, before).genuine(), "the old key during the overlap, no file imported");
            byte[] after = TestBundles.revised(one, "1.0.0", 2, List.of());
            assertTrue(one.imports().importBundle(PROD, after, null, TestBundles.values()).imported(), "the new key at once");
            one.keys().retireOld(DEV, true);
            assertEquals("space.retire-old-key", one.audit().list(AuditFilter.ALL).get(0).action());
            assertTrue(one.audit().list(AuditFilter.ALL).get(0).detail().contains("the former key is kept"));
            assertInstanceOf(VerificationOutcome.KeyRetired.class, one.imports().check(PROD, before));
        } finally {
            one.close();
        }
    }
}

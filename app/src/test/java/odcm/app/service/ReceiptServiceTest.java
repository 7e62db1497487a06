package odcm.app.service;

import static odcm.app.TestBundles.DEV;
import static odcm.app.TestBundles.PROD;
import static odcm.app.TestBundles.REMOTE_WEB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import odcm.app.TestBundles;
import odcm.model.Refusal;
import odcm.model.audit.AuditEntry;
import odcm.model.audit.AuditFilter;
import odcm.model.cert.CertificateFormat;
import odcm.model.trust.TrustKind;
import odcm.packaging.bundle.ReceiptContent;
import odcm.packaging.bundle.VerificationOutcome;
import odcm.packaging.bundle.VerificationOutcome.Kind;
import odcm.packaging.cert.KeyAlgorithm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deployment receipts between two separate stores: DevTest Space (network A) promotes Web 1.0.0 to Prod Space (network B)
 * as a bundle file; Prod imports and deploys it and writes receipts back; DevTest accepts them with a trust of kind
 * deployment receipts.
 */
class ReceiptServiceTest {
    static final String QA = "QA Space";
    @TempDir
    Path tmp;
    AppContext dev;
    AppContext prod;
    UUID bundleId;

    @BeforeEach
    void networks() {
        AppContext[] both = TestBundles.twoNetworks(tmp);
        dev = both[0];
        prod = both[1];
        dev.trusts().add(DEV, PROD, TrustKind.DEPLOYMENT_RECEIPTS);
        TestBundles.throughTest(dev, "1.0.0");
        Path bundle = tmp.resolve("web.odcmbundle");
        bundleId = dev.bundles().create(DEV, "Web", "1.0.0", PROD, bundle, 30, false).entry().bundleId();
        assertTrue(prod.imports().importBundle(PROD, read(bundle), null, TestBundles.values()).imported());
    }

    @AfterEach
    void close() {
        dev.close();
        prod.close();
    }

    static byte[] read(Path f) {
        try {
            return Files.readAllBytes(f);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void deploy(String environment, boolean succeeded) {
        prod.deployments().deploy(PROD, REMOTE_WEB, "1.0.0", environment, succeeded);
    }

    private Path receipt(String name) {
        Path f = tmp.resolve(name);
        prod.receipts().create(PROD, DEV, f, 30, false);
        return f;
    }

    /** A receipt with these deployments, signed by {@code signer} of network B for DevTest, valid for an hour. */
    private byte[] signed(String signer, long sequence, ReceiptContent.Deployment... deployments) {
        Instant now = prod.spaces().now();
        return TestBundles.receipt(prod, signer, DEV, new ReceiptContent(UUID.randomUUID(), signer, DEV, sequence, now, now.plusSeconds(3600),
                List.of(deployments)));
    }

    private List<String> known() {
        return dev.receipts().known(DEV).stream().map(k -> k.project() + " " + k.version() + " " + k.where() + " "
                + (k.succeeded() ? "SUCCEEDED" : "FAILED")).toList();
    }

    /** What a refused import must leave as it was in DevTest's store. */
    private List<Object> devState() {
        List<Object> s = new ArrayList<>();
        s.add(dev.receipts().known(DEV));
        s.add(dev.audit().list(AuditFilter.ALL).size());
        s.add(dev.store().read(tx -> tx.receipts().acceptedIds(dev.spaces().find(DEV).id())));
        return s;
    }

    private Refusal refusedAtDev(byte[] receipt) {
        List<Object> before = devState();
        Refusal r = assertThrows(Refusal.class, () -> dev.receipts().importReceipt(DEV, receipt));
        assertEquals(before, devState(), "a refused receipt changes nothing");
        return r;
    }

    @Test
    void aReceiptCarriesTheOutcomesBackAcrossTheAirGap() {
        deploy("Staging", false);
        deploy("Staging", true);
        deploy("Production", true);
        ReceiptService.Created c = prod.receipts().create(PROD, DEV, tmp.resolve("back.odcmreceipt"), 30, false);
        assertEquals(1, c.entry().sequence());
        assertEquals(2, c.entry().deployments(), "the latest per environment: Staging (succeeded after failing) and Production");
        assertEquals(BundleService.sha256(read(tmp.resolve("back.odcmreceipt"))), c.entry().fileSha256());
        assertEquals("receipt.create", prod.audit().list(AuditFilter.ALL).get(0).action());
        assertEquals(List.of(DEV), prod.receipts().outbox(PROD).stream().map(w -> w.forSpaceName()).toList());

        var g = assertInstanceOf(VerificationOutcome.GenuineReceipt.class, dev.receipts().verify(DEV, tmp.resolve("back.odcmreceipt")));
        assertEquals(List.of("Web"), g.content().deployments().stream().map(ReceiptContent.Deployment::project).distinct().toList(),
                "the project's name in the space it came from");
        assertEquals(List.of(bundleId), g.content().deployments().stream().map(ReceiptContent.Deployment::bundleId).distinct().toList());
        assertTrue(known().isEmpty(), "verifying writes nothing");

        // Cancelled after the first deployment was recorded (decision 0052): the transaction rolls it back.
        long auditBefore = dev.audit().lastSeq();
        List<String> steps = new java.util.ArrayList<>();
        Refusal cancelled = assertThrows(Refusal.class, () -> dev.receipts().importReceipt(DEV, tmp.resolve("back.odcmreceipt"), false, (d, t, w) -> {
            steps.add(d + "/" + t + " " + w);
            if (d == 1) {
                throw new odcm.model.Progress.Cancelled();
            }
        }));
        assertEquals("Cancelled; nothing was changed.", cancelled.getMessage());
        assertEquals(List.of("0/0 Checking the receipt's signature and contents", "0/2 Recording the deployments", "1/2 Recording the deployments"), steps);
        assertTrue(known().isEmpty(), "no deployment recorded");
        assertEquals(auditBefore, dev.audit().lastSeq(), "no audit entry");

        ReceiptService.Result r = dev.receipts().importReceipt(DEV, tmp.resolve("back.odcmreceipt"));
        assertEquals("Accepted receipt 1 from 'Prod Space' into 'DevTest Space': 2 deployments reported, 2 new.", r.sentence());
        assertEquals(List.of("Web 1.0.0 Prod Space: Production SUCCEEDED", "Web 1.0.0 Prod Space: Staging SUCCEEDED"), known());
        AuditEntry a = dev.audit().list(AuditFilter.ALL).get(0);
        assertEquals("receipt.import", a.action());
        assertTrue(a.detail().contains("2 deployments reported, 2 new"), a.detail());
        assertTrue(dev.audit().verify().isIntact());
    }

    @Test
    void receiptsAreCumulativeAndTheSameOneAgainIsSaidSo() {
        deploy("Staging", true);
        Path first = receipt("1.odcmreceipt");
        assertEquals(1, dev.receipts().importReceipt(DEV, first).recorded());
        deploy("Production", false);
        Path second = receipt("2.odcmreceipt");
        ReceiptService.Result r = dev.receipts().importReceipt(DEV, second);
        assertEquals("Accepted receipt 2 from 'Prod Space' into 'DevTest Space': 2 deployments reported, 1 new (the others were known "
                + "already, or older than what is known).", r.sentence());
        assertEquals(List.of("Web 1.0.0 Prod Space: Production FAILED", "Web 1.0.0 Prod Space: Staging SUCCEEDED"), known());

        List<Object> before = devState();
        ReceiptService.Result again = dev.receipts().importReceipt(DEV, second);
        assertFalse(again.accepted());
        assertTrue(again.sentence().endsWith("was already accepted by 'DevTest Space'; nothing was changed."), again.sentence());
        assertEquals(before, devState());
    }

    @Test
    void anOlderReceiptAfterANewerOneIsRefusedAsARollback() {
        deploy("Staging", true);
        Path first = receipt("1.odcmreceipt");
        deploy("Production", true);
        dev.receipts().importReceipt(DEV, receipt("2.odcmreceipt"));
        Refusal r = refusedAtDev(read(first));
        assertEquals("This receipt has sequence number 1, but number 2 from the same source was already accepted: an older receipt cannot "
                + "replace a newer one.", r.getMessage());
    }

    @Test
    void anOlderDeploymentNeverOverwritesANewerOne() {
        deploy("Staging", true);
        deploy("Production", true);
        dev.receipts().importReceipt(DEV, receipt("1.odcmreceipt"));
        Instant now = prod.spaces().now();
        // A newer receipt (sequence 2) that reports an older, failed deployment to Production: signed by Prod, but stale.
        byte[] stale = signed(PROD, 2, new ReceiptContent.Deployment(bundleId, "Web", "1.0.0", "Production", "FAILED", now.minusSeconds(86_400), "ops"));
        ReceiptService.Result r = dev.receipts().importReceipt(DEV, stale);
        assertEquals(0, r.recorded());
        assertTrue(r.sentence().contains("1 deployment reported, 0 new"), r.sentence());
        assertEquals(List.of("Web 1.0.0 Prod Space: Production SUCCEEDED", "Web 1.0.0 Prod Space: Staging SUCCEEDED"), known());
    }

    @Test
    void aReceiptAboutAReleaseThisSpaceDoesNotKnowIsRefusedWhole() {
        deploy("Staging", true);
        Instant now = prod.spaces().now();
        UUID unknown = UUID.fromString("00000000-0000-4000-8000-000000000001");
        byte[] receipt = signed(PROD, 1, new ReceiptContent.Deployment(bundleId, "Web", "1.0.0", "Staging", "SUCCEEDED", now, "ops"),
                        new ReceiptContent.Deployment(unknown, "Web Shop", "1.2.0", "Production", "SUCCEEDED", now, "ops"));
        assertEquals("The receipt from 'Prod Space' reports release 1.2.0 of Web Shop (bundle " + unknown + "), which this space does not "
                + "know: it never sent that bundle. Nothing was recorded.", refusedAtDev(receipt).getMessage());
        byte[] wrongVersion = signed(PROD, 1, new ReceiptContent.Deployment(bundleId, "Web", "9.9.9", "Staging", "SUCCEEDED", now, "ops"));
        assertEquals("The receipt from 'Prod Space' says bundle " + bundleId + " held release 9.9.9 of Web, but it held release 1.0.0 of Web. "
                + "Nothing was recorded.", refusedAtDev(wrongVersion).getMessage());
    }

    @Test
    void aReceiptSignedByASpaceThatWasNotTheReleasesTargetIsRefused() {
        // QA Space, in network B too, is trusted by DevTest for receipts, but DevTest sent the bundle to Prod Space.
        prod.spaces().create(QA, "", KeyAlgorithm.EC_P256);
        odcm.app.ui.TestStores.addConfirmedRemote(dev, QA, prod.spaces().certificate(QA, CertificateFormat.PEM));
        dev.trusts().add(DEV, QA, TrustKind.DEPLOYMENT_RECEIPTS);
        Instant now = prod.spaces().now();
        byte[] receipt = signed(QA, 1, new ReceiptContent.Deployment(bundleId, "Web", "1.0.0", "Production", "SUCCEEDED", now, "ops"));
        assertEquals("The receipt from 'QA Space' names bundle " + bundleId + ", which this space never sent to 'QA Space' (it went to "
                + "'Prod Space'). Nothing was recorded.", refusedAtDev(receipt).getMessage());
    }

    @Test
    void aReceiptNeedsATrustForReceiptsNotForBundles() {
        deploy("Staging", true);
        Path f = receipt("1.odcmreceipt");
        dev.trusts().revoke(DEV, PROD, TrustKind.DEPLOYMENT_RECEIPTS, "test");
        VerificationOutcome o = dev.receipts().verify(DEV, f);
        assertInstanceOf(VerificationOutcome.TrustRevoked.class, o);
        assertEquals(o.sentence(Kind.DEPLOYMENT_RECEIPT), refusedAtDev(read(f)).getMessage());
        assertTrue(o.sentence(Kind.DEPLOYMENT_RECEIPT).contains("for deployment receipts was revoked"), o.sentence(Kind.DEPLOYMENT_RECEIPT));
    }

    @Test
    void creatingRefusesASpaceNoBundleCameFromAndKeepsNoFile() {
        Path f = tmp.resolve("none.odcmreceipt");
        prod.spaces().create(QA, "", KeyAlgorithm.EC_P256);
        int audit = prod.audit().list(AuditFilter.ALL).size();
        assertEquals("'Prod Space' has received no release bundles from 'QA Space', so it has nothing to report there: a receipt goes back "
                + "to the space a release came from.", assertThrows(Refusal.class, () -> prod.receipts().create(PROD, QA, f, 30, false)).getMessage());
        assertEquals("There is no space named 'Nowhere'.",
                assertThrows(Refusal.class, () -> prod.receipts().create(PROD, "Nowhere", f, 30, false)).getMessage());
        assertEquals("A receipt stays valid for 1 to 365 days; 0 is not in that range.",
                assertThrows(Refusal.class, () -> prod.receipts().create(PROD, DEV, f, 0, false)).getMessage());
        assertFalse(Files.exists(f));
        assertEquals(audit, prod.audit().list(AuditFilter.ALL).size());
        assertTrue(prod.receipts().outbox(PROD).isEmpty());
        assertEquals(List.of(DEV), prod.receipts().sources(PROD));
    }

    @Test
    void anEmptyReceiptSaysNothingWasDeployedYetAndOverwritingNeedsForce() throws Exception {
        Path f = tmp.resolve("empty.odcmreceipt");
        ReceiptService.Created c = prod.receipts().create(PROD, DEV, f, 30, false);
        assertEquals("Wrote " + f.toAbsolutePath() + ": receipt 1 for 'DevTest Space' reporting no deployment yet (it says that nothing was "
                + "deployed so far).", c.sentence());
        assertTrue(assertThrows(Refusal.class, () -> prod.receipts().create(PROD, DEV, f, 30, false)).getMessage().endsWith("already exists; "
                + "choose another file name, or replace it on purpose (--force)."));
        assertEquals(1, prod.receipts().outbox(PROD).size(), "the refused one used no number");
        assertEquals(2, prod.receipts().create(PROD, DEV, f, 30, true).entry().sequence());
        assertEquals("Accepted receipt 2 from 'Prod Space' into 'DevTest Space': 0 deployments reported, 0 new.",
                dev.receipts().importReceipt(DEV, f).sentence());
    }

    @Test
    void connectedSpacesReportDeploymentsDirectlyOnlyWithATrustForReceipts() {
        try (AppContext one = TestBundles.connected(tmp)) {
            Path bundle = tmp.resolve("connected.odcmbundle");
            TestBundles.throughTest(one, "1.0.0");
            one.bundles().create(DEV, "Web", "1.0.0", PROD, bundle, 30, false);
            one.imports().importBundle(PROD, read(bundle), null, TestBundles.values());
            one.deployments().deploy(PROD, REMOTE_WEB, "1.0.0", "Staging", true);
            assertTrue(one.receipts().known(DEV).isEmpty(), "without a trust for receipts nothing flows back");

            one.trusts().add(DEV, PROD, TrustKind.DEPLOYMENT_RECEIPTS);
            int audit = one.audit().list(AuditFilter.ALL).size();
            one.deployments().deploy(PROD, REMOTE_WEB, "1.0.0", "Production", true);
            List<ReceiptService.Known> known = one.receipts().known(DEV);
            assertEquals(List.of("Web 1.0.0 Prod Space: Production directly"), known.stream()
                    .map(k -> k.project() + " " + k.version() + " " + k.where() + " " + k.via()).toList());
            assertEquals(List.of("deployment.report", "deployment.record"),
                    one.audit().list(AuditFilter.ALL).subList(0, 2).stream().map(AuditEntry::action).toList());
            assertEquals(audit + 2, one.audit().list(AuditFilter.ALL).size());
        }
    }
}

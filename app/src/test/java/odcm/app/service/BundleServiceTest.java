package odcm.app.service;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import odcm.app.service.BundleService.Promoted;
import odcm.app.service.BundleService.Target;
import odcm.app.ui.TestStores;
import odcm.model.Refusal;
import odcm.model.cert.CertificateFormat;
import odcm.model.cert.Fingerprint;
import odcm.model.lifecycle.LifecycleDraft;
import odcm.model.project.Variable;
import odcm.model.trust.TrustKind;
import odcm.packaging.bundle.BundleInspector;
import odcm.packaging.bundle.VerificationOutcome;
import odcm.packaging.bundle.VerificationOutcome.Genuine;
import odcm.packaging.cert.KeyAlgorithm;
import odcm.persistence.bundle.BundleRepository.OutboxEntry;
import org.junit.jupiter.api.Test;

class BundleServiceTest extends BundleFixture {

    private void roundTrip(KeyAlgorithm dev, KeyAlgorithm prod) throws Exception {
        promotable(dev, prod);
        Path file = out("web.odcmbundle");
        Promoted p = ctx.bundles().create(DEV, "Web", "1.0.0", PROD, file, 30, false);
        assertArrayEquals(Files.readAllBytes(file), p.bytes());
        assertEquals(Fingerprint.ofDigest(java.security.MessageDigest.getInstance("SHA-256").digest(p.bytes())), p.fingerprint());
        assertEquals(1, p.entry().sequence());
        assertFalse(Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1).contains(SECRET), "the secret is encrypted");

        Genuine g = assertInstanceOf(Genuine.class, ctx.bundles().verify(PROD, file));
        assertFalse(g.secretsOpened());
        assertEquals("", sensitive(g).value(), "sealed until revealed");
        assertEquals(ctx.releases().find(DEV, "Web", "1.0.0").snapshot().process(), g.content().snapshot().process());

        int audit = audit().size();
        Genuine opened = assertInstanceOf(Genuine.class, ctx.bundles().reveal(PROD, file));
        assertEquals(SECRET, sensitive(opened).value());
        assertEquals(audit + 1, audit().size());
        assertEquals("bundle.reveal", lastAudit().action());
        assertFalse(lastAudit().detail().contains(SECRET));

        assertEquals("bundle.create", audit().stream().filter(a -> a.action().equals("bundle.create")).findFirst().orElseThrow().action());
        Promoted second = ctx.bundles().create(DEV, "Web", "1.0.0", PROD, out("web2.odcmbundle"), 30, false);
        assertEquals(2, second.entry().sequence(), "sequence per (source, target)");
        List<OutboxEntry> outbox = ctx.bundles().outbox(DEV);
        assertEquals(List.of(2L, 1L), outbox.stream().map(OutboxEntry::sequence).toList());
        assertEquals(file.toAbsolutePath().toString(), outbox.get(1).fileName());
        assertEquals(p.entry().fileSha256(), outbox.get(1).fileSha256());
    }

    private static Variable sensitive(Genuine g) {
        return g.content().snapshot().variables().stream().filter(Variable::sensitive).findFirst().orElseThrow();
    }

    @Test
    void roundTripEcToEc() throws Exception {
        roundTrip(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P256);
    }

    @Test
    void roundTripRsaToEc() throws Exception {
        roundTrip(KeyAlgorithm.RSA_3072, KeyAlgorithm.EC_P256);
    }

    @Test
    void roundTripEcToRsa() throws Exception {
        roundTrip(KeyAlgorithm.EC_P256, KeyAlgorithm.RSA_3072);
    }

    @Test
    void roundTripBetweenTwoStoresAcrossAnAirGap() throws Exception {
        try (AppContext a = TestStores.open(tmp, "network-a"); AppContext b = TestStores.open(tmp, "network-b")) {
            a.spaces().create(DEV, "", KeyAlgorithm.RSA_3072);
            b.spaces().create(PROD, "", KeyAlgorithm.EC_P256);
            // The certificates are carried across; each side confirms the other's fingerprint.
            TestStores.addConfirmedRemote(a, PROD, b.spaces().certificate(PROD, CertificateFormat.PEM));
            TestStores.addConfirmedRemote(b, DEV, a.spaces().certificate(DEV, CertificateFormat.PEM));
            b.trusts().add(PROD, DEV, TrustKind.RELEASE_BUNDLES);
            a.environments().create(DEV, "Development", "");
            a.environments().create(DEV, "Test", "");
            a.environments().createRemote(DEV, PROD, "Production");
            a.lifecycles().create(DEV, mainLifecycle());
            a.projects().create(DEV, webProject());
            a.releases().create(DEV, "Web", "1.0.0", "first", null, webPackages("1.0.0"));
            a.deployments().deploy(DEV, "Web", "1.0.0", "Development", true); // the phases before the promotion (decision 0045)
            a.deployments().deploy(DEV, "Web", "1.0.0", "Test", true);

            Path file = tmp.resolve("carried.odcmbundle");
            a.bundles().create(DEV, "Web", "1.0.0", PROD, file, 30, false);
            Genuine g = assertInstanceOf(Genuine.class, b.bundles().verify(PROD, file));
            assertEquals(DEV, g.content().sourceSpace());
            Genuine opened = assertInstanceOf(Genuine.class, b.bundles().reveal(PROD, file));
            assertEquals(a.releases().find(DEV, "Web", "1.0.0").snapshot().variables(), opened.content().snapshot().variables(),
                    "every value arrives, the sensitive ones decrypted");
        }
    }

    @Test
    void connectedDeliveryIsCheckedByTheTargetLikeAFile() {
        promotable(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P256);
        prodLifecycle(); // the import needs a lifecycle of Prod's own (this test predates the import wiring)
        BundleService.Delivered d = ctx.bundles().deliver(DEV, "Web", "1.0.0", PROD, 30);
        Genuine g = assertInstanceOf(Genuine.class, d.verified());
        assertTrue(g.secretsOpened());
        assertTrue(d.imported().imported(), d.sentence());
        assertEquals("1.0.0", ctx.releases().find(PROD, DEV + ": Web", "1.0.0").version(), "imported as the remote project");
        OutboxEntry e = ctx.bundles().outbox(DEV).get(0);
        assertTrue(e.deliveredDirectly());
        String created = audit().stream().filter(a -> a.action().equals("bundle.create")).findFirst().orElseThrow().detail();
        assertTrue(created.contains("delivered directly"), created);
        assertEquals("release.import", lastAudit().action(), "then imported in the same transaction");
    }

    @Test
    void connectedDeliveryRefusedByTheTargetRecordsNothing() {
        promotable(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P256);
        ctx.trusts().revoke(PROD, DEV, TrustKind.RELEASE_BUNDLES, "audit finding");
        int audit = audit().size();
        Refusal r = assertThrows(Refusal.class, () -> ctx.bundles().deliver(DEV, "Web", "1.0.0", PROD, 30));
        assertTrue(r.getMessage().startsWith("'Prod Space' refused the bundle, so nothing was recorded: This space's trust in 'DevTest Space'"),
                r.getMessage());
        assertEquals(List.of(), ctx.bundles().outbox(DEV));
        assertEquals(audit, audit().size());
    }

    @Test
    void targetsAreThePromotionsOfTheProjectsLifecycle() {
        promotable(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P256);
        List<Target> t = ctx.bundles().targets(DEV, "Web");
        assertEquals(List.of(PROD), t.stream().map(Target::name).toList());
        assertTrue(t.get(0).local() && t.get(0).available());
    }

    @Test
    void refusesATargetTheLifecycleDoesNotPromoteTo() {
        promotable(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P256);
        local(QA);
        refused("Project 'Web' of 'DevTest Space' does not promote to 'QA Space': its lifecycle 'Main' promotes to 'Prod Space'.",
                () -> promote(QA, "qa.odcmbundle"));
        refused("Project 'Web' of 'DevTest Space' does not promote to 'Nowhere': its lifecycle 'Main' promotes to 'Prod Space'.",
                () -> promote("Nowhere", "x.odcmbundle"));
        assertFalse(Files.exists(out("qa.odcmbundle")));
    }

    @Test
    void refusesARemoteTargetWhoseFingerprintIsNotConfirmed() {
        open();
        local(DEV);
        byte[] der = odcm.packaging.cert.Certificates.generate(PROD, KeyAlgorithm.EC_P256, java.time.Instant.now()).certificateDer();
        ctx.remotes().add(PROD, "", der, null);
        ctx.environments().create(DEV, "Development", "");
        ctx.environments().create(DEV, "Test", "");
        ctx.environments().createRemote(DEV, PROD, "Production");
        ctx.lifecycles().create(DEV, mainLifecycle());
        ctx.projects().create(DEV, webProject());
        ctx.releases().create(DEV, "Web", "1.0.0", "", null, webPackages("1.0.0"));
        throughTheEarlierPhases("1.0.0");
        assertFalse(ctx.bundles().targets(DEV, "Web").get(0).available());
        refused("The fingerprint of remote space 'Prod Space' has not been confirmed with the other side; confirm it first, or the "
                + "release's secrets could be encrypted for an impostor.", () -> promote(PROD, "web.odcmbundle"));
        assertFalse(Files.exists(out("web.odcmbundle")));
    }

    @Test
    void refusesWhileTheSourceOrTargetCertificateIsNotValidNow() {
        promotable(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P256);
        ctx.close();
        // Ten years on: every certificate made today has expired.
        ctx = new AppContext(odcm.persistence.Store.open(location(), java.time.Clock.offset(java.time.Clock.systemUTC(),
                java.time.Duration.ofDays(3700 * 3)), System.getProperty("user.name"))); // the same person, ten years on (roles, decision 0041)
        Refusal r = assertThrows(Refusal.class, () -> promote(PROD, "late.odcmbundle"));
        // The source's own first: every target would refuse what it signs.
        assertTrue(r.getMessage().startsWith("The certificate of local space '" + DEV + "' is not valid now (valid "), r.getMessage());
        assertTrue(r.getMessage().endsWith("before promoting from it (its targets refuse a bundle signed with a certificate that is not valid)."),
                r.getMessage());
        assertFalse(Files.exists(out("late.odcmbundle")));
        assertFalse(ctx.bundles().targets(DEV, "Web").get(0).available()); // and the target's own is said in the Promote dialog
    }

    @Test
    void refusesToOverwriteAFileUnlessAskedTo() throws Exception {
        promotable(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P256);
        Path file = Files.writeString(out("taken.odcmbundle"), "keep me");
        refused(file.toAbsolutePath() + " already exists; choose another file name, or replace it on purpose (--force).",
                () -> promote(PROD, "taken.odcmbundle"));
        assertEquals("keep me", Files.readString(file));
        ctx.bundles().create(DEV, "Web", "1.0.0", PROD, file, 30, true);
        assertInstanceOf(Genuine.class, ctx.bundles().verify(PROD, file));
    }

    @Test
    void aFailedWriteRecordsNothing() {
        promotable(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P256);
        Path nowhere = tmp.resolve("no-such-folder").resolve("web.odcmbundle");
        refused("The folder " + nowhere.getParent().toAbsolutePath() + " does not exist.",
                () -> ctx.bundles().create(DEV, "Web", "1.0.0", PROD, nowhere, 30, false));
        assertEquals(List.of(), ctx.bundles().outbox(DEV));
        assertEquals(1, ctx.bundles().create(DEV, "Web", "1.0.0", PROD, out("web.odcmbundle"), 30, false).entry().sequence(),
                "the refused attempt used no sequence number");
    }

    @Test
    void validityIsOneToThreeHundredSixtyFiveDays() {
        promotable(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P256);
        refused("A bundle stays valid for 1 to 365 days; 0 is not in that range.",
                () -> ctx.bundles().create(DEV, "Web", "1.0.0", PROD, out("a.odcmbundle"), 0, false));
        refused("A bundle stays valid for 1 to 365 days; 366 is not in that range.",
                () -> ctx.bundles().create(DEV, "Web", "1.0.0", PROD, out("a.odcmbundle"), 366, false));
        var e = ctx.bundles().create(DEV, "Web", "1.0.0", PROD, out("a.odcmbundle"), 7, false).entry();
        assertEquals(java.time.Duration.ofDays(7), java.time.Duration.between(e.created(), e.expires()));
    }

    @Test
    void withoutTheMasterKeyNothingIsWritten() throws Exception {
        promotable(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P256);
        ctx.close();
        try (var keys = Files.list(tmp.resolve("keys"))) {
            for (Path k : keys.toList()) {
                Files.delete(k);
            }
        }
        open();
        Refusal r = assertThrows(Refusal.class, () -> promote(PROD, "web.odcmbundle"));
        assertTrue(r.getMessage().startsWith("The master key of this store is missing"), r.getMessage());
        assertFalse(Files.exists(out("web.odcmbundle")));
        assertEquals(List.of(), ctx.bundles().outbox(DEV));
    }

    @Test
    void inspectReadsAnyBundleWithoutAStoreAndSaysNothingOfTrust() {
        promotable(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P256);
        promote(PROD, "web.odcmbundle");
        var u = assertInstanceOf(BundleInspector.Unverified.class, BundleService.inspect(out("web.odcmbundle")));
        assertEquals(DEV, u.sourceSpace());
        assertEquals(PROD, u.targetSpace());
        assertEquals(1, u.sequence());
        var bad = assertInstanceOf(BundleInspector.Unreadable.class, BundleService.inspect(file("junk.odcmbundle", new byte[] {1, 2, 3})));
        assertInstanceOf(VerificationOutcome.Malformed.class, bad.outcome());
    }

    @Test
    void suggestedFileNamesAreSafe() {
        assertEquals("Web-1.0.0-to-Prod-Space.odcmbundle", BundleService.suggestedFileName("Web", "1.0.0", "Prod Space"));
        assertEquals("a-b-1-to-x-y.odcmbundle", BundleService.suggestedFileName("../a/b", "1", "x:\\y"));
    }
}

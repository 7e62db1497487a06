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
import odcm.model.cert.Fingerprint;
import odcm.model.trust.TrustKind;
import odcm.packaging.bundle.BundleFiles;
import odcm.packaging.bundle.BundleFormat;
import odcm.packaging.bundle.BundleInspector;
import odcm.packaging.bundle.Limits;
import odcm.packaging.bundle.VerificationOutcome;
import odcm.packaging.bundle.VerificationOutcome.*;
import odcm.packaging.cert.KeyAlgorithm;
import odcm.persistence.Store;
import odcm.persistence.bundle.BundleRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One test per outcome of checking a bundle (issue 4, point 3) and per hazard of a hostile file (point 4), through the
 * app's service on a real store. Each asserts the exact outcome and that nothing changed: no row, no audit entry, no file.
 */
class BundleVerificationTest extends BundleFixture {
    private byte[] bundle;

    @BeforeEach
    void promoted() {
        promotable(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P256);
        bundle = promote(PROD, "web.odcmbundle");
    }

    /** Writes {@code bytes} as a file and verifies it as {@code space} sees it, asserting nothing changed. */
    private VerificationOutcome verify(String space, byte[] bytes) {
        Path f = file("checked.odcmbundle", bytes);
        return unchanged(() -> ctx.bundles().verify(space, f));
    }

    private VerificationOutcome verifyWithLimits(byte[] bytes, Limits limits) {
        Path f = file("checked.odcmbundle", bytes);
        return unchanged(() -> new BundleService(ctx.store(), limits).verify(PROD, f));
    }

    private Map<String, byte[]> entries() {
        return new LinkedHashMap<>(BundleFiles.unzip(bundle));
    }

    private Fingerprint fingerprint(String space) {
        return ctx.spaces().find(space).certificate().fingerprint();
    }

    private UUID bundleId() {
        return ctx.bundles().outbox(DEV).get(ctx.bundles().outbox(DEV).size() - 1).bundleId();
    }

    private static byte[] editManifest(Map<String, byte[]> e, String from, String to) {
        String m = new String(e.get(BundleFormat.MANIFEST), StandardCharsets.UTF_8);
        assertTrue(m.contains(from), m);
        e.put(BundleFormat.MANIFEST, m.replace(from, to).getBytes(StandardCharsets.UTF_8));
        return BundleFiles.zip(e);
    }

    /** A part changed and signed again by DevTest's own key: the signer vouches for it, the strict reader still refuses it. */
    private byte[] signedPart(String part, UnaryOperator<String> edit) {
        Map<String, byte[]> e = entries();
        e.put(part, edit.apply(new String(e.get(part), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        return BundleFiles.resign(e, devCertificate(), devKey(), null);
    }

    private static UnsafeContainer unsafe(VerificationOutcome o, String phrase) {
        UnsafeContainer u = assertInstanceOf(UnsafeContainer.class, o, o.sentence());
        assertTrue(u.sentence().contains(phrase), u.sentence());
        return u;
    }

    private byte[] withEntry(String name, byte[] content) {
        Map<String, byte[]> e = entries();
        e.put(name, content);
        return BundleFiles.zip(e);
    }

    // ---- point 3: outcomes ----

    @Test
    void genuine() {
        Genuine g = assertInstanceOf(Genuine.class, verify(PROD, bundle));
        assertEquals(fingerprint(DEV), g.source());
        assertFalse(g.secretsOpened());
    }

    @Test
    void signatureInvalid() {
        assertInstanceOf(SignatureInvalid.class, verify(PROD, editManifest(entries(), "\"sequence\":1,", "\"sequence\":9,")));
    }

    @Test
    void signerNotTrusted() {
        local(QA);
        SignerNotTrusted o = assertInstanceOf(SignerNotTrusted.class, verify(QA, bundle));
        assertEquals(DEV, o.sourceSpace());
        assertEquals(fingerprint(DEV), o.claimed());
    }

    @Test
    void trustRevoked() {
        ctx.trusts().revoke(PROD, DEV, TrustKind.RELEASE_BUNDLES, "key compromised");
        TrustRevoked o = assertInstanceOf(TrustRevoked.class, verify(PROD, bundle));
        assertEquals(fingerprint(DEV), o.source());
    }

    @Test
    void addressedToAnotherSpace() {
        local(QA);
        ctx.trusts().add(QA, DEV, TrustKind.RELEASE_BUNDLES);
        AddressedToAnotherSpace o = assertInstanceOf(AddressedToAnotherSpace.class, verify(QA, bundle));
        assertEquals(PROD, o.targetSpace());
        assertEquals(fingerprint(PROD), o.target());
    }

    @Test
    void expired() {
        byte[] shortLived = ctx.bundles().create(DEV, "Web", "1.0.0", PROD, out("short.odcmbundle"), 1, false).bytes();
        var expires = ctx.bundles().outbox(DEV).get(0).expires();
        opener = () -> new AppContext(Store.open(location(), Clock.offset(Clock.systemUTC(), Duration.ofDays(2)), System.getProperty("user.name"))); // the same person, later
        Expired o = assertInstanceOf(Expired.class, verify(PROD, shortLived));
        assertEquals(expires, o.expires());
    }

    @Test
    void unsupportedSchemaVersion() {
        UnsupportedSchema o = assertInstanceOf(UnsupportedSchema.class, verify(PROD, editManifest(entries(), "\"schemaVersion\":1", "\"schemaVersion\":2")));
        assertEquals("2", o.found());
        assertEquals(List.of(1), o.supported());
    }

    @Test
    void partMissing() {
        Map<String, byte[]> e = entries();
        e.remove(BundleFormat.HISTORY);
        assertEquals(new PartMissing(BundleFormat.HISTORY), verify(PROD, BundleFiles.zip(e)));
    }

    @Test
    void partExtra() {
        assertEquals(new PartExtra("readme.txt"), verify(PROD, withEntry("readme.txt", "hello".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void partNotMatchingItsHash() {
        Map<String, byte[]> e = entries();
        e.put(BundleFormat.PACKAGES, new String(e.get(BundleFormat.PACKAGES), StandardCharsets.UTF_8).replace("1.0.0", "6.6.6")
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(new PartHashMismatch(BundleFormat.PACKAGES), verify(PROD, BundleFiles.zip(e)));
    }

    @Test
    void partsOfTwoBundlesMixed() {
        byte[] other = promote(PROD, "other.odcmbundle");
        UUID otherId = ctx.bundles().outbox(DEV).get(0).bundleId();
        Map<String, byte[]> e = entries();
        e.put(BundleFormat.RELEASE, BundleFiles.unzip(other).get(BundleFormat.RELEASE));
        assertEquals(new MixedBundles(BundleFormat.RELEASE, otherId.toString()), verify(PROD, BundleFiles.zip(e)));
    }

    /** Import is built elsewhere; here the accepted row is put in place as the import will record it. */
    private void accepted(UUID bundleId, long sequence) {
        ctx.store().write(tx -> {
            long prod = tx.spaces().findByName(PROD).orElseThrow().id();
            long dev = tx.spaces().findByName(DEV).orElseThrow().id();
            long release = ctx.releases().find(DEV, "Web", "1.0.0").id(); // any release row: the import will create Prod's own
            tx.bundles().insertAccepted(new BundleRepository.Accepted(bundleId, prod, dev, fingerprint(DEV), sequence, release,
                    ctx.store().clock().instant()));
            return null;
        });
    }

    @Test
    void theSameBundleAgainIsANoOp() {
        UUID id = bundleId();
        accepted(id, 1);
        AlreadyAccepted o = assertInstanceOf(AlreadyAccepted.class, verify(PROD, bundle));
        assertEquals(id, o.bundleId());
        assertTrue(o.sentence().contains("nothing more to do"));
    }

    @Test
    void rollbackToAnOlderSequence() {
        promote(PROD, "newer.odcmbundle");
        accepted(ctx.bundles().outbox(DEV).get(0).bundleId(), 2);
        assertEquals(new Rollback(1, 2), verify(PROD, bundle));
    }

    @Test
    void disallowedAlgorithm() {
        byte[] sha512 = BundleFiles.resign(entries(), devCertificate(), devKey(), "SHA512withECDSA");
        DisallowedAlgorithm o = assertInstanceOf(DisallowedAlgorithm.class, verify(PROD, sha512));
        assertEquals("digest SHA512 (2.16.840.1.101.3.4.2.3)", o.what());
    }

    // ---- point 4: hostile files ----

    @Test
    void zipSlipName() {
        unsafe(verify(PROD, withEntry("../evil.json", new byte[] {1})), "unsafe name (../evil.json)");
    }

    @Test
    void absoluteName() {
        unsafe(verify(PROD, withEntry("/etc/cron.d/x", new byte[] {1})), "unsafe name (/etc/cron.d/x)");
    }

    @Test
    void backslashName() {
        unsafe(verify(PROD, withEntry("..\\evil.json", new byte[] {1})), "unsafe name (..\\evil.json)");
    }

    @Test
    void duplicateName() {
        byte[] twice = BundleFiles.patchName(withEntry("releasX.json", entries().get(BundleFormat.RELEASE)), "releasX.json", "release.json");
        unsafe(verify(PROD, twice), "holds the name release.json twice");
    }

    @Test
    void duplicateNameDifferingInCase() {
        unsafe(verify(PROD, withEntry("RELEASE.json", entries().get(BundleFormat.RELEASE))), "holds the name RELEASE.json twice");
    }

    @Test
    void directoryEntry() {
        unsafe(verify(PROD, withEntry("docs/", new byte[0])), "holds a directory (docs/)");
    }

    @Test
    void symbolicLinkEntry() {
        byte[] link = BundleFiles.lastEntryAsSymlink(withEntry("link.json", "/etc/passwd".getBytes(StandardCharsets.UTF_8)));
        unsafe(verify(PROD, link), "holds a link (link.json)");
    }

    @Test
    void tooManyEntries() {
        Map<String, byte[]> e = entries();
        for (int i = 0; i < 10; i++) {
            e.put("extra" + i + ".json", new byte[] {'{', '}'});
        }
        unsafe(verify(PROD, BundleFiles.zip(e)), "holds 19 entries, more than the 16 this console reads");
    }

    @Test
    void oversizedEntry() {
        unsafe(verifyWithLimits(bundle, new Limits(1 << 20, 16, 200, 1 << 20, 200)), "beyond the 200 bytes an entry may hold");
    }

    @Test
    void oversizedFile() {
        Path f = file("big.odcmbundle", bundle);
        Refusal r = unchanged(() -> assertThrows(Refusal.class,
                () -> new BundleService(ctx.store(), new Limits(1000, 16, 1 << 20, 1 << 20, 200)).verify(PROD, f)));
        assertEquals("The file " + f.toAbsolutePath() + " is larger than 1000 bytes; it is not a release bundle.", r.getMessage());
    }

    @Test
    void compressionBomb() {
        Map<String, byte[]> e = entries();
        e.put(BundleFormat.HISTORY, new byte[50 << 20]);
        byte[] bomb = BundleFiles.deflated(e);
        assertTrue(bomb.length < 200_000, "the bomb itself is small");
        unsafe(verify(PROD, bomb), "more than 200 to 1, as a ZIP bomb does");
    }

    @Test
    void truncatedFile() {
        VerificationOutcome o = verify(PROD, Arrays.copyOf(bundle, bundle.length / 2));
        assertEquals("This file is not a release bundle, or it is truncated or damaged (the end of the ZIP file is missing, so it was cut off).",
                o.sentence());
    }

    @Test
    void randomBytes() {
        byte[] noise = new byte[4096];
        new java.util.Random(4).nextBytes(noise);
        assertEquals(new Malformed("it does not start as a ZIP file"), verify(PROD, noise));
    }

    @Test
    void emptyFile() {
        assertEquals(new Malformed("the file is empty"), verify(PROD, new byte[0]));
    }

    @Test
    void missingFile() {
        Path none = out("none.odcmbundle");
        Refusal r = unchanged(() -> assertThrows(Refusal.class, () -> ctx.bundles().verify(PROD, none)));
        assertEquals("There is no file " + none.toAbsolutePath() + ".", r.getMessage());
    }

    @Test
    void jsonDuplicateKey() {
        InvalidPart o = assertInstanceOf(InvalidPart.class, verify(PROD, signedPart(BundleFormat.RELEASE,
                j -> j.replace("{\"bundleId\"", "{\"version\":\"9.9.9\",\"bundleId\""))));
        assertEquals(BundleFormat.RELEASE, o.part());
        assertTrue(o.detail().startsWith("repeats a key"), o.detail());
    }

    @Test
    void jsonUnknownField() {
        InvalidPart o = assertInstanceOf(InvalidPart.class, verify(PROD, signedPart(BundleFormat.RELEASE,
                j -> j.replace("{\"bundleId\"", "{\"approvedBy\":\"nobody\",\"bundleId\""))));
        assertTrue(o.detail().startsWith("has a field this version does not know"), o.detail());
    }

    @Test
    void jsonNestedTooDeep() {
        String deep = "[".repeat(100) + "]".repeat(100);
        InvalidPart o = assertInstanceOf(InvalidPart.class, verify(PROD, signedPart(BundleFormat.RELEASE,
                j -> j.replace("\"notes\":\"first\"", "\"notes\":" + deep))));
        assertEquals("is nested deeper than 16 levels", o.detail());
    }

    @Test
    void inspectingAHostileFileGivesTheSameSentence() {
        byte[] slip = withEntry("../evil.json", new byte[] {1});
        Path f = file("slip.odcmbundle", slip);
        var r = assertInstanceOf(BundleInspector.Unreadable.class, unchanged(() -> BundleService.inspect(f)));
        assertEquals(verify(PROD, slip), r.outcome());
    }

    // ---- decision 0038: the rows a verification rests on are keyed ----

    /**
     * The review's reproduction (0035, "Open, high"): the trust revoked through the console, then an active one put back with
     * plain SQL (the store file without the key; a team member's login). The bundle is not taken as genuine: refused, naming
     * the trust, and the trusts' list says the same.
     */
    @Test
    void aTrustInsertedWithPlainSqlIsRefused() throws Exception {
        ctx.trusts().revoke(PROD, DEV, TrustKind.RELEASE_BUNDLES, "key compromised");
        long prod = ctx.spaces().find(PROD).id();
        long dev = ctx.spaces().find(DEV).id();
        withPlainSql("INSERT INTO trust (truster_id, trusted_id, kind, created_at, created_by) VALUES (" + prod + ", " + dev
                + ", 'RELEASE_BUNDLES', CURRENT_TIMESTAMP, 'alice')");
        String sentence = "The trust ('Prod Space' accepts release bundles from 'DevTest Space') has no seal: it was not made by ODCM"
                + " Console (put into the store outside it, or its seal removed), so it is not used. Remove it, or restore the store from a backup.";
        Path f = file("checked.odcmbundle", bundle);
        assertEquals(sentence, assertThrows(Refusal.class, () -> ctx.bundles().verify(PROD, f)).getMessage());
        assertEquals(sentence, assertThrows(Refusal.class, () -> ctx.trusts().list(true)).getMessage());
    }

    /**
     * DevTest's pinned certificate swapped with plain SQL for an attacker's, whose key signed a bundle naming it: refused at
     * verification and in the spaces' list, never genuine.
     */
    @Test
    void aCertificateSwappedWithPlainSqlIsRefused() throws Exception {
        odcm.packaging.cert.SpaceIdentity attacker = odcm.packaging.cert.Certificates.generate(DEV, KeyAlgorithm.EC_P256, java.time.Instant.now());
        String devFingerprint = fingerprint(DEV).hex();
        String attackerFingerprint = attacker.info().fingerprint().hex();
        byte[] forged = BundleFiles.resign(BundleFiles.unzip(editManifest(entries(), devFingerprint, attackerFingerprint)),
                attacker.certificateDer(), attacker.privateKeyPkcs8(), null);
        withPlainSql("UPDATE certificate SET der = ?, sha256 = '" + attackerFingerprint + "' WHERE sha256 = '" + devFingerprint + "'",
                attacker.certificateDer());
        String sentence = "The certificate of the space 'DevTest Space' with SHA-256 fingerprint " + attackerFingerprint + " does not match"
                + " its seal: it was changed outside ODCM Console, so it is not used. Restore the store from a backup.";
        Path f = file("forged.odcmbundle", forged);
        assertEquals(sentence, assertThrows(Refusal.class, () -> ctx.bundles().verify(PROD, f)).getMessage());
        assertEquals(sentence, assertThrows(Refusal.class, () -> ctx.spaces().list()).getMessage());
    }

    /**
     * Review 2 of 0038: the trust revoked, an active one put back with plain SQL, and the store then opened where its master key
     * is not (a member's read-only console; a machine the key was not copied to). The seal cannot be checked there, so the
     * bundle must not be called genuine: 'odcm bundle verify' exits 0 on genuine, and people and scripts act on that.
     */
    @Test
    void aTrustInsertedWithPlainSqlMakesNoBundleGenuineWithoutTheMasterKey() throws Exception {
        ctx.trusts().revoke(PROD, DEV, TrustKind.RELEASE_BUNDLES, "key compromised");
        long prod = ctx.spaces().find(PROD).id();
        long dev = ctx.spaces().find(DEV).id();
        withPlainSql("INSERT INTO trust (truster_id, trusted_id, kind, created_at, created_by) VALUES (" + prod + ", " + dev
                + ", 'RELEASE_BUNDLES', CURRENT_TIMESTAMP, 'alice')");
        Path key = ctx.store().masterKeyFile();
        ctx.close();
        java.nio.file.Files.move(key, tmp.resolve("elsewhere.key"));
        try {
            ctx = opener.get();
            Path f = file("checked.odcmbundle", bundle);
            VerificationOutcome o;
            try {
                o = ctx.bundles().verify(PROD, f);
            } catch (Refusal refused) {
                return; // refused: sound
            }
            assertFalse(o.genuine(), "genuine without the master key, on a trust nobody sealed: " + o.sentence());
        } finally {
            ctx.close();
            java.nio.file.Files.move(tmp.resolve("elsewhere.key"), key);
            ctx = opener.get();
        }
    }

    // ---- decision 0038, "Freshness": an earlier sealed state of a trust or certificate put back ----

    private static final String NOT_FRESH = "The trusts and certificates in this store are not the ones ODCM Console last recorded (audit entry ";

    private static void assertNotFresh(org.junit.jupiter.api.function.Executable read) {
        Refusal r = assertThrows(Refusal.class, read);
        assertTrue(r.getMessage().startsWith(NOT_FRESH) && r.getMessage().endsWith(": a trust or certificate was put back to an earlier"
                + " state, added, changed or removed outside ODCM Console, so none of them is used. Restore the store from a backup."), r.getMessage());
    }

    /** Runs {@code statement} with plain JDBC on the closed store with text parameters, then opens it again. */
    private void withPlainSqlText(String statement, String... parameters) throws Exception {
        ctx.close();
        try (java.sql.Connection c = sql(); java.sql.PreparedStatement st = c.prepareStatement(statement)) {
            for (int i = 0; i < parameters.length; i++) {
                st.setString(i + 1, parameters[i]);
            }
            assertEquals(1, st.executeUpdate());
        }
        ctx = opener.get();
    }

    private String plainSqlValue(String query) throws Exception {
        try (java.sql.Connection c = sql(); java.sql.Statement st = c.createStatement(); java.sql.ResultSet rs = st.executeQuery(query)) {
            assertTrue(rs.next());
            return rs.getString(1);
        }
    }

    /**
     * The trust by which Prod accepts DevTest's bundles, kept with its seal while active, revoked (DevTest's key compromised),
     * then put back active with that seal: it fits its seal, but is not the state the audit log records last, so the bundle
     * signed with the compromised key is refused, never genuine (before, it verified as genuine).
     */
    @Test
    void aRevokedTrustPutBackActiveWithItsOldSealIsRefused() throws Exception {
        String activeSeal = plainSqlValue("SELECT seal FROM trust");
        ctx.trusts().revoke(PROD, DEV, TrustKind.RELEASE_BUNDLES, "key compromised");
        assertInstanceOf(TrustRevoked.class, verify(PROD, bundle));
        withPlainSqlText("UPDATE trust SET revoked_at = NULL, revoked_by = NULL, revoke_reason = NULL, seal = ?", activeSeal);
        Path f = file("checked.odcmbundle", bundle);
        assertNotFresh(() -> ctx.bundles().verify(PROD, f));
        assertNotFresh(() -> ctx.trusts().list(true));
    }

    /**
     * A remote space whose certificate was replaced (rotation after a compromise): the new certificate deleted and the retired
     * one made current again with the seal it had while current. Refused wherever the rows are relied on.
     */
    @Test
    void aRetiredCertificatePutBackAsCurrentWithItsOldSealIsRefused() throws Exception {
        odcm.packaging.cert.SpaceIdentity old = odcm.packaging.cert.Certificates.generate("Partner Space", KeyAlgorithm.EC_P256, java.time.Instant.now());
        odcm.packaging.cert.SpaceIdentity next = odcm.packaging.cert.Certificates.generate("Partner Space", KeyAlgorithm.EC_P256, java.time.Instant.now());
        ctx.remotes().add("Partner Space", "", old.certificateDer(), old.info().fingerprint().grouped());
        ctx.trusts().add(PROD, "Partner Space", TrustKind.RELEASE_BUNDLES);
        String oldFingerprint = old.info().fingerprint().hex();
        String currentSeal = plainSqlValue("SELECT seal FROM certificate WHERE sha256 = '" + oldFingerprint + "'");
        ctx.remotes().replaceCertificate("Partner Space", next.certificateDer(), next.info().fingerprint().grouped());
        assertInstanceOf(Genuine.class, verify(PROD, bundle), "the console's own rotation keeps verifying");
        withPlainSqlText("DELETE FROM certificate WHERE sha256 = ?", next.info().fingerprint().hex());
        withPlainSqlText("UPDATE certificate SET retired_at = NULL, seal = ? WHERE sha256 = '" + oldFingerprint + "'", currentSeal);
        Path f = file("checked.odcmbundle", bundle);
        assertNotFresh(() -> ctx.bundles().verify(PROD, f));
        assertNotFresh(() -> ctx.spaces().list());
        assertNotFresh(() -> ctx.remotes().knownAs(old.info().fingerprint()));
    }

    /** Runs {@code statement} with plain JDBC on the closed store, as someone without the master key could, then opens it again. */
    private void withPlainSql(String statement, byte[]... parameters) throws Exception {
        ctx.close();
        try (java.sql.Connection c = sql(); java.sql.PreparedStatement st = c.prepareStatement(statement)) {
            for (int i = 0; i < parameters.length; i++) {
                st.setBytes(i + 1, parameters[i]);
            }
            assertEquals(1, st.executeUpdate());
        }
        ctx = opener.get();
    }
}

package odcm.app.service;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Optional;
import odcm.model.release.Release;
import odcm.packaging.bundle.BundleParts;
import odcm.packaging.bundle.VerificationOutcome;
import odcm.packaging.cert.KeyAlgorithm;
import odcm.persistence.release.ReleaseRepository;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, goal 3 (decision 0030): a release's bundle parts are made once, when it is frozen, and kept beside it; a bundle
 * of it carries them. They are what its snapshot makes, a release without them gets them at its first bundle, and parts
 * altered in the store file make no bundle at all: the hash that binds them to their release is sealed with the master key.
 */
class ReleaseBundlePartsTest extends BundleFixture {
    @Test
    void thePartsKeptAtFreezeAreWhatTheSnapshotMakesAndTheBundleCarriesThem() {
        promotable(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P256);
        Release release = ctx.releases().find(DEV, "Web", "1.0.0");
        ReleaseRepository.BundleParts kept = kept(release.id()).orElseThrow(() -> new AssertionError("no parts kept at freeze"));
        BundleParts made = BundleParts.of(release.snapshot()); // what create made from the snapshot before
        assertArrayEquals(made.stored(), kept.parts());
        assertEquals(made.secretsJson(), kept.secretsJson());
        assertTrue(kept.secretsJson().contains(SECRET), "the secret values are kept (sealed)");
        assertFalse(new String(kept.parts(), StandardCharsets.UTF_8).contains(SECRET), "no sensitive value in the plain parts");

        VerificationOutcome o = ctx.imports().preview(PROD, promote(PROD, "web.odcmbundle")).outcome();
        VerificationOutcome.Genuine g = assertInstanceOf(VerificationOutcome.Genuine.class, o, o.sentence());
        assertTrue(g.secretsOpened());
        assertEquals(release.snapshot(), g.content().snapshot());
        assertEquals(release.notes(), g.content().notes());
        assertEquals(release.createdAt(), g.content().releaseCreated());
    }

    @Test
    void aReleaseFrozenWithoutPartsGetsThemAtItsFirstBundle() throws Exception {
        promotable(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P256);
        Release release = ctx.releases().find(DEV, "Web", "1.0.0");
        byte[] atFreeze = kept(release.id()).orElseThrow().parts();
        sql("DELETE FROM release_bundle_parts"); // as a release frozen before V12, or imported
        assertEquals(Optional.empty(), kept(release.id()));

        byte[] bundle = promote(PROD, "web.odcmbundle");
        assertArrayEquals(atFreeze, kept(release.id()).orElseThrow(() -> new AssertionError("not kept at the first bundle")).parts());
        VerificationOutcome o = ctx.imports().preview(PROD, bundle).outcome();
        assertEquals(release.snapshot(), assertInstanceOf(VerificationOutcome.Genuine.class, o, o.sentence()).content().snapshot());
    }

    @Test
    void partsAlteredInTheStoreFileMakeNoBundle() throws Exception {
        promotable(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P256);
        long id = ctx.releases().find(DEV, "Web", "1.0.0").id();
        byte[] parts = kept(id).orElseThrow().parts();
        String text = new String(parts, StandardCharsets.UTF_8);
        assertTrue(text.contains("http://test.example"));
        byte[] altered = text.replace("http://test.example", "http://evil.example").getBytes(StandardCharsets.UTF_8);
        sql("UPDATE release_bundle_parts SET parts = ? WHERE release_id = " + id, altered);
        refusedToPromote("The bundle parts of release 1.0.0 of project 'Web' do not match the hash sealed with them: the store file was"
                + " altered outside ODCM Console, so no bundle can be made of this release.");

        // The parts and sealed secrets of another release, moved over whole: the seal names the release it was made for.
        ctx.releases().create(DEV, "Web", "1.0.1", "second", null, webPackages("1.0.1"));
        long other = ctx.releases().find(DEV, "Web", "1.0.1").id();
        sql("DELETE FROM release_bundle_parts WHERE release_id = " + id);
        sql("INSERT INTO release_bundle_parts (release_id, parts, secrets_sealed) SELECT " + id + ", parts, secrets_sealed"
                + " FROM release_bundle_parts WHERE release_id = " + other);
        refusedToPromote("The sensitive value of the bundle parts of release 1.0.0 of project 'Web' could not be opened: it was altered,"
                + " or it was sealed for another project, release or store.");
    }

    /**
     * Someone with the store file but not the master key changes a frozen release, hashes its row again (a plain SHA-256),
     * and removes its kept parts so that create would make them anew from the changed snapshot and sign them: the
     * release's seal (decision 0034) refuses it, and no bundle is made.
     */
    @Test
    void aReleaseChangedAndHashedAgainInTheStoreFileMakesNoBundle() throws Exception {
        promotable(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P256);
        long id = ctx.releases().find(DEV, "Web", "1.0.0").id();
        ctx.close();
        ctx = null;
        boolean server = location().onServer();
        try (Connection c = sql(); java.sql.Statement st = c.createStatement()) {
            st.execute(server ? "ALTER TABLE release DISABLE TRIGGER trg_release_frozen" : "DROP TRIGGER trg_release_frozen");
            assertEquals(1, st.executeUpdate("UPDATE release SET snapshot_json = REPLACE(snapshot_json, 'http://test.example', 'http://evil.example')"
                    + " WHERE id = " + id));
            var row = jooq(c).selectFrom(odcm.persistence.jooq.Tables.RELEASE)
                    .where(odcm.persistence.jooq.Tables.RELEASE.ID.eq(id)).fetchSingle();
            st.executeUpdate("UPDATE release SET snapshot_hash = '" + odcm.persistence.release.JooqReleaseRepository.hash(row) + "' WHERE id = " + id);
            st.execute(server ? "ALTER TABLE release ENABLE TRIGGER trg_release_frozen"
                    : "CREATE TRIGGER trg_release_frozen BEFORE UPDATE, DELETE ON release FOR EACH ROW CALL 'odcm.persistence.release.FrozenRelease'");
            assertEquals(1, st.executeUpdate("DELETE FROM release_bundle_parts WHERE release_id = " + id));
        }
        ctx = opener.get();
        refusedToPromote("Release 1.0.0 of project 'Web' does not match the seal it was frozen with: the store file was altered outside"
                + " ODCM Console, so this release cannot be used.");
    }

    private void refusedToPromote(String sentence) {
        int outbox = ctx.bundles().outbox(DEV).size();
        int entries = audit().size();
        odcm.model.Refusal r = assertThrows(odcm.model.Refusal.class, () -> promote(PROD, "altered.odcmbundle"));
        assertEquals(sentence, r.getMessage());
        assertFalse(Files.exists(out("altered.odcmbundle")), "no bundle file");
        assertEquals(outbox, ctx.bundles().outbox(DEV).size(), "nothing in the Outbox");
        assertEquals(entries, audit().size(), "no audit entry");
    }

    private Optional<ReleaseRepository.BundleParts> kept(long releaseId) {
        return ctx.store().read(tx -> tx.releases().bundleParts(releaseId));
    }

    /** Runs {@code statement} on the store file with plain JDBC, as someone with the file could, the console closed. */
    private void sql(String statement, byte[]... parameters) throws Exception {
        ctx.close();
        ctx = null;
        try (Connection c = sql(); PreparedStatement st = c.prepareStatement(statement)) {
            for (int i = 0; i < parameters.length; i++) {
                st.setBytes(i + 1, parameters[i]);
            }
            st.executeUpdate();
        }
        ctx = opener.get();
    }
}

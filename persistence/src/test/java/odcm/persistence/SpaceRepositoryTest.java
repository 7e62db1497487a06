package odcm.persistence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import odcm.model.Refusal;
import odcm.model.space.Space;
import odcm.model.space.SpaceKind;
import odcm.model.space.SpaceName;
import odcm.model.trust.TrustKind;
import odcm.persistence.space.NewCertificate;
import odcm.persistence.space.StoredCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpaceRepositoryTest {
    @TempDir
    Path tmp;
    Store store;

    @BeforeEach
    void open() {
        store = Fixtures.open(tmp);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void insertsAndFindsSpacesWithAllCertificateFields() {
        NewCertificate cert = Fixtures.cert("DevTest");
        Space dev = store.write(tx -> tx.spaces().insertLocal(SpaceName.of("DevTest Space"), "  where we test ", cert, "EC", new byte[] {5, 6}));
        assertEquals(SpaceKind.LOCAL, dev.kind());
        assertEquals("where we test", dev.description());
        assertEquals(cert.info(), dev.certificate());
        assertTrue(dev.createdAt().getNano() % 1_000_000 == 0, "stored to the millisecond");

        Space prod = Fixtures.remote(store, "Prod Space");
        Space alpha = Fixtures.remote(store, "alpha");
        assertEquals(List.of("DevTest Space", "alpha", "Prod Space"),
                store.read(tx -> tx.spaces().findAll()).stream().map(Space::name).toList(), "local first, then by name ignoring case");
        assertEquals(dev, store.read(tx -> tx.spaces().findById(dev.id())).orElseThrow());
        assertEquals(prod, store.read(tx -> tx.spaces().findByName("PROD space")).orElseThrow());
        assertTrue(store.read(tx -> tx.spaces().findByName("nope")).isEmpty());
        assertArrayEquals(new byte[] {5, 6}, store.read(tx -> tx.spaces().sealedPrivateKey(dev.id())).orElseThrow());
        assertTrue(store.read(tx -> tx.spaces().sealedPrivateKey(alpha.id())).isEmpty(), "a remote space has no private key");
        assertEquals("EC", store.read(tx -> tx.spaces().keyAlgorithm(dev.id())).orElseThrow());
        assertTrue(store.read(tx -> tx.spaces().keyAlgorithm(alpha.id())).isEmpty());
        assertArrayEquals(cert.der(), store.read(tx -> tx.spaces().certificates(dev.id())).get(0).der());
    }

    @Test
    void namesAreUniqueIgnoringCaseAcrossLocalAndRemote() {
        Fixtures.local(store, "DevTest Space");
        Refusal r = assertThrows(Refusal.class, () -> Fixtures.remote(store, "devtest SPACE"));
        assertEquals("There is already a local space 'DevTest Space'; space names are unique, ignoring case, across local and remote spaces.",
                r.getMessage());
        assertEquals(1, store.read(tx -> tx.spaces().findAll()).size(), "the refused insert left nothing behind");
    }

    @Test
    void renameAndDescriptionChange() {
        Space a = Fixtures.local(store, "A Space");
        Fixtures.remote(store, "B Space");
        assertEquals(1, a.version(), "a new space starts at version 1");
        Space renamed = store.write(tx -> tx.spaces().rename(a.id(), 1, SpaceName.of("a SPACE"))).orElseThrow();
        assertEquals("a SPACE", renamed.name(), "a space may change the case of its own name");
        assertEquals(2, renamed.version(), "each change counts");
        assertThrows(Refusal.class, () -> store.write(tx -> tx.spaces().rename(a.id(), 2, SpaceName.of("b space"))));
        assertEquals("a SPACE", store.read(tx -> tx.spaces().findById(a.id())).orElseThrow().name());
        assertEquals(java.util.Optional.empty(), store.write(tx -> tx.spaces().updateDescription(a.id(), 1, "stale words")),
                "a change from a version no longer current changes nothing");
        assertEquals(a.description(), store.read(tx -> tx.spaces().findById(a.id())).orElseThrow().description());
        assertEquals("new words", store.write(tx -> tx.spaces().updateDescription(a.id(), 2, "new words")).orElseThrow().description());
        Refusal missing = assertThrows(Refusal.class, () -> store.write(tx -> tx.spaces().rename(9999, 1, SpaceName.of("x"))));
        assertEquals("There is no space with id 9999 in this store.", missing.getMessage());
    }

    @Test
    void replacingACertificateKeepsHistoryAndOldFingerprintsStillFindTheSpace() {
        NewCertificate first = Fixtures.cert("Prod");
        NewCertificate second = Fixtures.cert("Prod");
        Space prod = store.write(tx -> tx.spaces().insertRemote(SpaceName.of("Prod Space"), "", first));
        Space after = store.write(tx -> tx.spaces().replaceCertificate(prod.id(), second));
        assertEquals(second.info(), after.certificate());

        List<StoredCertificate> history = store.read(tx -> tx.spaces().certificates(prod.id()));
        assertEquals(2, history.size());
        assertTrue(history.get(0).isCurrent());
        assertEquals(second.info().fingerprint(), history.get(0).info().fingerprint());
        assertFalse(history.get(1).isCurrent());
        assertEquals(first.info(), history.get(1).info());
        assertEquals(history.get(0).addedAt(), history.get(1).retiredAt());

        assertEquals(prod.id(), store.read(tx -> tx.spaces().findByFingerprint(first.info().fingerprint())).orElseThrow().id(), "retired");
        assertEquals(prod.id(), store.read(tx -> tx.spaces().findByFingerprint(second.info().fingerprint())).orElseThrow().id(), "current");
        assertTrue(store.read(tx -> tx.spaces().findByFingerprint(Fixtures.cert("x").info().fingerprint())).isEmpty());
    }

    @Test
    void aCertificateKnownHereCannotBeAddedAgain() {
        NewCertificate cert = Fixtures.cert("Prod");
        Fixtures.local(store, "Other");
        store.write(tx -> tx.spaces().insertRemote(SpaceName.of("Prod Space"), "", cert));
        Refusal r = assertThrows(Refusal.class,
                () -> store.write(tx -> tx.spaces().insertRemote(SpaceName.of("Prod Again"), "", cert)));
        assertTrue(r.getMessage().endsWith("is already known here, as a certificate of the remote space 'Prod Space'."), r.getMessage());
    }

    @Test
    void deleteRemovesCertificatesKeyAndRevokedTrustsButNotWhileActiveTrustsExist() {
        Space dev = Fixtures.local(store, "DevTest Space");
        NewCertificate prodCert = Fixtures.cert("Prod");
        Space prod = store.write(tx -> tx.spaces().insertRemote(SpaceName.of("Prod Space"), "", prodCert));
        long trustId = store.write(tx -> tx.trusts().insert(dev.id(), prod.id(), TrustKind.DEPLOYMENT_RECEIPTS, Fixtures.T0, "alice")).id();

        Refusal r = assertThrows(Refusal.class, () -> store.write(tx -> {
            tx.spaces().delete(prod.id());
            return null;
        }));
        assertEquals("The remote space 'Prod Space' is still part of active trusts; revoke them before deleting it.", r.getMessage());
        assertTrue(store.read(tx -> tx.spaces().findById(prod.id())).isPresent());

        store.write(tx -> tx.trusts().revoke(trustId, Fixtures.T0.plusSeconds(5), "alice", "network closed"));
        store.write(tx -> {
            tx.spaces().delete(prod.id());
            return null;
        });
        assertTrue(store.read(tx -> tx.spaces().findById(prod.id())).isEmpty());
        assertTrue(store.read(tx -> tx.spaces().certificates(prod.id())).isEmpty());
        assertTrue(store.read(tx -> tx.trusts().involving(dev.id())).isEmpty(), "revoked trusts of the deleted space went with it");
        assertTrue(store.read(tx -> tx.spaces().findByFingerprint(prodCert.info().fingerprint())).isEmpty());

        store.write(tx -> {
            tx.spaces().delete(dev.id());
            return null;
        });
        assertTrue(store.read(tx -> tx.spaces().sealedPrivateKey(dev.id())).isEmpty());
        assertNull(store.read(tx -> tx.spaces().findAll().isEmpty() ? null : "left"));
    }
}

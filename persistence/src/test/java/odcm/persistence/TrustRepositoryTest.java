package odcm.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import odcm.model.Refusal;
import odcm.model.space.Space;
import odcm.model.trust.Trust;
import odcm.model.trust.TrustKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustRepositoryTest {
    @TempDir
    Path tmp;
    Store store;
    Space dev;
    Space qa;
    Space prod;

    @BeforeEach
    void open() {
        store = Fixtures.open(tmp);
        dev = Fixtures.local(store, "DevTest Space");
        qa = Fixtures.local(store, "QA Space");
        prod = Fixtures.remote(store, "Prod Space");
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void insertsTrustsWithNamesAndWhetherConnected() {
        Instant at = Instant.parse("2025-03-02T10:00:00.250Z");
        Trust connected = store.write(tx -> tx.trusts().insert(qa.id(), dev.id(), TrustKind.RELEASE_BUNDLES, at, "alice"));
        Trust disconnected = store.write(tx -> tx.trusts().insert(dev.id(), prod.id(), TrustKind.DEPLOYMENT_RECEIPTS, at.plusSeconds(1), "bob"));

        assertEquals("QA Space", connected.trusterName());
        assertEquals("DevTest Space", connected.trustedName());
        assertTrue(connected.isConnected());
        assertTrue(connected.isActive());
        assertEquals(at, connected.createdAt());
        assertEquals("alice", connected.createdBy());
        assertEquals(TrustKind.RELEASE_BUNDLES, connected.kind());
        assertFalse(disconnected.isConnected());
        assertEquals("'DevTest Space' accepts deployment receipts from 'Prod Space'", disconnected.sentence());

        assertEquals(List.of(disconnected.id(), connected.id()), store.read(tx -> tx.trusts().findAll()).stream().map(Trust::id).toList(),
                "newest first");
        assertEquals(connected, store.read(tx -> tx.trusts().findById(connected.id())).orElseThrow());
    }

    @Test
    void revokeKeepsTheTrustAsHistoryAndCannotHappenTwice() {
        Trust t = store.write(tx -> tx.trusts().insert(dev.id(), prod.id(), TrustKind.DEPLOYMENT_RECEIPTS, Fixtures.T0, "alice"));
        Instant when = Instant.parse("2025-04-01T08:00:00Z");
        Trust revoked = store.write(tx -> tx.trusts().revoke(t.id(), when, "bob", "certificate compromised"));
        assertFalse(revoked.isActive());
        assertEquals(when, revoked.revokedAt());
        assertEquals("bob", revoked.revokedBy());
        assertEquals("certificate compromised", revoked.revokeReason());
        assertEquals(1, store.read(tx -> tx.trusts().findAll()).size());

        Refusal r = assertThrows(Refusal.class, () -> store.write(tx -> tx.trusts().revoke(t.id(), when, "bob", "again")));
        assertEquals("The trust 'DevTest Space' accepts deployment receipts from 'Prod Space' was already revoked.", r.getMessage());
        assertEquals("certificate compromised", store.read(tx -> tx.trusts().findById(t.id())).orElseThrow().revokeReason());
    }

    @Test
    void involvingFindsTrustsOnEitherSide() {
        Trust a = store.write(tx -> tx.trusts().insert(qa.id(), dev.id(), TrustKind.RELEASE_BUNDLES, Fixtures.T0, "alice"));
        Trust b = store.write(tx -> tx.trusts().insert(dev.id(), prod.id(), TrustKind.DEPLOYMENT_RECEIPTS, Fixtures.T0.plusSeconds(1), "alice"));
        assertEquals(List.of(b.id(), a.id()), store.read(tx -> tx.trusts().involving(dev.id())).stream().map(Trust::id).toList());
        assertEquals(List.of(a.id()), store.read(tx -> tx.trusts().involving(qa.id())).stream().map(Trust::id).toList());
        assertEquals(List.of(b.id()), store.read(tx -> tx.trusts().involving(prod.id())).stream().map(Trust::id).toList());
        store.write(tx -> tx.trusts().revoke(b.id(), Fixtures.T0.plusSeconds(2), "alice", "done"));
        assertEquals(List.of(a.id()), store.read(tx -> tx.trusts().activeInvolving(dev.id())).stream().map(Trust::id).toList());
        assertTrue(store.read(tx -> tx.trusts().activeInvolving(prod.id())).isEmpty());
    }

    @Test
    void aSpaceCannotTrustItselfEvenIfACallerForgetsTheRule() {
        Refusal r = assertThrows(Refusal.class,
                () -> store.write(tx -> tx.trusts().insert(dev.id(), dev.id(), TrustKind.RELEASE_BUNDLES, Fixtures.T0, "alice")));
        assertEquals("A space cannot trust itself; choose another space to accept from.", r.getMessage());
        assertTrue(store.read(tx -> tx.trusts().findAll()).isEmpty());
    }
}

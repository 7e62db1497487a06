package odcm.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import odcm.model.Refusal;
import odcm.model.audit.AuditEntry;
import odcm.model.audit.AuditVerification;
import odcm.model.space.Space;
import odcm.model.trust.Trust;
import odcm.model.trust.TrustKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rows a signature's verification rests on are keyed (decision 0038): a trust or a certificate written into the store
 * without the master key (the H2 file with plain JDBC; a team member's login with plain SQL) is refused on every read,
 * naming it; what the console itself writes keeps working; rows made before V15 are sealed once, never after a rollback.
 */
class RowSealsTest {
    private static final String ROWS_SEALED = "store.rows-sealed";

    @TempDir
    Path tmp;

    /** A store opened anew for each step, and a plain SQL connection to the same store, as an attacker without the key has. */
    private interface Engine {
        Store open();

        Connection sql() throws SQLException;
    }

    private Engine h2() {
        StoreLocation loc = Fixtures.location(tmp);
        return new Engine() {
            public Store open() {
                return Fixtures.open(tmp);
            }

            public Connection sql() throws SQLException {
                return DriverManager.getConnection(Store.jdbcUrl(loc), "sa", "");
            }
        };
    }

    private static Engine team(TeamStores team) {
        return new Engine() {
            public Store open() {
                return team.open("alice");
            }

            public Connection sql() throws SQLException {
                return team.sql();
            }
        };
    }

    @Test
    void aTrustInsertedIntoTheStoreFileWithoutTheKeyIsRefused() throws Exception {
        trustInsertedWithPlainSql(h2());
    }

    @Test
    void aTrustInsertedByATeamMembersLoginIsRefused() throws Exception {
        try (TeamStores team = TeamStores.create(tmp)) {
            trustInsertedWithPlainSql(team(team));
        }
    }

    @Test
    void aCertificateSwappedOrMadeCurrentAgainInTheStoreFileIsRefused() throws Exception {
        certificateChangedWithPlainSql(h2());
    }

    @Test
    void aCertificateSwappedOrMadeCurrentAgainByATeamMembersLoginIsRefused() throws Exception {
        try (TeamStores team = TeamStores.create(tmp)) {
            certificateChangedWithPlainSql(team(team));
        }
    }

    /** The review's reproduction (0035, "Open, high"), after a trust added and revoked the console's way still works. */
    private static void trustInsertedWithPlainSql(Engine engine) throws Exception {
        long dev;
        long prod;
        try (Store store = engine.open()) {
            dev = Fixtures.local(store, "DevTest Space").id();
            prod = Fixtures.remote(store, "Prod Space").id();
            Trust added = store.write(tx -> tx.trusts().insert(dev, prod, TrustKind.DEPLOYMENT_RECEIPTS, Instant.parse("2025-03-02T10:00:00Z"), "alice"));
            store.write(tx -> tx.trusts().revoke(added.id(), Instant.parse("2025-03-02T11:00:00Z"), "bob", "test over"));
        }
        try (Store store = engine.open()) {
            Trust revoked = store.read(tx -> tx.trusts().findAll()).get(0);
            assertFalse(revoked.isActive());
            assertEquals("bob", revoked.revokedBy());
        }
        try (Connection c = engine.sql(); Statement st = c.createStatement()) {
            assertEquals(1, st.executeUpdate("INSERT INTO trust (truster_id, trusted_id, kind, created_at, created_by) VALUES ("
                    + dev + ", " + prod + ", 'RELEASE_BUNDLES', CURRENT_TIMESTAMP, 'alice')"));
        }
        try (Store store = engine.open()) {
            String expected = "The trust ('DevTest Space' accepts release bundles from 'Prod Space') has no seal: it was not made by ODCM"
                    + " Console (put into the store outside it, or its seal removed), so it is not used. Remove it, or restore the store from a backup.";
            for (Executable read : List.<Executable>of(() -> store.read(tx -> tx.trusts().findAll()),
                    () -> store.read(tx -> tx.trusts().involving(prod)))) {
                assertEquals(expected, assertThrows(Refusal.class, read).getMessage());
            }
        }
        // The same row with the seal of the genuine (revoked) trust: the seal does not fit it.
        try (Connection c = engine.sql(); Statement st = c.createStatement()) {
            assertEquals(1, st.executeUpdate("UPDATE trust SET seal = (SELECT MIN(seal) FROM trust) WHERE kind = 'RELEASE_BUNDLES'"));
        }
        try (Store store = engine.open()) {
            Refusal r = assertThrows(Refusal.class, () -> store.read(tx -> tx.trusts().findAll()));
            assertTrue(r.getMessage().endsWith("does not match its seal: it was changed outside ODCM Console, so it is not used."
                    + " Restore the store from a backup."), r.getMessage());
        }
    }

    /** A remote space's pinned certificate swapped, a retired one made current again, also with its old seal put back. */
    private static void certificateChangedWithPlainSql(Engine engine) throws Exception {
        long prod;
        String oldSeal;
        Space replaced;
        var current = Fixtures.cert("Prod Space");
        try (Store store = engine.open()) {
            prod = Fixtures.remote(store, "Prod Space").id();
            Fixtures.remote(store, "Other Space");
            store.write(tx -> {
                tx.spaces().confirmCurrentCertificate(prod);
                return null;
            });
            oldSeal = seal(engine, "SELECT seal FROM certificate WHERE space_id = " + prod);
            replaced = store.write(tx -> tx.spaces().replaceCertificate(prod, current));
        }
        try (Store store = engine.open()) { // the console's own changes read back whole
            assertEquals(replaced, store.read(tx -> tx.spaces().findById(prod)).orElseThrow());
            assertEquals(2, store.read(tx -> tx.spaces().certificates(prod)).size());
        }
        // 1. The current certificate's DER and fingerprint swapped for an attacker's.
        var attacker = Fixtures.cert("Attacker");
        try (Connection c = engine.sql(); var st = c.prepareStatement("UPDATE certificate SET der = ?, sha256 = ? WHERE space_id = ? AND retired_at IS NULL")) {
            st.setBytes(1, attacker.der());
            st.setString(2, attacker.info().fingerprint().hex());
            st.setLong(3, prod);
            assertEquals(1, st.executeUpdate());
        }
        try (Store store = engine.open()) {
            for (Executable read : List.<Executable>of(() -> store.read(tx -> tx.spaces().findById(prod)),
                    () -> store.read(tx -> tx.spaces().findAll()),
                    () -> store.read(tx -> tx.spaces().findByName("Prod Space")),
                    () -> store.read(tx -> tx.spaces().certificates(prod)),
                    () -> store.read(tx -> tx.spaces().findByFingerprint(attacker.info().fingerprint())))) {
                Refusal r = assertThrows(Refusal.class, read);
                assertEquals("The certificate of the space 'Prod Space' with SHA-256 fingerprint " + attacker.info().fingerprint().hex()
                        + " does not match its seal: it was changed outside ODCM Console, so it is not used. Restore the store from a backup.",
                        r.getMessage());
            }
            assertEquals("Other Space", store.read(tx -> tx.spaces().findByName("Other Space")).orElseThrow().name(), "other spaces still read");
        }
        // 2. Put back as it was, then the retired certificate made current again (its seal says it was retired).
        try (Connection c = engine.sql(); var st = c.prepareStatement("UPDATE certificate SET der = ?, sha256 = ? WHERE space_id = ? AND retired_at IS NULL")) {
            st.setBytes(1, current.der());
            st.setString(2, replaced.certificate().fingerprint().hex());
            st.setLong(3, prod);
            assertEquals(1, st.executeUpdate());
            try (Statement s = c.createStatement()) {
                assertEquals(1, s.executeUpdate("UPDATE certificate SET retired_at = NULL WHERE space_id = " + prod + " AND retired_at IS NOT NULL"));
            }
        }
        try (Store store = engine.open()) {
            Refusal r = assertThrows(Refusal.class, () -> store.read(tx -> tx.spaces().findById(prod)));
            assertTrue(r.getMessage().endsWith("does not match its seal: it was changed outside ODCM Console, so it is not used."
                    + " Restore the store from a backup."), r.getMessage());
            assertThrows(Refusal.class, () -> store.read(tx -> tx.spaces().certificates(prod)));
        }
        // 3. ... with the seal it had while it was current put back too: two current certificates, refused.
        try (Connection c = engine.sql(); var st = c.prepareStatement("UPDATE certificate SET seal = ? WHERE space_id = ? AND id = (SELECT MIN(id)"
                + " FROM certificate WHERE space_id = ?)")) {
            st.setString(1, oldSeal);
            st.setLong(2, prod);
            st.setLong(3, prod);
            assertEquals(1, st.executeUpdate());
        }
        try (Store store = engine.open()) {
            for (Executable read : List.<Executable>of(() -> store.read(tx -> tx.spaces().findById(prod)),
                    () -> store.read(tx -> tx.spaces().findAll()))) {
                Refusal r = assertThrows(Refusal.class, read);
                assertEquals("The remote space 'Prod Space' has more than one current certificate in the store: a retired certificate was"
                        + " made current again outside ODCM Console, so the space is not used. Restore the store from a backup.", r.getMessage());
            }
        }
    }

    @Test
    void trustsAndCertificatesMadeBeforeSealsAreSealedOnceAndNeverAgainAfterARollback() throws Exception {
        StoreLocation loc = Fixtures.location(tmp);
        long[] ids = aTrustAndAChange(h2());
        byte[] v2 = asVersion14(h2(), loc.keyDir(), null);
        long sealingSeq;
        String storeId;
        try (Store store = Fixtures.open(tmp)) { // the upgrade: sealed once, audited
            storeId = store.storeId();
            List<AuditEntry> sealings = sealings(store);
            assertEquals(1, sealings.size());
            assertEquals("1 trust and 2 certificates made before they were sealed got their seal under the master key; the audit log was"
                    + " verified intact first", sealings.get(0).detail());
            sealingSeq = sealings.get(0).seq();
            assertInstanceOf(AuditVerification.Intact.class, store.read(tx -> tx.audit().verify()));
            assertEquals(1, store.read(tx -> tx.trusts().findAll()).size());
            assertEquals(2, store.read(tx -> tx.spaces().findAll()).size());
        }
        assertTrue(Files.exists(loc.keyDir().resolve(storeId + ".rows-sealed")));
        try (Store store = Fixtures.open(tmp)) {
            assertEquals(1, sealings(store).size(), "sealed once only");
            store.write(tx -> tx.trusts().insert(ids[0], ids[1], TrustKind.DEPLOYMENT_RECEIPTS, Instant.parse("2025-03-03T10:00:00Z"), "alice"));
        }
        // The attacker (0034's review): no master key, the store file, and the v2 check saved before the upgrade. A trust put in,
        // the check put back, the log cut before the sealing; the owner accepts the rollback, as the console offers.
        try (Connection c = h2().sql(); Statement st = c.createStatement(); var check = c.prepareStatement("UPDATE store_info SET master_key_check = ?")) {
            st.executeUpdate("UPDATE trust SET seal = NULL WHERE kind = 'DEPLOYMENT_RECEIPTS'");
            assertEquals(1, st.executeUpdate("INSERT INTO trust (truster_id, trusted_id, kind, created_at, created_by) VALUES ("
                    + ids[0] + ", " + ids[1] + ", 'DEPLOYMENT_RECEIPTS', CURRENT_TIMESTAMP, 'mallory')"));
            check.setBytes(1, v2);
            assertEquals(1, check.executeUpdate());
            assertTrue(st.executeUpdate("DELETE FROM audit_event WHERE seq >= " + sealingSeq) > 0);
        }
        try (Store store = Fixtures.open(tmp)) {
            assertTrue(store.auditWarning().isPresent());
            store.acceptAuditRollback("we restored a backup");
        }
        for (int i = 0; i < 2; i++) {
            try (Store store = Fixtures.open(tmp)) {
                assertEquals(0, sealings(store).size(), "not sealed again");
                Refusal r = assertThrows(Refusal.class, () -> store.read(tx -> tx.trusts().findAll()));
                assertTrue(r.getMessage().startsWith("The trust ('DevTest Space' accepts deployment receipts from 'Prod Space') has no seal"),
                        r.getMessage());
            }
        }
    }

    @Test
    void trustsAndCertificatesOfAStoreWithABrokenAuditLogAreNotSealed() throws Exception {
        StoreLocation loc = Fixtures.location(tmp);
        aTrustAndAChange(h2());
        asVersion14(h2(), loc.keyDir(), null);
        try (Connection c = h2().sql(); Statement st = c.createStatement()) {
            assertEquals(1, st.executeUpdate("UPDATE audit_event SET detail = 'nothing happened' WHERE action = 'test.entry'"));
        }
        try (Store store = Fixtures.open(tmp)) {
            assertEquals(0, sealings(store).size());
            Refusal r = assertThrows(Refusal.class, () -> store.read(tx -> tx.spaces().findAll()));
            assertTrue(r.getMessage().startsWith("The certificate of the space 'DevTest Space' with SHA-256 fingerprint "), r.getMessage());
            assertTrue(r.getMessage().contains(" has no seal"), r.getMessage());
            assertFalse(Files.exists(loc.keyDir().resolve(store.storeId() + ".rows-sealed")));
        }
    }

    /**
     * A team store made before V15 is never sealed in place (0034, 0038): its rows are refused with a sentence that says
     * how to seal them, and that way works: copied into a store file with the key, opened once, copied back.
     */
    @Test
    void aTeamStoreMadeBeforeSealsIsRefusedUntilSealedThroughAStoreFile() throws Exception {
        try (TeamStores team = TeamStores.create(tmp); TeamStores again = TeamStores.create(tmp)) {
            aTrustAndAChange(team(team));
            asVersion14(team(team), team.location.keyDir(), null);
            StoreLocation file = new StoreLocation(tmp.resolve("file"), team.location.keyDir());
            try (Store store = team.open("alice")) {
                assertEquals(0, sealings(store).size());
                Refusal r = assertThrows(Refusal.class, () -> store.read(tx -> tx.trusts().findAll()));
                assertTrue(r.getMessage().contains("This team store was made before trusts and certificates were sealed, and a team store is"
                        + " never sealed in place (any member's login could have added a row). A key holder who has checked every trust")
                        && r.getMessage().endsWith("the sealing takes the rows as they are (decision 0038)."), r.getMessage());
                StoreCopy.copy(store, file);
            }
            try (Store store = Store.open(file, new Fixtures.TickingClock(Fixtures.T0), "alice")) {
                assertEquals(1, sealings(store).size());
                StoreCopy.copy(store, again.location);
            }
            try (Store store = again.open("alice")) {
                assertEquals(1, store.read(tx -> tx.trusts().findAll()).size());
                assertEquals(2, store.read(tx -> tx.spaces().findAll()).size());
                assertInstanceOf(AuditVerification.Intact.class, store.read(tx -> tx.audit().verify()));
            }
        }
    }


    /**
     * Review 2 of 0038: a change checks the row, then updates it, then seals it as it reads it then. On PostgreSQL (read
     * committed) a member's swap that commits between the check and the update is what gets sealed: the member holds the row
     * in an open transaction, the console's confirm checks the old row and waits on the lock, the member commits.
     */
    @Test
    void aCertificateSwappedByAMemberWhileTheConsoleConfirmsItIsNotSealed() throws Exception {
        try (TeamStores team = TeamStores.create(tmp)) {
            long prod;
            try (Store store = team.open("alice")) {
                Fixtures.local(store, "DevTest Space");
                prod = Fixtures.remote(store, "Prod Space").id();
            }
            var attacker = Fixtures.cert("Attacker");
            try (Store store = team.open("alice"); Connection member = team.sql()) {
                member.setAutoCommit(false);
                try (var st = member.prepareStatement("UPDATE certificate SET der = ?, sha256 = ? WHERE space_id = ? AND retired_at IS NULL")) {
                    st.setBytes(1, attacker.der());
                    st.setString(2, attacker.info().fingerprint().hex());
                    st.setLong(3, prod);
                    assertEquals(1, st.executeUpdate());
                }
                var confirm = java.util.concurrent.CompletableFuture.runAsync(() -> store.write(tx -> {
                    tx.spaces().confirmCurrentCertificate(prod);
                    return null;
                }));
                Thread.sleep(1500); // the console has read the row and waits on the member's lock
                member.commit();
                try {
                    confirm.get(30, java.util.concurrent.TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException refused) {
                    // refused: sound
                }
            }
            try (Store store = team.open("alice")) {
                Space read;
                try {
                    read = store.read(tx -> tx.spaces().findById(prod)).orElseThrow();
                } catch (Refusal refused) {
                    return; // the swapped row is refused: sound
                }
                org.junit.jupiter.api.Assertions.assertNotEquals(attacker.info().fingerprint(), read.certificate().fingerprint(), "the member's certificate got the console's seal");
            }
        }
    }

    /** DevTest Space (local) trusts Prod Space (remote) for release bundles, and one audited change; their ids. */
    private static long[] aTrustAndAChange(Engine engine) {
        try (Store store = engine.open()) {
            long dev = Fixtures.local(store, "DevTest Space").id();
            long prod = Fixtures.remote(store, "Prod Space").id();
            store.write(tx -> tx.trusts().insert(dev, prod, TrustKind.RELEASE_BUNDLES, Instant.parse("2025-03-02T10:00:00Z"), "alice"));
            store.write(tx -> tx.audit().append("test.entry", "a change", "before the upgrade"));
            return new long[] {dev, prod};
        }
    }

    /**
     * Puts the store back as version 14 left it: no seal columns, V15 not in Flyway's history, the master-key check v2 (made
     * with the key, as that version made it, or {@code check} as it was saved). Returns the v2 check.
     */
    private static byte[] asVersion14(Engine engine, Path keyDir, byte[] check) throws Exception {
        try (Connection c = engine.sql(); Statement st = c.createStatement()) {
            String storeId;
            try (ResultSet rs = st.executeQuery("SELECT store_id FROM store_info")) {
                assertTrue(rs.next());
                storeId = rs.getString(1);
            }
            if (check == null) {
                var vault = new odcm.persistence.keys.AesGcmKeyVault(odcm.persistence.keys.MasterKeyFile.read(keyDir.resolve(storeId + ".key"))
                        .orElseThrow());
                check = vault.seal(new odcm.model.Secret("ODCM master key check v2: releases sealed".getBytes(StandardCharsets.US_ASCII)),
                        "master-key-check:" + storeId);
                vault.wipe();
            }
            st.executeUpdate("ALTER TABLE trust DROP COLUMN IF EXISTS seal");
            st.executeUpdate("ALTER TABLE certificate DROP COLUMN IF EXISTS seal");
            st.executeUpdate("DROP TABLE IF EXISTS role_grant"); // V19 (roles, after V15) undone first; made again with its grants
            st.executeUpdate("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '19'");
            st.executeUpdate("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '18'"); // V18 (people) is made again as it was
            st.executeUpdate("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '15'");
            for (var t : RowSeals.RECORDS) { // and V16 (decision 0039), which came after
                st.executeUpdate("ALTER TABLE " + t.getName() + " DROP COLUMN IF EXISTS seal");
            }
            st.executeUpdate("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '16'");
            try (var update = c.prepareStatement("UPDATE store_info SET master_key_check = ?")) {
                update.setBytes(1, check);
                assertEquals(1, update.executeUpdate());
            }
            return check;
        }
    }

    private static List<AuditEntry> sealings(Store store) {
        return store.read(tx -> tx.audit().list(null)).stream().filter(e -> e.action().equals(ROWS_SEALED)).toList();
    }

    private static String seal(Engine engine, String query) throws SQLException {
        try (Connection c = engine.sql(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(query)) {
            assertTrue(rs.next());
            return rs.getString(1);
        }
    }
}

package odcm.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import odcm.model.Refusal;
import odcm.model.audit.AuditFilter;
import odcm.model.audit.AuditVerification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decision 0044: an embedded store's audit head missing, or not its own, is never replaced by a head started from the
 * store's own end; each class of the fault on the real H2 store and real head files: the head deleted (with an older copy
 * put back, with the log cut or emptied by hand), the location beside the store edited too, a dangling link in its place,
 * another store's head or this store's head of another folder put there, an empty or cut head, the key folder swapped for
 * one holding only the key; and the legitimate paths: a new store, an older head of this store with the newer store, a
 * copy made by hand and accepted, and {@code store copy}.
 */
class AuditHeadMissingTest {
    @TempDir
    Path tmp;

    @org.junit.jupiter.api.BeforeEach
    void embedded() {
        org.junit.jupiter.api.Assumptions.assumeFalse(TestDatabases.onTeamStore(), "the embedded store's head (a team store: TeamStoreTest)");
    }

    @Test
    void anOlderCopyPutBackWithItsHeadDeletedIsRefusedUntilAcceptedAndTheHeadIsNeverMadeFromItsEnd() throws Exception {
        StoreLocation at = Fixtures.location(tmp);
        Path old = tmp.resolve("old.mv.db");
        Path head;
        try (Store store = Fixtures.open(tmp)) {
            append(store, "A");
            append(store, "B");
            head = at.auditHeadFile(store.storeId());
        }
        Files.copy(at.databaseFile(), old);
        try (Store store = Fixtures.open(tmp)) {
            append(store, "C");
        }
        Files.copy(old, at.databaseFile(), StandardCopyOption.REPLACE_EXISTING);
        Files.delete(head);
        for (int open = 0; open < 2; open++) { // refused, and still after a restart: nothing made a head meanwhile
            try (Store store = Fixtures.open(tmp)) {
                String warning = store.auditWarning().orElseThrow(() -> new AssertionError("a missing head not said on open"));
                assertEquals("The audit head file " + head + " is missing, so whether this store was rolled back cannot be told.", warning);
                Refusal r = assertThrows(Refusal.class, () -> append(store, "D"));
                assertTrue(r.getMessage().startsWith(warning + " Nothing was changed.") && r.getMessage().contains("odcm audit accept-rollback"),
                        r.getMessage());
                assertThrows(Refusal.class, () -> Fixtures.local(store, "Sneaky Space"), "every change");
                assertInstanceOf(AuditVerification.PartlyChecked.class, verify(store));
                assertEquals(2, store.read(tx -> tx.audit().list(AuditFilter.ALL)).size(), "nothing was written");
            }
            assertFalse(Files.exists(head), "no head was made from the store's own end");
        }
        try (Store store = Fixtures.open(tmp)) {
            var accepted = store.acceptAuditRollback("restored the head-less backup on purpose");
            assertTrue(accepted.detail().startsWith("The audit head file " + head + " is missing"), accepted.detail());
            assertTrue(store.auditWarning().isEmpty());
            append(store, "D");
            assertEquals(new AuditVerification.Intact(4), verify(store));
        }
    }

    @Test
    void theLogCutOrEmptiedByHandWithTheHeadDeletedIsRefused() throws Exception {
        Path head;
        try (Store store = Fixtures.open(tmp)) {
            Fixtures.local(store, "Prod Space"); // a row besides the log
            append(store, "A");
            append(store, "B");
            head = Fixtures.location(tmp).auditHeadFile(store.storeId());
        }
        sql("DELETE FROM audit_event WHERE seq >= 2");
        Files.delete(head);
        try (Store store = Fixtures.open(tmp)) {
            assertTrue(store.auditWarning().orElseThrow().contains(head + " is missing"));
            assertThrows(Refusal.class, () -> append(store, "C"));
        }
        sql("DELETE FROM audit_event");
        try (Store store = Fixtures.open(tmp)) {
            // an empty log in a store that holds rows lost its log: no sign of a new store
            assertTrue(store.auditWarning().orElseThrow().contains(head + " is missing"));
            assertInstanceOf(AuditVerification.PartlyChecked.class, verify(store));
            assertThrows(Refusal.class, () -> append(store, "C"));
            assertFalse(Files.exists(head));
        }
    }

    @Test
    void aNewStoreStartsItsHeadWithItsFirstChange() {
        try (Store store = Fixtures.open(tmp)) {
            assertTrue(store.auditWarning().isEmpty());
            assertEquals(new AuditVerification.Intact(0), verify(store));
            append(store, "A");
            assertTrue(Files.exists(Fixtures.location(tmp).auditHeadFile(store.storeId())));
            assertEquals(new AuditVerification.Intact(1), verify(store));
        }
        try (Store store = Fixtures.open(tmp)) {
            assertTrue(store.auditWarning().isEmpty());
            append(store, "B");
        }
    }

    @Test
    void theLocationBesideTheStoreEditedWithTheHeadDeletedIsNoCopyAndIsRefused() throws Exception {
        StoreLocation at = Fixtures.location(tmp);
        Path head;
        try (Store store = Fixtures.open(tmp)) {
            append(store, "A");
            head = at.auditHeadFile(store.storeId());
        }
        Files.delete(head);
        Files.writeString(at.locationFile(), tmp.resolve("elsewhere") + "\n");
        try (Store store = Fixtures.open(tmp)) {
            String warning = store.auditWarning().orElseThrow();
            assertEquals("This store was last opened in " + tmp.resolve("elsewhere") + " and has no audit head in this folder (" + head
                    + "): it was copied, moved or restored here by hand, or its head file was deleted, so whether it was rolled back"
                    + " cannot be told.", warning);
            assertThrows(Refusal.class, () -> append(store, "B"));
            assertTrue(store.read(tx -> tx.audit().list(new AuditFilter("store.copied", null, null))).isEmpty(), "no copy recorded");
        }
        assertFalse(Files.exists(head));
    }

    @Test
    void aDanglingLinkInPlaceOfTheHeadIsAMissingHead() throws Exception {
        Path head;
        try (Store store = Fixtures.open(tmp)) {
            append(store, "A");
            head = Fixtures.location(tmp).auditHeadFile(store.storeId());
        }
        Files.delete(head);
        Files.createSymbolicLink(head, tmp.resolve("nowhere"));
        try (Store store = Fixtures.open(tmp)) {
            assertTrue(store.auditWarning().orElseThrow().contains(" is missing"));
            assertThrows(Refusal.class, () -> append(store, "B"));
        }
    }

    @Test
    void aHeadThatIsNotThisStoresHereIsNotBelievedAndRefused() throws Exception {
        StoreLocation at = Fixtures.location(tmp);
        StoreLocation other = new StoreLocation(tmp.resolve("other"), at.keyDir());
        Path head;
        String id;
        try (Store store = Fixtures.open(tmp)) {
            append(store, "A");
            append(store, "B");
            head = at.auditHeadFile(store.storeId());
            id = store.storeId();
        }
        Path otherHead;
        try (Store store = Store.open(other, new Fixtures.TickingClock(Fixtures.T0), "alice")) {
            append(store, "X");
            otherHead = other.auditHeadFile(store.storeId());
        }
        String own = Files.readString(head);
        // another store's head; this store's head of another folder (a copy's); an empty head; a head cut short
        StoreLocation copy = new StoreLocation(tmp.resolve("copy"), at.keyDir());
        AuditRollbackTest.copyFolder(at.storeDir(), copy.storeDir());
        try (Store store = Store.open(copy, new Fixtures.TickingClock(Fixtures.T0), "alice")) {
            store.acceptAuditRollback("a copy made by hand for this test");
        }
        String[] notOurs = {Files.readString(otherHead), Files.readString(copy.auditHeadFile(id)), "", own.substring(0, own.length() / 2)};
        for (String text : notOurs) {
            Files.writeString(head, text);
            try (Store store = Fixtures.open(tmp)) {
                String warning = store.auditWarning().orElseThrow(() -> new AssertionError("believed: " + text));
                assertEquals("The audit head file " + head + " was altered or belongs to another store, so whether this store was rolled"
                        + " back cannot be told.", warning);
                assertThrows(Refusal.class, () -> append(store, "C"));
            }
        }
        Files.writeString(head, own);
        try (Store store = Fixtures.open(tmp)) {
            assertTrue(store.auditWarning().isEmpty());
        }
    }

    @Test
    void aKeyFolderHoldingOnlyTheKeyIsAMissingHeadWhileAnOlderHeadOfThisStoreWithTheNewerStoreIsFine() throws Exception {
        StoreLocation at = Fixtures.location(tmp);
        Path head;
        byte[] olderHead;
        try (Store store = Fixtures.open(tmp)) {
            append(store, "A");
            head = at.auditHeadFile(store.storeId());
            olderHead = Files.readAllBytes(head);
            append(store, "B");
        }
        // The key folder swapped for another machine's that holds this store's key and nothing else.
        Path keys = at.keyDir();
        Path swapped = tmp.resolve("swapped-keys");
        Files.move(keys, tmp.resolve("keys-away"));
        Files.createDirectories(swapped);
        try (var files = Files.list(tmp.resolve("keys-away"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".key")).toList()) {
                Files.copy(f, swapped.resolve(f.getFileName()));
            }
        }
        Files.move(swapped, keys);
        try (Store store = Fixtures.open(tmp)) {
            assertTrue(store.auditWarning().orElseThrow().contains(head + " is missing"));
            assertThrows(Refusal.class, () -> append(store, "C"));
        }
        // An older head of this store (a backup of the key folder) with the newer store: the store goes on past it.
        Files.write(head, olderHead);
        try (Store store = Fixtures.open(tmp)) {
            assertTrue(store.auditWarning().isEmpty());
            append(store, "C");
            assertEquals(new AuditVerification.Intact(3), verify(store));
        }
    }

    @Test
    void aStoreCopiedByHandIsAcceptedOnceAndStoreCopyNeedsNoStep() throws Exception {
        StoreLocation a = Fixtures.location(tmp);
        StoreLocation b = new StoreLocation(tmp.resolve("copy"), a.keyDir());
        try (Store store = Fixtures.open(tmp)) {
            append(store, "A");
        }
        AuditRollbackTest.copyFolder(a.storeDir(), b.storeDir());
        try (Store copy = Store.open(b, new Fixtures.TickingClock(Fixtures.T0), "bob")) {
            assertTrue(copy.auditWarning().orElseThrow().startsWith("This store was last opened in " + a.storeDir() + " and has no audit head"));
            assertThrows(Refusal.class, () -> append(copy, "in the copy"));
            copy.acceptAuditRollback("copied here to try the upgrade");
            append(copy, "in the copy");
        }
        try (Store copy = Store.open(b, new Fixtures.TickingClock(Fixtures.T0), "bob")) {
            assertTrue(copy.auditWarning().isEmpty(), copy.auditWarning().toString());
            assertEquals(b.storeDir().toString(), Files.readString(b.locationFile()).strip());
            assertEquals(new AuditVerification.Intact(3), verify(copy));
        }
        try (Store original = Fixtures.open(tmp)) {
            assertTrue(original.auditWarning().isEmpty(), "the copy's head is its own");
            append(original, "B");
            StoreLocation c = new StoreLocation(tmp.resolve("made-by-store-copy"), a.keyDir());
            StoreCopy.copy(original, c);
            try (Store copied = Store.open(c, new Fixtures.TickingClock(Fixtures.T0), "alice")) {
                assertTrue(copied.auditWarning().isEmpty(), copied.auditWarning().toString());
                append(copied, "in the copy");
                assertEquals(new AuditVerification.Intact(4), verify(copied));
            }
        }
    }

    private static void append(Store store, String subject) {
        store.write(tx -> tx.audit().append("space.create", subject, ""));
    }

    private static AuditVerification verify(Store store) {
        return store.read(tx -> tx.audit().verify());
    }

    private void sql(String statement) throws Exception {
        try (Connection c = DriverManager.getConnection(Store.jdbcUrl(Fixtures.location(tmp)), "sa", "");
             Statement s = c.createStatement()) {
            s.executeUpdate(statement);
        }
    }
}

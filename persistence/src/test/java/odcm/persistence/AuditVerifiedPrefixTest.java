package odcm.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import odcm.model.audit.AuditEntry;
import odcm.model.audit.AuditVerification;
import odcm.persistence.audit.AuditLog;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decision 0044, "Verified prefix": an open store verifies its audit log once and then only what was appended, and every entry
 * a decision relies on is checked to be the very entry verified at its place. Each test changes the log under an open store
 * (as the owner's login of a team store could, or a writer of the H2 file ignoring its lock) with plain SQL on the store's
 * own connection, and shows what is still caught: a relied-upon entry changed, replaced by a genuine entry of another copy of
 * the store, or an entry removed before it; and that nothing is taken for tampering after a write rolls back.
 */
class AuditVerifiedPrefixTest {
    @TempDir
    Path tmp;

    @Test
    void aReliedUponEntryChangedAfterTheLogWasVerifiedIsCaughtWhenRead() {
        assumeEmbedded();
        try (Store store = Fixtures.open(tmp)) {
            append(store, "release.import", "bundle 1");
            append(store, "space.create", "A");
            assertEquals(new AuditVerification.Intact(2), imports(store).log());
            sql(store, "UPDATE audit_event SET subject = 'bundle 2' WHERE seq = 1");
            AuditLog.Verified v = imports(store);
            AuditVerification.Broken b = assertInstanceOf(AuditVerification.Broken.class, v.log());
            assertTrue(b.sentence().contains("entry 1 is not the entry verified at its place"), b.sentence());
            // a change of an entry no decision reads now is found by the full walk that audit verify runs
            sql(store, "UPDATE audit_event SET subject = 'bundle 1' WHERE seq = 1");
            sql(store, "UPDATE audit_event SET subject = 'B' WHERE seq = 2");
            assertEquals(new AuditVerification.Intact(2), imports(store).log());
            assertInstanceOf(AuditVerification.Broken.class, store.read(tx -> tx.audit().verify()));
        }
    }

    @Test
    void anEntryReplacedByAGenuineEntryOfAnotherCopyOfTheStoreIsCaught() throws Exception {
        assumeEmbedded();
        StoreLocation a = Fixtures.location(tmp);
        StoreLocation b = new StoreLocation(tmp.resolve("copy"), a.keyDir());
        try (Store store = Fixtures.open(tmp)) {
            append(store, "space.create", "A");
        }
        AuditRollbackTest.copyFolder(a.storeDir(), b.storeDir());
        AuditEntry theirs;
        try (Store copy = Store.open(b, new Fixtures.TickingClock(Fixtures.T0), "alice")) {
            copy.acceptAuditRollback("a copy"); // entry 2 in the copy
            theirs = copy.write(tx -> tx.audit().append("release.import", "bundle 9 from the copy", "")); // entry 3, same key
        }
        try (Store store = Fixtures.open(tmp)) {
            append(store, "space.create", "B");
            append(store, "space.create", "C"); // entry 3 here
            append(store, "space.create", "D"); // and one after it: the verified end stays as it was
            assertTrue(imports(store).entries().isEmpty());
            sql(store, "UPDATE audit_event SET action = '" + theirs.action() + "', subject = '" + theirs.subject() + "', detail = '',"
                    + " at = (SELECT at FROM audit_event WHERE seq = 3), os_user = '" + theirs.osUser() + "', prev_hash = '" + theirs.prevHash()
                    + "', hash = '" + theirs.hash() + "' WHERE seq = 3");
            AuditLog.Verified v = imports(store);
            assertInstanceOf(AuditVerification.Broken.class, v.log(), "the copy's entry 3 is genuine, but not the one verified here");
        }
    }

    @Test
    void anEntryRemovedBeforeTheVerifiedEndIsCaught() {
        assumeEmbedded();
        try (Store store = Fixtures.open(tmp)) {
            append(store, "release.import", "bundle 1");
            append(store, "release.import", "bundle 2");
            append(store, "space.create", "A");
            assertEquals(2, imports(store).entries().size());
            sql(store, "DELETE FROM audit_event WHERE seq = 2");
            AuditVerification.Broken b = assertInstanceOf(AuditVerification.Broken.class, imports(store).log());
            assertEquals("The audit log has been tampered with: entry 2 is missing; the log jumps to entry 3.", b.sentence());
        }
    }

    @Test
    void entriesOfAWriteThatRolledBackAreForgottenSoTheNextOnesAreNotTakenForTampering() {
        try (Store store = Fixtures.open(tmp)) {
            append(store, "release.import", "bundle 1");
            assertThrows(IllegalStateException.class, () -> store.write(tx -> {
                tx.audit().append("release.import", "bundle 2 (rolled back)", "");
                assertEquals(2, tx.audit().verifiedWithAction("release.import").entries().size(), "its own entry, verified");
                throw new IllegalStateException("the import fails after its entry");
            }));
            append(store, "release.import", "bundle 3"); // entry 2 again, another one
            AuditLog.Verified v = imports(store);
            assertEquals(new AuditVerification.Intact(2), v.log());
            assertEquals(List.of("bundle 1", "bundle 3"), v.entries().stream().map(AuditEntry::subject).toList());
        }
    }

    @Test
    void entriesAppendedByAnotherConsoleOfATeamStoreAreVerifiedAsTheyCome() {
        Assumptions.assumeTrue(TestDatabases.onTeamStore(), "a team store: two consoles on one store");
        StoreLocation at = Fixtures.location(tmp);
        try (Store mine = Fixtures.open(tmp)) {
            copyKey(at, mine, tmp.resolve("other-keys")); // the key handed to the other member; no head of theirs yet
        }
        Path otherKeys = tmp.resolve("other-keys");
        try (Store mine = Fixtures.open(tmp)) {
            append(mine, "release.import", "bundle 1");
            assertEquals(1, imports(mine).entries().size());
            try (Store theirs = Store.open(new StoreLocation(tmp.resolve("other-machine"), otherKeys, at.server()),
                    new Fixtures.TickingClock(Fixtures.T0), "bob")) {
                assertTrue(theirs.auditWarning().isEmpty(), "a machine joining a team store has no head yet, and is not refused");
                append(theirs, "release.import", "bundle 2");
            }
            AuditLog.Verified v = imports(mine);
            assertTrue(v.log().isIntact(), v.log().sentence());
            assertEquals(2, v.entries().size());
        }
    }

    private static void copyKey(StoreLocation at, Store store, Path otherKeys) {
        try {
            java.nio.file.Files.createDirectories(otherKeys);
            java.nio.file.Files.copy(at.keyFile(store.storeId()), otherKeys.resolve(at.keyFile(store.storeId()).getFileName()),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void assumeEmbedded() {
        Assumptions.assumeFalse(TestDatabases.onTeamStore(), "plain SQL on the open H2 store's own connection");
    }

    private static AuditLog.Verified imports(Store store) {
        return store.read(tx -> tx.audit().verifiedWithAction("release.import"));
    }

    private static void append(Store store, String action, String subject) {
        store.write(tx -> tx.audit().append(action, subject, ""));
    }

    /** Plain SQL on the open store's own connection: what someone writing the database under it could do. */
    private static void sql(Store store, String statement) {
        store.readTables((tx, dsl) -> dsl.execute(statement));
    }
}

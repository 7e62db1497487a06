package odcm.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import odcm.model.Refusal;
import odcm.model.audit.AuditEntry;
import odcm.model.audit.AuditFilter;
import odcm.model.space.Space;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 goal 2: a command that only reads opens the store the light way ({@link Store#openForReading}): it writes
 * nothing (not even H2's file header), while the checks of a full open still hold (lock, older schema, copied store,
 * audit head).
 */
class StoreReadingTest {
    @TempDir
    Path tmp;

    @Test
    void aReadLeavesEveryFileOfTheStoreAndItsKeyFolderByteForByte() throws Exception {
        StoreLocation at = Fixtures.location(tmp);
        try (Store store = Fixtures.open(tmp)) {
            Fixtures.local(store, "DevTest Space");
            append(store, "DevTest Space");
        }
        Map<String, String> before = files(at);
        try (Store store = Store.openForReading(at)) {
            assertEquals(List.of("DevTest Space"), store.read(tx -> tx.spaces().findAll()).stream().map(Space::name).toList());
            assertTrue(store.auditWarning().isEmpty(), store.auditWarning().toString());
            assertTrue(store.read(tx -> tx.audit().verify()).isIntact());
        }
        assertEquals(before, files(at));
    }

    @Test
    void aStoreOpenedForReadingRefusesAWriteAndChangesNothing() throws Exception {
        StoreLocation at = Fixtures.location(tmp);
        try (Store store = Fixtures.open(tmp)) {
            Fixtures.local(store, "DevTest Space");
        }
        Map<String, String> before = files(at);
        try (Store store = Store.openForReading(at)) {
            assertThrows(IllegalStateException.class, () -> Fixtures.local(store, "QA Space"));
            assertThrows(IllegalStateException.class, () -> append(store, "QA Space"));
        }
        assertEquals(before, files(at));
        try (Store store = Fixtures.open(tmp)) {
            assertEquals(List.of("DevTest Space"), store.read(tx -> tx.spaces().findAll()).stream().map(Space::name).toList());
        }
    }

    @Test
    void aReadWhileTheStoreIsInUseIsRefusedNamingTheStore() {
        try (Store first = Fixtures.open(tmp)) {
            Refusal r = assertThrows(Refusal.class, () -> Store.openForReading(first.location()));
            assertTrue(r.getMessage().startsWith("The store at " + first.location().storeDir() + " is in use"), r.getMessage());
        }
    }

    @Test
    void aReadOnAStoreOfAnOlderSchemaBringsItUpToDateFirst() throws Exception {
        StoreLocation at = Fixtures.location(tmp);
        try (Store store = Fixtures.open(tmp)) {
            Fixtures.local(store, "DevTest Space");
        }
        // The store as the version before migration 11 left it (14, 13 and 12 undone first; V15's seal columns are kept, V15
        // adds them only where they are missing).
        try (Connection c = DriverManager.getConnection(Store.jdbcUrl(at), "sa", ""); Statement s = c.createStatement()) {
            TestDatabases.undoLooseningProposals(s); // V23 (loosening proposals, 0043) undone before all, made again
            TestDatabases.undoReviewOfDuties(s); // V22 (the duties' review, 0043) undone before all, made again
            TestDatabases.undoSeparationOfDuties(s); // V21 (duties) undone first
            TestDatabases.undoRolesEnforced(s); // V20 (roles enforced, decision 0042)
            s.executeUpdate("DROP TABLE role_grant"); // then V19 (roles)
            s.executeUpdate("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '19'");
            s.executeUpdate("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '18'"); // made again as it was
            s.executeUpdate("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '16'"); // V16's too (0039)
            s.executeUpdate("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '15'");
            for (String table : List.of("space", "environment", "lifecycle", "project")) {
                s.executeUpdate("ALTER TABLE " + table + " DROP COLUMN version");
            }
            s.executeUpdate("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '14'");
            s.executeUpdate("DROP TABLE release_seal");
            s.executeUpdate("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '13'");
            s.executeUpdate("DROP TABLE release_bundle_parts");
            s.executeUpdate("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '12'");
            s.executeUpdate("DROP TRIGGER trg_release_origin");
            s.executeUpdate("DROP TRIGGER trg_project_origin");
            s.executeUpdate("ALTER TABLE release DROP CONSTRAINT fk_release_source_space");
            s.executeUpdate("ALTER TABLE release DROP COLUMN source_space_id");
            s.executeUpdate("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '11'");
        }
        assertTrue(!StoreProbe.check(at), "the store is older than this build");
        try (Store store = Store.openForReading(at)) {
            assertEquals(List.of("DevTest Space"), store.read(tx -> tx.spaces().findAll()).stream().map(Space::name).toList());
        }
        assertTrue(StoreProbe.check(at), "the read brought the store up to date");
    }

    @Test
    void aStoreCopiedByHandAndReadFirstIsSaidToHaveNoHeadUntilAcceptedThenReadsWithoutAnAlarm() throws Exception {
        StoreLocation a = Fixtures.location(tmp);
        StoreLocation b = new StoreLocation(tmp.resolve("copy"), a.keyDir());
        try (Store store = Fixtures.open(tmp)) {
            append(store, "A");
        }
        AuditRollbackTest.copyFolder(a.storeDir(), b.storeDir());
        try (Store copy = Store.openForReading(b)) { // decision 0044: no head is started from a copy's own end
            assertTrue(copy.auditWarning().orElseThrow().startsWith("This store was last opened in " + a.storeDir()), copy.auditWarning().toString());
            assertTrue(copy.read(tx -> tx.audit().list(new AuditFilter("store.copied", null, null))).isEmpty());
        }
        assertEquals(a.storeDir().toString(), Files.readString(b.locationFile()).strip(), "not at home here until accepted");
        try (Store copy = Store.open(b)) {
            copy.acceptAuditRollback("a copy made by hand");
        }
        assertEquals(b.storeDir().toString(), Files.readString(b.locationFile()).strip());
        try (Store copy = Store.openForReading(b)) {
            assertTrue(copy.auditWarning().isEmpty(), copy.auditWarning().toString());
            assertTrue(copy.read(tx -> tx.audit().verify()).isIntact());
        }
    }

    @Test
    void aStoreBehindItsAuditHeadIsStillSaidOnARead() throws Exception {
        StoreLocation at = Fixtures.location(tmp);
        Path old = tmp.resolve("old.mv.db");
        try (Store store = Fixtures.open(tmp)) {
            append(store, "A");
        }
        Files.copy(at.databaseFile(), old);
        try (Store store = Fixtures.open(tmp)) {
            append(store, "B");
        }
        Files.copy(old, at.databaseFile(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        try (Store store = Store.openForReading(at)) {
            String warning = store.auditWarning().orElseThrow(() -> new AssertionError("a rolled-back store not said on a read"));
            assertTrue(warning.contains("behind its audit head"), warning);
        }
    }

    private static void append(Store store, String subject) {
        store.write(tx -> tx.audit().append("space.create", subject, ""));
    }

    /** Every file of the store folder and the key folder, by name, with its SHA-256 (the lock file holds only a pid). */
    private static Map<String, String> files(StoreLocation at) throws IOException {
        Map<String, String> all = new TreeMap<>();
        for (Path dir : List.of(at.storeDir(), at.keyDir())) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    if (!f.equals(at.lockFile())) {
                        all.put(f.toString(), Fixtures.fileHash(f) + " " + Files.getLastModifiedTime(f));
                    }
                }
            }
        }
        return all;
    }
}

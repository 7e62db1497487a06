package odcm.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import odcm.model.Refusal;
import odcm.model.audit.AuditEntry;
import odcm.model.audit.AuditFilter;
import odcm.model.audit.AuditVerification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 point 8 and the key-folder part of point 11, with real files: an older odcm.mv.db copied over the store,
 * a store folder copied elsewhere sharing the key folder, a damaged last chunk, a key folder where the head cannot be
 * written, and a restore from backup as the README describes it.
 */
class AuditRollbackTest {
    @TempDir
    Path tmp;

    @Test
    void anOlderStoreCopiedBackIsRefusedForWritesAndNeverForgotten() throws Exception {
        StoreLocation at = Fixtures.location(tmp);
        Path old = tmp.resolve("old.mv.db");
        try (Store store = Fixtures.open(tmp)) {
            append(store, "A");
            append(store, "B");
        }
        Files.copy(at.databaseFile(), old);
        try (Store store = Fixtures.open(tmp)) {
            append(store, "C");
            append(store, "D");
        }
        Files.copy(old, at.databaseFile(), StandardCopyOption.REPLACE_EXISTING);
        try (Store store = Fixtures.open(tmp)) {
            String warning = store.auditWarning().orElseThrow();
            assertTrue(warning.startsWith("This store is behind its audit head " + at.auditHeadFile(store.storeId())), warning);
            assertTrue(warning.endsWith("entries 3 to 4 were removed from the end of the audit log."), warning);
            Refusal r = assertThrows(Refusal.class, () -> append(store, "E"));
            assertTrue(r.getMessage().startsWith(warning + " Nothing was changed."), r.getMessage());
            assertTrue(r.getMessage().contains("odcm audit accept-rollback --reason"), r.getMessage());
            assertThrows(Refusal.class, () -> Fixtures.local(store, "Sneaky Space"), "every change, not only a bare audit append");
            assertEquals(new AuditVerification.Truncated(3, 4), verify(store));
            assertEquals(2, store.read(tx -> tx.audit().list(AuditFilter.ALL)).size(), "nothing was written");
        }
        try (Store store = Fixtures.open(tmp)) { // and still after a restart
            assertEquals(new AuditVerification.Truncated(3, 4), verify(store));
            AuditEntry accepted = store.acceptAuditRollback("restored the March backup on purpose");
            assertEquals("audit.rollback-accepted", accepted.action());
            assertTrue(accepted.detail().contains("entries 3 to 4 were removed") && accepted.detail().endsWith("Accepted: restored the March backup on purpose"),
                    accepted.detail());
            assertTrue(store.auditWarning().isEmpty());
            assertEquals(new AuditVerification.Intact(3), verify(store));
            append(store, "E");
            assertEquals(new AuditVerification.Intact(4), verify(store));
            Refusal nothing = assertThrows(Refusal.class, () -> store.acceptAuditRollback("again"));
            assertTrue(nothing.getMessage().contains("there is no rollback to accept"), nothing.getMessage());
        }
    }

    @Test
    void aStoreFolderCopiedElsewhereAndItsOriginalShareTheKeyFolderWithoutFalseAlarms() throws Exception {
        StoreLocation a = Fixtures.location(tmp);
        StoreLocation b = new StoreLocation(tmp.resolve("copy"), a.keyDir());
        try (Store store = Fixtures.open(tmp)) {
            append(store, "A");
        }
        copyFolder(a.storeDir(), b.storeDir());
        try (Store copy = Store.open(b, new Fixtures.TickingClock(Fixtures.T0), "bob")) {
            // a copy made by hand has no head here: accepted once, on purpose (decision 0044)
            assertTrue(copy.auditWarning().orElseThrow().startsWith("This store was last opened in " + a.storeDir()));
            copy.acceptAuditRollback("copied for the test");
        }
        for (int round = 0; round < 2; round++) {
            try (Store copy = Store.open(b, new Fixtures.TickingClock(Fixtures.T0), "bob")) {
                assertTrue(copy.auditWarning().isEmpty(), copy.auditWarning().toString());
                append(copy, "in the copy " + round);
                assertTrue(verify(copy).isIntact(), verify(copy).sentence());
            }
            try (Store original = Fixtures.open(tmp)) {
                assertTrue(original.auditWarning().isEmpty(), original.auditWarning().toString());
                append(original, "in the original " + round);
                append(original, "in the original again " + round);
                assertTrue(verify(original).isIntact(), verify(original).sentence());
            }
        }
        try (Store copy = Store.open(b, new Fixtures.TickingClock(Fixtures.T0), "bob")) {
            assertEquals(new AuditVerification.Intact(4), verify(copy));
            AuditEntry copied = copy.read(tx -> tx.audit().list(new AuditFilter("audit.rollback-accepted", null, null))).get(0);
            assertTrue(copied.detail().contains("last opened in " + a.storeDir()) && copied.detail().endsWith("Accepted: copied for the test"),
                    copied.detail());
            assertFalse(a.auditHeadFile(copy.storeId()).equals(b.auditHeadFile(copy.storeId())));
        }
        try (Store original = Fixtures.open(tmp)) {
            assertEquals(new AuditVerification.Intact(5), verify(original));
            assertTrue(original.read(tx -> tx.audit().list(new AuditFilter("audit.rollback-accepted", null, null))).isEmpty());
        }
    }

    @Test
    void aStoreThatLostItsLastCommitSaysSoOnOpen() throws Exception {
        StoreLocation at = Fixtures.location(tmp);
        try (Store store = Fixtures.open(tmp)) {
            append(store, "A");
        }
        // H2 (2.4.240) writes new chunks into the space of chunks dead for longer than its retention time (45 s), and a
        // test store is a copy of the schema Flyway migrated when this JVM opened its first store (decision 0025), so
        // whether that space was free depended on the machine's load. Rewritten by H2's own tool with only its live
        // data, the file has no free space: the later writes go after its end, behind B's chunk, every time. (With the
        // newest chunk in reused space H2 falls back further than B's chunk: see decision 0019, 2026-12-05.)
        org.h2.mvstore.MVStoreTool.compact(at.databaseFile().toString(), false);
        long newestBefore = newestChunk(Files.readAllBytes(at.databaseFile())).id();
        try (Store store = Fixtures.open(tmp)) {
            append(store, "B");
            append(store, "C");
        }
        // the newest chunk's last block zeroed, as a damaged page (found by its header and told by its id)
        Chunk newest = newestChunk(Files.readAllBytes(at.databaseFile()));
        assertTrue(newest.id() > newestBefore, "the later writes added chunks");
        try (RandomAccessFile f = new RandomAccessFile(at.databaseFile().toFile(), "rw")) {
            f.seek(newest.lastBlock());
            f.write(new byte[4096]);
        }
        try (Store store = Fixtures.open(tmp)) { // H2 opens the chunk before the damaged one
            long entries = store.read(tx -> tx.audit().list(AuditFilter.ALL)).size();
            assertEquals(2, entries, "H2 fell back to the chunk before the damaged one");
            String warning = store.auditWarning().orElseThrow(() -> new AssertionError("a lost commit not said on open"));
            assertTrue(warning.contains("its last commit was lost): entry 3 was removed from the end"), warning);
            assertThrows(Refusal.class, () -> append(store, "D"));
        }
    }

    @Test
    void aKeyFolderWhereTheHeadCannotBeWrittenRefusesTheWriteAndChangesNothing() throws Exception {
        StoreLocation at = Fixtures.location(tmp);
        Path head;
        String before;
        try (Store store = Fixtures.open(tmp)) {
            append(store, "A");
            head = at.auditHeadFile(store.storeId());
            before = Files.readString(head);
            // A non-empty folder where the head's temporary file goes: no write there succeeds, not even for root.
            Files.createDirectories(odcm.persistence.audit.AuditHeadFile.temporary(head).resolve("blocker"));
            Refusal r = assertThrows(Refusal.class, () -> store.write(tx -> {
                tx.audit().append("space.create", "QA Space", "");
                return Fixtures.local(store, "QA Space");
            }));
            assertTrue(r.getMessage().startsWith("The audit head file " + head + " cannot be written ("), r.getMessage());
            assertTrue(r.getMessage().contains("so nothing was changed") && r.getMessage().contains("key folder " + at.keyDir()), r.getMessage());
            assertTrue(store.read(tx -> tx.spaces().findAll()).isEmpty(), "the space was rolled back");
            assertEquals(1, store.read(tx -> tx.audit().list(AuditFilter.ALL)).size());
            assertEquals(before, Files.readString(head));
            assertEquals(new AuditVerification.Intact(1), verify(store));
        }
        deleteFolder(odcm.persistence.audit.AuditHeadFile.temporary(head));
        // A head path that cannot be read (a folder stands there) refuses too, naming it.
        Files.delete(head);
        Files.createDirectories(head.resolve("blocker"));
        try (Store store = Fixtures.open(tmp)) {
            assertTrue(store.auditWarning().orElseThrow().startsWith("The audit head file " + head + " cannot be read"));
            Refusal r = assertThrows(Refusal.class, () -> append(store, "B"));
            assertTrue(r.getMessage().contains("Nothing was changed."), r.getMessage());
            assertEquals(1, store.read(tx -> tx.audit().list(AuditFilter.ALL)).size());
        }
    }

    @Test
    void restoringStoreAndHeadFromTheSameBackupIsIntactAndAStaleHeadIsCaught() throws Exception {
        StoreLocation at = Fixtures.location(tmp);
        Path backup = tmp.resolve("backup");
        String id;
        try (Store store = Fixtures.open(tmp)) {
            id = store.storeId();
            append(store, "A");
        }
        // README: close the console, copy the store folder, and copy the key file (with the head file beside it)
        copyFolder(at.storeDir(), backup.resolve("store"));
        copyFolder(at.keyDir(), backup.resolve("keys"));
        try (Store store = Fixtures.open(tmp)) {
            append(store, "B");
        }
        // restore both: intact, and writable
        copyFolder(backup.resolve("store"), at.storeDir());
        copyFolder(backup.resolve("keys"), at.keyDir());
        try (Store store = Fixtures.open(tmp)) {
            assertTrue(store.auditWarning().isEmpty());
            assertEquals(new AuditVerification.Intact(1), verify(store));
            append(store, "C");
        }
        // restore the store alone, leaving the newer head: caught, and writes refused
        copyFolder(backup.resolve("store"), at.storeDir());
        try (Store store = Fixtures.open(tmp)) {
            assertEquals(new AuditVerification.Truncated(2, 2), verify(store));
            assertThrows(Refusal.class, () -> append(store, "D"));
        }
        // restore a backup into another folder (another machine, another path): a copy with no head there, accepted on
        // purpose once (decision 0044), then with its own head
        StoreLocation elsewhere = new StoreLocation(tmp.resolve("elsewhere"), at.keyDir());
        copyFolder(backup.resolve("store"), elsewhere.storeDir());
        try (Store store = Store.open(elsewhere, new Fixtures.TickingClock(Fixtures.T0), "alice")) {
            assertEquals(id, store.storeId());
            assertTrue(store.auditWarning().orElseThrow().contains("has no audit head in this folder"));
            store.acceptAuditRollback("the March backup restored on the new laptop");
            assertTrue(store.auditWarning().isEmpty());
            assertEquals(new AuditVerification.Intact(2), verify(store));
        }
    }

    private static void append(Store store, String subject) {
        store.write(tx -> tx.audit().append("space.create", subject, ""));
    }

    private static AuditVerification verify(Store store) {
        return store.read(tx -> tx.audit().verify());
    }

    /** Copies the files of a folder into another (replacing files of the same name), as a user restoring a backup would. */
    static void copyFolder(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path f : files.toList()) {
                if (Files.isRegularFile(f) && !f.getFileName().toString().equals("odcm.lock")) {
                    Files.copy(f, to.resolve(f.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteFolder(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static final java.util.regex.Pattern CHUNK_HEADER = java.util.regex.Pattern.compile("^chunk:([0-9a-f]+),len:([0-9a-f]+),");

    /** A chunk of an H2 MVStore file: its id and the offset of its last 4,096-byte block. */
    record Chunk(long id, long lastBlock) {}

    /**
     * The newest chunk of an H2 MVStore file: chunks start on a 4,096-byte block with a text header
     * "chunk:&lt;id&gt;,len:&lt;blocks&gt;,..." (hexadecimal), the newest having the highest id wherever it lies in the file.
     */
    static Chunk newestChunk(byte[] file) {
        Chunk newest = null;
        for (int block = 0; (long) block * 4096 + 64 <= file.length; block++) {
            String head = new String(file, block * 4096, 64, java.nio.charset.StandardCharsets.ISO_8859_1);
            java.util.regex.Matcher m = CHUNK_HEADER.matcher(head);
            if (m.find() && (newest == null || Long.parseLong(m.group(1), 16) > newest.id())) {
                newest = new Chunk(Long.parseLong(m.group(1), 16), (block + Long.parseLong(m.group(2), 16) - 1) * 4096L);
            }
        }
        assertTrue(newest != null, "the store file has chunks");
        return newest;
    }
}

package odcm.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import odcm.model.Refusal;
import odcm.model.audit.AuditEntry;
import odcm.model.audit.AuditFilter;
import odcm.model.audit.AuditVerification;
import odcm.model.space.SpaceName;
import odcm.persistence.keys.MasterKeyState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit log against someone who holds the database file but not the key folder: entries removed from the end,
 * a chain rewritten and re-hashed, the key or the head file gone. Real H2 files, changed behind the store's back.
 */
class AuditTamperTest {
    @TempDir
    Path tmp;

    @Test
    void theHeadFileRecordsTheLastCommittedEntryOwnerOnly() throws Exception {
        Path head;
        try (Store store = Fixtures.open(tmp)) {
            head = Fixtures.location(tmp).auditHeadFile(store.storeId());
            assertFalse(Files.exists(head), "no entry yet, no head");
            List<AuditEntry> e = append4(store);
            String text = Files.readString(head);
            assertTrue(text.contains("seq=4\n") && text.contains("hash=" + e.get(3).hash() + "\n"), text);
            if (head.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(head)));
            }
            assertThrows(IllegalStateException.class, () -> store.write(tx -> {
                tx.audit().append("space.create", "Rolled Back Space", "");
                throw new IllegalStateException("rolled back");
            }));
            assertEquals(text, Files.readString(head), "a rolled-back write leaves the head as it was");
            try (var files = Files.list(head.getParent())) {
                assertEquals(2, files.count(), "the key and the head, no temporary file left: " + head.getParent());
            }
        }
    }

    @Test
    void lastTwoEntriesDeletedAreNamedAsRemovedFromTheEnd() throws Exception {
        try (Store store = Fixtures.open(tmp)) {
            append4(store);
        }
        assertEquals(2, sql("DELETE FROM audit_event WHERE seq >= 3"));
        try (Store store = Fixtures.open(tmp)) {
            AuditVerification v = verify(store);
            assertEquals(new AuditVerification.Truncated(3, 4), v);
            assertEquals("The audit log has been tampered with: entries 3 to 4 were removed from the end of the audit log.", v.sentence());
        }
    }

    @Test
    void aDetailRewrittenAndThePlainSha256ChainRecomputedIsStillBrokenAtThatEntry() throws Exception {
        try (Store store = Fixtures.open(tmp)) {
            append4(store);
        }
        // What the review's attacker does with the database alone: rewrite entry 2, re-hash 2..4 as the old chain did.
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            String prev;
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT hash FROM audit_event WHERE seq = 1")) {
                r.next();
                prev = r.getString(1);
            }
            for (int seq = 2; seq <= 4; seq++) {
                String at;
                String[] f = new String[4];
                try (PreparedStatement q = c.prepareStatement("SELECT at, os_user, action, subject, detail FROM audit_event WHERE seq = ?")) {
                    q.setLong(1, seq);
                    try (ResultSet r = q.executeQuery()) {
                        r.next();
                        at = r.getObject(1, java.time.OffsetDateTime.class).toInstant().toString();
                        for (int i = 0; i < 4; i++) {
                            f[i] = r.getString(i + 2);
                        }
                    }
                }
                if (seq == 2) {
                    f[3] = "nothing to see";
                }
                String hash = plainSha256(prev, seq, at, f[0], f[1], f[2], f[3]);
                try (PreparedStatement u = c.prepareStatement("UPDATE audit_event SET detail = ?, prev_hash = ?, hash = ? WHERE seq = ?")) {
                    u.setString(1, f[3]);
                    u.setString(2, prev);
                    u.setString(3, hash);
                    u.setLong(4, seq);
                    assertEquals(1, u.executeUpdate());
                }
                prev = hash;
            }
            c.commit();
        }
        try (Store store = Fixtures.open(tmp)) {
            AuditVerification.Broken b = assertInstanceOf(AuditVerification.Broken.class, verify(store));
            assertEquals(2, b.firstBrokenSeq());
            assertEquals("The audit log has been tampered with: entry 2 was changed after it was written"
                    + " (its hash no longer matches its content).", b.sentence());
        }
    }

    @Test
    void withoutTheMasterKeyOnlyTheLinksAreCheckedAndAuditedWritesAreRefused() throws Exception {
        Path keyFile;
        try (Store store = Fixtures.open(tmp)) {
            keyFile = store.masterKeyFile();
            append4(store);
        }
        Files.delete(keyFile);
        try (Store store = Fixtures.open(tmp)) {
            assertEquals(MasterKeyState.MISSING, store.masterKeyState());
            AuditVerification v = verify(store);
            assertEquals(new AuditVerification.PartlyChecked("Only the links of the audit log could be checked: the master key is missing,"
                    + " so whether entries were rewritten cannot be told."), v);
            assertFalse(v.isIntact());
            Refusal r = assertThrows(Refusal.class, () -> store.write(tx -> {
                tx.spaces().insertRemote(SpaceName.of("Prod Space"), "", Fixtures.cert("Prod"));
                return tx.audit().append("remote.add", "Prod Space", "added");
            }));
            assertEquals(assertThrows(Refusal.class, store::keyVault).getMessage(), r.getMessage());
            assertTrue(r.getMessage().startsWith("The master key of this store is missing (expected at " + keyFile + ")."), r.getMessage());
            assertTrue(store.read(tx -> tx.spaces().findAll()).isEmpty(), "the refused write left nothing");
            assertEquals(4, store.read(tx -> tx.audit().list(AuditFilter.ALL)).size(), "history stays readable");
        }
        // the links are still checked without the key
        assertEquals(1, sql("DELETE FROM audit_event WHERE seq = 2"));
        try (Store store = Fixtures.open(tmp)) {
            assertEquals(3, assertInstanceOf(AuditVerification.Broken.class, verify(store)).firstBrokenSeq());
        }
    }

    @Test
    void withTheWrongMasterKeyOnlyTheLinksAreChecked() throws Exception {
        Path keyFile;
        try (Store store = Fixtures.open(tmp)) {
            keyFile = store.masterKeyFile();
            append4(store);
        }
        byte[] other = new byte[32];
        new SecureRandom().nextBytes(other);
        Files.write(keyFile, other);
        try (Store store = Fixtures.open(tmp)) {
            assertEquals("Only the links of the audit log could be checked: the key file is not this store's master key,"
                    + " so whether entries were rewritten cannot be told.", verify(store).sentence());
            assertThrows(Refusal.class, () -> store.write(tx -> tx.audit().append("x", "y", "z")));
        }
    }

    @Test
    void aDeletedHeadFileLeavesTheEndUncheckedSaysSoAndIsNotRecordedAgainByTheNextWrite() throws Exception {
        Path head;
        try (Store store = Fixtures.open(tmp)) {
            append4(store);
            head = Fixtures.location(tmp).auditHeadFile(store.storeId());
        }
        Files.delete(head);
        try (Store store = Fixtures.open(tmp)) {
            AuditVerification v = verify(store);
            assertInstanceOf(AuditVerification.PartlyChecked.class, v);
            assertEquals("The end of the audit log cannot be checked: its head file " + head + " is missing, so whether entries were"
                    + " removed from the end cannot be told. The 4 entries in the log are unaltered.", v.sentence());
            // decision 0044: the next write is refused, rather than recording a head from the store's own end
            assertThrows(Refusal.class, () -> store.write(tx -> tx.audit().append("space.delete", "QA Space", "gone")));
            assertEquals(v, verify(store));
            store.acceptAuditRollback("the head file was lost with the old laptop");
            store.write(tx -> tx.audit().append("space.delete", "QA Space", "gone"));
            assertEquals(new AuditVerification.Intact(6), verify(store));
        }
    }

    @Test
    void anEditedHeadFileIsNotBelieved() throws Exception {
        Path head;
        try (Store store = Fixtures.open(tmp)) {
            append4(store);
            head = Fixtures.location(tmp).auditHeadFile(store.storeId());
        }
        Files.writeString(head, Files.readString(head).replace("seq=4", "seq=2"));
        try (Store store = Fixtures.open(tmp)) {
            AuditVerification v = verify(store);
            assertInstanceOf(AuditVerification.PartlyChecked.class, v);
            assertTrue(v.sentence().contains(head + " was altered or belongs to another store"), v.sentence());
        }
    }

    @Test
    void aHeadBehindTheLogAsAfterACrashIsIntact() throws Exception {
        Path head;
        byte[] afterTwo;
        try (Store store = Fixtures.open(tmp)) {
            head = Fixtures.location(tmp).auditHeadFile(store.storeId());
            store.write(tx -> tx.audit().append("space.create", "A", ""));
            store.write(tx -> tx.audit().append("space.create", "B", ""));
            afterTwo = Files.readAllBytes(head);
            store.write(tx -> tx.audit().append("space.create", "C", ""));
            store.write(tx -> tx.audit().append("space.create", "D", ""));
        }
        // a crash between the commit and the head's write: the head is left at entry 2
        Files.write(head, afterTwo);
        try (Store store = Fixtures.open(tmp)) {
            assertEquals(new AuditVerification.Intact(4), verify(store));
        }
        // ... but a log cut short of that older head is still caught
        assertEquals(3, sql("DELETE FROM audit_event WHERE seq >= 2"));
        try (Store store = Fixtures.open(tmp)) {
            assertEquals(new AuditVerification.Truncated(2, 2), verify(store));
        }
    }

    @Test
    void anEmptyLogWithoutAHeadIsIntact() {
        try (Store store = Fixtures.open(tmp)) {
            assertEquals(new AuditVerification.Intact(0), verify(store));
        }
    }

    private static AuditVerification verify(Store store) {
        return store.read(tx -> tx.audit().verify());
    }

    private static List<AuditEntry> append4(Store store) {
        return List.of(
                store.write(tx -> tx.audit().append("space.create", "DevTest Space", "local space created")),
                store.write(tx -> tx.audit().append("remote.add", "Prod Space", "fingerprint 3F2A ...")),
                store.write(tx -> tx.audit().append("trust.grant", "DevTest Space", "accepts deployment receipts from 'X'")),
                store.write(tx -> tx.audit().append("trust.grant", "Prod Space", "accepts release bundles")));
    }

    /** The chain as it was before it was keyed: SHA-256 over the length-prefixed fields. */
    private static String plainSha256(String prevHash, long seq, String at, String osUser, String action, String subject, String detail)
            throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (String field : new String[] {prevHash, Long.toString(seq), Instant.parse(at).toString(), osUser, action, subject, detail}) {
            byte[] b = field.getBytes(StandardCharsets.UTF_8);
            md.update((b.length + ":").getBytes(StandardCharsets.US_ASCII));
            md.update(b);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private Connection connect() throws Exception {
        return DriverManager.getConnection(Store.jdbcUrl(Fixtures.location(tmp)), "sa", "");
    }

    private int sql(String statement) throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            return s.executeUpdate(statement);
        }
    }
}

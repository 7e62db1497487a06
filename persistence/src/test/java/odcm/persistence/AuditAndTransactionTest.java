package odcm.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import odcm.model.Refusal;
import odcm.model.audit.AuditChain;
import odcm.model.audit.AuditEntry;
import odcm.model.audit.AuditFilter;
import odcm.model.audit.AuditVerification;
import odcm.model.space.SpaceName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditAndTransactionTest {
    @TempDir
    Path tmp;

    @Test
    void aWriteThatThrowsLeavesNothingAndRethrowsTheSameRefusal() {
        try (Store store = Fixtures.open(tmp)) {
            Refusal thrown = new Refusal("Changed my mind.");
            Refusal caught = assertThrows(Refusal.class, () -> store.write(tx -> {
                tx.audit().append("space.create", "DevTest Space", "created");
                tx.spaces().insertRemote(SpaceName.of("DevTest Space"), "", Fixtures.cert("DevTest"));
                throw thrown;
            }));
            assertSame(thrown, caught);
            assertTrue(store.read(tx -> tx.spaces().findAll()).isEmpty());
            assertTrue(store.read(tx -> tx.audit().list(AuditFilter.ALL)).isEmpty());

            IllegalStateException bug = assertThrows(IllegalStateException.class, () -> store.write(tx -> {
                tx.audit().append("x", "y", "z");
                throw new IllegalStateException("a bug");
            }));
            assertEquals("a bug", bug.getMessage());
            assertTrue(store.read(tx -> tx.audit().list(AuditFilter.ALL)).isEmpty());

            // and the store still works afterwards
            store.write(tx -> tx.audit().append("space.create", "A", ""));
            assertEquals(1, store.read(tx -> tx.audit().list(AuditFilter.ALL)).size());
        }
    }

    @Test
    void entriesChainAndSurviveReopeningExactly() {
        List<AuditEntry> written;
        try (Store store = Fixtures.open(tmp)) {
            written = append4(store);
            assertEquals(AuditChain.GENESIS, written.get(0).prevHash());
            assertEquals(written.get(0).hash(), written.get(1).prevHash());
            assertEquals(1, written.get(0).seq());
            assertEquals(4, written.get(3).seq());
            assertEquals("alice", written.get(0).osUser());
            assertEquals(0, written.get(0).at().getNano() % 1_000_000, "the clock's sub-millisecond part is dropped");
        }
        try (Store store = Fixtures.open(tmp)) {
            List<AuditEntry> read = store.read(tx -> tx.audit().list(AuditFilter.ALL));
            assertEquals(List.of(written.get(3), written.get(2), written.get(1), written.get(0)), read, "newest first, every field as written");
            AuditVerification v = store.read(tx -> tx.audit().verify());
            assertEquals(new AuditVerification.Intact(4), v);
            AuditEntry fifth = store.write(tx -> tx.audit().append("space.delete", "QA Space", "gone"));
            assertEquals(5, fifth.seq());
            assertEquals(written.get(3).hash(), fifth.prevHash());
        }
    }

    @Test
    void listFiltersByTextAndTime() {
        try (Store store = Fixtures.open(tmp)) {
            List<AuditEntry> e = append4(store);
            assertEquals(List.of(3L), seqs(store, new AuditFilter("receipts", null, null)));
            assertEquals(List.of(4L, 2L), seqs(store, new AuditFilter("prod", null, null)));
            assertEquals(List.of(3L, 2L), seqs(store, new AuditFilter("", e.get(1).at(), e.get(2).at())));
            assertEquals(List.of(4L, 3L, 2L, 1L), seqs(store, new AuditFilter("ALICE", null, null)));
        }
    }

    @Test
    void changedEntryIsNamedByVerification() throws Exception {
        try (Store store = Fixtures.open(tmp)) {
            append4(store);
        }
        sql("UPDATE audit_event SET detail = 'nothing to see' WHERE seq = 2");
        try (Store store = Fixtures.open(tmp)) {
            AuditVerification v = store.read(tx -> tx.audit().verify());
            AuditVerification.Broken b = assertInstanceOf(AuditVerification.Broken.class, v);
            assertEquals(2, b.firstBrokenSeq());
            assertTrue(b.reason().contains("entry 2 was changed"), b.reason());
        }
    }

    @Test
    void changedSubjectIsNamedToo() throws Exception {
        try (Store store = Fixtures.open(tmp)) {
            append4(store);
        }
        sql("UPDATE audit_event SET subject = 'Innocent Space' WHERE seq = 2");
        try (Store store = Fixtures.open(tmp)) {
            assertEquals(2, assertInstanceOf(AuditVerification.Broken.class, store.read(tx -> tx.audit().verify())).firstBrokenSeq());
        }
    }

    @Test
    void deletedMiddleEntryIsNamedByVerification() throws Exception {
        try (Store store = Fixtures.open(tmp)) {
            append4(store);
        }
        sql("DELETE FROM audit_event WHERE seq = 3");
        try (Store store = Fixtures.open(tmp)) {
            AuditVerification.Broken b = assertInstanceOf(AuditVerification.Broken.class, store.read(tx -> tx.audit().verify()));
            assertEquals(4, b.firstBrokenSeq());
            assertTrue(b.reason().contains("entry 3 is missing"), b.reason());
        }
    }

    @Test
    void timestampsWithTimeZoneRoundTripToTheMillisecond() {
        Instant odd = Instant.parse("2024-02-29T23:59:59.999Z");
        try (Store store = Store.open(Fixtures.location(tmp), java.time.Clock.fixed(odd.plusNanos(987_654), java.time.ZoneId.of("Europe/Vienna")), "bob")) {
            store.write(tx -> tx.audit().append("a", "b", "c"));
        }
        try (Store store = Fixtures.open(tmp)) {
            AuditEntry e = store.read(tx -> tx.audit().list(AuditFilter.ALL)).get(0);
            assertEquals(odd, e.at());
            assertEquals("bob", e.osUser());
            assertTrue(store.read(tx -> tx.audit().verify()).isIntact());
        }
    }

    private static List<AuditEntry> append4(Store store) {
        return List.of(
                store.write(tx -> tx.audit().append("space.create", "DevTest Space", "local space created")),
                store.write(tx -> tx.audit().append("remote.add", "Prod Space", "fingerprint 3F2A ...")),
                store.write(tx -> tx.audit().append("trust.grant", "DevTest Space", "accepts deployment receipts from 'X'")),
                store.write(tx -> tx.audit().append("trust.grant", "Prod Space", "accepts release bundles")));
    }

    private static List<Long> seqs(Store store, AuditFilter f) {
        return store.read(tx -> tx.audit().list(f)).stream().map(AuditEntry::seq).toList();
    }

    private void sql(String statement) throws Exception {
        try (Connection c = DriverManager.getConnection(Store.jdbcUrl(Fixtures.location(tmp)), "sa", "");
             Statement s = c.createStatement()) {
            assertEquals(1, s.executeUpdate(statement));
        }
    }
}

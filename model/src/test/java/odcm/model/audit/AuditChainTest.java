package odcm.model.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditChainTest {
    static List<AuditEntry> chain(int n) {
        List<AuditEntry> entries = new ArrayList<>();
        String prev = AuditChain.GENESIS;
        for (int i = 1; i <= n; i++) {
            AuditEntry e = AuditChain.seal(i, prev, Instant.parse("2026-11-22T10:00:00Z").plusSeconds(i), "ops", "space.create",
                    "local space 'S" + i + "'", "detail " + i);
            entries.add(e);
            prev = e.hash();
        }
        return entries;
    }

    static AuditEntry withDetail(AuditEntry e, String detail) {
        return new AuditEntry(e.seq(), e.at(), e.osUser(), e.action(), e.subject(), detail, e.prevHash(), e.hash());
    }

    @Test
    void intactChainVerifies() {
        AuditVerification v = AuditChain.verify(chain(4));
        assertTrue(v.isIntact());
        assertEquals("The audit log is intact: 4 entries checked.", v.sentence());
    }

    @Test
    void changedEntryIsNamed() {
        List<AuditEntry> entries = chain(4);
        entries.set(1, withDetail(entries.get(1), "something else"));
        AuditVerification v = AuditChain.verify(entries);
        assertEquals(2, ((AuditVerification.Broken) v).firstBrokenSeq());
        assertTrue(v.sentence().contains("entry 2 was changed"));
    }

    @Test
    void removedEntryIsNamed() {
        List<AuditEntry> entries = chain(4);
        entries.remove(2);
        assertEquals(4, ((AuditVerification.Broken) AuditChain.verify(entries)).firstBrokenSeq());
    }

    @Test
    void rehashedEntryStillBreaksTheNext() {
        List<AuditEntry> entries = chain(3);
        AuditEntry e = entries.get(0);
        entries.set(0, AuditChain.seal(1, AuditChain.GENESIS, e.at(), e.osUser(), e.action(), e.subject(), "forged"));
        assertEquals(2, ((AuditVerification.Broken) AuditChain.verify(entries)).firstBrokenSeq());
    }

    @Test
    void fieldsCannotBeShiftedIntoEachOther() {
        Instant t = Instant.EPOCH;
        assertNotEquals(AuditChain.hash(AuditChain.GENESIS, 1, t, "u", "a", "bc", "d"), AuditChain.hash(AuditChain.GENESIS, 1, t, "u", "ab", "c", "d"));
    }
}

package odcm.model.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditChainTest {
    static final AuditKey KEY = key(7);
    static final AuditKey OTHER_KEY = key(8);

    static AuditKey key(int fill) {
        byte[] b = new byte[AuditKey.LENGTH];
        Arrays.fill(b, (byte) fill);
        return new AuditKey(b);
    }

    static List<AuditEntry> chain(AuditKey key, int n) {
        List<AuditEntry> entries = new ArrayList<>();
        String prev = AuditChain.GENESIS;
        for (int i = 1; i <= n; i++) {
            AuditEntry e = AuditChain.seal(key, i, prev, Instant.parse("2026-11-22T10:00:00Z").plusSeconds(i), "ops", "space.create",
                    "local space 'S" + i + "'", "detail " + i);
            entries.add(e);
            prev = e.hash();
        }
        return entries;
    }

    static AuditEntry withDetail(AuditEntry e, String detail) {
        return new AuditEntry(e.seq(), e.at(), e.osUser(), e.action(), e.subject(), detail, e.prevHash(), e.hash());
    }

    static long brokenAt(AuditVerification v) {
        return assertInstanceOf(AuditVerification.Broken.class, v, v.sentence()).firstBrokenSeq();
    }

    @Test
    void intactChainVerifies() {
        AuditVerification v = AuditChain.verify(chain(KEY, 4), KEY);
        assertTrue(v.isIntact());
        assertEquals("The audit log is intact: 4 entries checked.", v.sentence());
    }

    @Test
    void changedEntryIsNamed() {
        List<AuditEntry> entries = chain(KEY, 4);
        entries.set(1, withDetail(entries.get(1), "something else"));
        AuditVerification v = AuditChain.verify(entries, KEY);
        assertEquals(2, brokenAt(v));
        assertEquals("The audit log has been tampered with: entry 2 was changed after it was written (its hash no longer matches its content).",
                v.sentence());
    }

    @Test
    void theWrongKeyBreaksTheFirstEntry() {
        assertEquals(1, brokenAt(AuditChain.verify(chain(KEY, 3), OTHER_KEY)));
    }

    @Test
    void aChainRewrittenAndRehashedWithAnotherKeyIsBroken() {
        // Whoever has only the database rewrites entry 2 and re-hashes from there on with a key of their own.
        List<AuditEntry> entries = chain(KEY, 4);
        String prev = entries.get(0).hash();
        for (int i = 1; i < 4; i++) {
            AuditEntry e = entries.get(i);
            AuditEntry forged = AuditChain.seal(OTHER_KEY, e.seq(), prev, e.at(), e.osUser(), e.action(), e.subject(),
                    i == 1 ? "forged" : e.detail());
            entries.set(i, forged);
            prev = forged.hash();
        }
        assertTrue(AuditChain.verifyLinks(entries).isIntact(), "the links alone fit: that is what the key is for");
        assertEquals(2, brokenAt(AuditChain.verify(entries, KEY)));
    }

    @Test
    void removedMiddleEntryIsNamed() {
        List<AuditEntry> entries = chain(KEY, 4);
        entries.remove(2);
        AuditVerification v = AuditChain.verify(entries, KEY);
        assertEquals(4, brokenAt(v));
        assertTrue(v.sentence().contains("entry 3 is missing; the log jumps to entry 4"), v.sentence());
    }

    @Test
    void reorderedEntriesAreNamed() {
        List<AuditEntry> entries = chain(KEY, 4);
        AuditEntry second = entries.get(1);
        entries.set(1, entries.get(2));
        entries.set(2, second);
        assertEquals(3, brokenAt(AuditChain.verify(entries, KEY)));
        // renumbered to hide the swap, the links no longer fit
        List<AuditEntry> renumbered = chain(KEY, 4);
        AuditEntry b = renumbered.get(1);
        AuditEntry c = renumbered.get(2);
        renumbered.set(1, new AuditEntry(2, c.at(), c.osUser(), c.action(), c.subject(), c.detail(), c.prevHash(), c.hash()));
        renumbered.set(2, new AuditEntry(3, b.at(), b.osUser(), b.action(), b.subject(), b.detail(), b.prevHash(), b.hash()));
        assertEquals(2, brokenAt(AuditChain.verify(renumbered, KEY)));
    }

    @Test
    void rehashedEntryWithTheRightKeyStillBreaksTheNext() {
        List<AuditEntry> entries = chain(KEY, 3);
        AuditEntry e = entries.get(0);
        entries.set(0, AuditChain.seal(KEY, 1, AuditChain.GENESIS, e.at(), e.osUser(), e.action(), e.subject(), "forged"));
        assertEquals(2, brokenAt(AuditChain.verify(entries, KEY)));
    }

    @Test
    void theEndIsCheckedAgainstTheHead() {
        List<AuditEntry> entries = chain(KEY, 5);
        AuditHead head = AuditHead.of(entries.get(4));
        assertEquals(new AuditVerification.Intact(5), AuditChain.verifyEnd(entries, head));
        assertEquals(new AuditVerification.Intact(5), AuditChain.verifyEnd(entries, AuditHead.of(entries.get(3))),
                "a head behind the log (a crash after the commit) is fine");
        AuditVerification cut = AuditChain.verifyEnd(entries.subList(0, 3), head);
        assertEquals(new AuditVerification.Truncated(4, 5), cut);
        assertEquals("The audit log has been tampered with: entries 4 to 5 were removed from the end of the audit log.", cut.sentence());
        assertEquals("The audit log has been tampered with: entry 5 was removed from the end of the audit log.",
                AuditChain.verifyEnd(entries.subList(0, 4), head).sentence());
        assertEquals(new AuditVerification.Truncated(1, 5), AuditChain.verifyEnd(List.of(), head));
        assertEquals(5, brokenAt(AuditChain.verifyEnd(chain(OTHER_KEY, 5), head)));
    }

    @Test
    void theHeadsMacIsBoundToKeyStoreAndContent() {
        AuditHead head = new AuditHead(3, "ab".repeat(32));
        String mac = head.mac(KEY, "store-1");
        assertEquals(mac, new AuditHead(3, "ab".repeat(32)).mac(KEY, "store-1"));
        assertNotEquals(mac, head.mac(OTHER_KEY, "store-1"));
        assertNotEquals(mac, head.mac(KEY, "store-2"));
        assertNotEquals(mac, new AuditHead(4, "ab".repeat(32)).mac(KEY, "store-1"));
    }

    @Test
    void fieldsCannotBeShiftedIntoEachOther() {
        Instant t = Instant.EPOCH;
        assertNotEquals(AuditChain.hash(KEY, AuditChain.GENESIS, 1, t, "u", "a", "bc", "d"),
                AuditChain.hash(KEY, AuditChain.GENESIS, 1, t, "u", "ab", "c", "d"));
    }

    @Test
    void aWipedKeyMacsNothingAndShowsNothing() {
        AuditKey k = key(9);
        assertEquals("AuditKey[****]", k.toString());
        k.wipe();
        assertThrows(IllegalStateException.class, () -> k.mac("x"));
    }
}

package odcm.persistence.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import odcm.model.Refusal;
import odcm.model.audit.AuditChain;
import odcm.model.audit.AuditEntry;
import odcm.model.audit.AuditKey;
import odcm.model.audit.AuditVerification;
import odcm.persistence.keys.AesGcmKeyVault;
import odcm.persistence.keys.MasterKeyState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process killed between the head record written before a commit and the commit itself, and one killed between the
 * commit and the head written after it: what the head file on disk then says, with a real key and a real head file.
 */
class AuditHeadKillTest {
    @TempDir
    Path tmp;

    private final byte[] master = new byte[32];
    private final List<AuditEntry> log = new ArrayList<>();

    @Test
    void aKillBeforeTheCommitIsNamedAsAnInterruptedWriteAndDoesNotBlockTheNext() throws Exception {
        new SecureRandom().nextBytes(master);
        AuditSeal seal = seal();
        commit(seal, 2); // entries 1-2, committed and recorded
        // the next write records entries 3-4 as pending, then the process dies before its commit
        AuditEntry last = log.get(log.size() - 1);
        seal.beforeAppend(last);
        seal.appended(entry(3));
        seal.appended(entry(4));
        seal.beforeCommit();
        List<AuditEntry> committed = List.copyOf(log.subList(0, 2));

        AuditSeal restarted = seal();
        AuditVerification v = restarted.verify(committed, () -> true);
        assertInstanceOf(AuditVerification.PartlyChecked.class, v);
        assertEquals("The last change begun on this store (entries 3 to 4 of the audit log) is not in it: it was interrupted before it was"
                + " committed (the program was stopped), or the store was put back to just before it. The 2 entries in the log are"
                + " unaltered and end where the head says.", v.sentence());
        assertNull(restarted.endProblem(2, seq -> committed.get((int) seq - 1).hash(), () -> true), "not a reason to refuse the next change");
        assertTrue(restarted.verify(log.subList(0, 1), () -> true) instanceof AuditVerification.Truncated, "one further back is a rollback");
    }

    @Test
    void aKillAfterTheCommitBeforeTheHeadIsMovedOnIsIntact() throws Exception {
        new SecureRandom().nextBytes(master);
        AuditSeal seal = seal();
        commit(seal, 2);
        seal.beforeAppend(log.get(1));
        seal.appended(entry(3));
        seal.beforeCommit(); // committed, then killed before committed()
        AuditSeal restarted = seal();
        assertEquals(new AuditVerification.Intact(3), restarted.verify(log, () -> true));
        assertNull(restarted.endProblem(3, seq -> log.get((int) seq - 1).hash(), () -> true));
        // the store put back to before that commit is caught as well
        String problem = restarted.endProblem(1, seq -> log.get((int) seq - 1).hash(), () -> true);
        assertTrue(problem != null && problem.endsWith("entry 2 was removed from the end of the audit log."), problem);
        try {
            restarted.refuseChangeIf(problem);
            throw new AssertionError("a change was allowed on a store behind its head");
        } catch (Refusal expected) {
            assertTrue(expected.getMessage().contains("Nothing was changed."), expected.getMessage());
        }
        assertTrue(Files.readString(tmp.resolve("s.audit-head")).contains("pending-seq=3\n"));
    }

    private AuditSeal seal() {
        return new AuditSeal("store-1@/somewhere", tmp.resolve("s.audit-head"), new AesGcmKeyVault(master.clone()), MasterKeyState.PRESENT,
                () -> new Refusal("no key"));
    }

    private void commit(AuditSeal seal, int n) {
        seal.beforeAppend(log.isEmpty() ? null : log.get(log.size() - 1));
        for (int i = 0; i < n; i++) {
            seal.appended(entry(log.size() + 1));
        }
        seal.beforeCommit();
        seal.committed();
    }

    private AuditEntry entry(long seq) {
        AuditKey key = new AuditKey(new AesGcmKeyVault(master.clone()).derive(AuditSeal.KEY_LABEL));
        String prev = log.isEmpty() ? AuditChain.GENESIS : log.get(log.size() - 1).hash();
        AuditEntry e = AuditChain.seal(key, seq, prev, Instant.parse("2026-01-01T00:00:00Z").plusSeconds(seq), "alice", "space.create", "S" + seq, "");
        log.add(e);
        return e;
    }
}

package odcm.model.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;

/**
 * The audit log's tamper evidence: each entry's hash is HMAC-SHA256, under the store's {@link AuditKey}, over the
 * previous entry's hash and the entry's own fields. Changing, removing or reordering an entry breaks the chain, and
 * without the key nobody can compute the hashes of a rewritten chain. Verification names the first entry that no
 * longer fits. Removing entries from the end is caught against the {@link AuditHead} kept outside the database.
 */
public final class AuditChain {
    /** The "previous hash" of the first entry. */
    public static final String GENESIS = "0".repeat(64);

    private AuditChain() {
    }

    public static String hash(AuditKey key, String prevHash, long seq, Instant at, String osUser, String action, String subject,
                              String detail) {
        // Length-prefixed fields (see AuditKey.mac): no two different entries MAC the same by shifting text between fields.
        return key.mac(prevHash, Long.toString(seq), at.toString(), osUser, action, subject, detail);
    }

    /** The entry that follows {@code prevHash}, with its hash filled in. */
    public static AuditEntry seal(AuditKey key, long seq, String prevHash, Instant at, String osUser, String action, String subject,
                                  String detail) {
        return new AuditEntry(seq, at, osUser, action, subject, detail, prevHash,
                hash(key, prevHash, seq, at, osUser, action, subject, detail));
    }

    /** Checks entries in sequence order from the first one ever written: their links and each one's MAC. */
    public static AuditVerification verify(List<AuditEntry> entries, AuditKey key) {
        return check(entries, key, 0, GENESIS);
    }

    /**
     * Checks entries in sequence order from the one after entry {@code afterSeq} (whose hash is {@code afterHash}, verified
     * before): their links and each one's MAC. Intact counts the entries checked here.
     */
    public static AuditVerification verifyAfter(List<AuditEntry> entries, AuditKey key, long afterSeq, String afterHash) {
        return check(entries, key, afterSeq, afterHash);
    }

    /**
     * Checks only the links (sequence without gaps, each previous-hash equal to the hash before it), for when the key
     * is not at hand. Intact here means only that the links fit: whoever can write the database can forge them.
     */
    public static AuditVerification verifyLinks(List<AuditEntry> entries) {
        return check(entries, null, 0, GENESIS);
    }

    /**
     * Checks {@code entries}, already verified in full, against the head recorded after the last committed write:
     * a log ending before the head lost its last entries; the entry at the head's place must be the one recorded.
     */
    public static AuditVerification verifyEnd(List<AuditEntry> entries, AuditHead head) {
        long last = entries.isEmpty() ? 0 : entries.get(entries.size() - 1).seq();
        if (last < head.seq()) {
            return new AuditVerification.Truncated(last + 1, head.seq());
        }
        AuditEntry atHead = entries.get((int) (head.seq() - 1)); // verified: entry n is at index n - 1
        if (!atHead.hash().equals(head.hash())) {
            return AuditVerification.broken(head.seq(), "entry " + head.seq() + " is not the entry recorded as written there");
        }
        return AuditVerification.intact(entries.size());
    }

    private static AuditVerification check(List<AuditEntry> entries, AuditKey key, long afterSeq, String afterHash) {
        String prev = afterHash;
        long expectedSeq = afterSeq + 1;
        for (AuditEntry e : entries) {
            if (e.seq() != expectedSeq) {
                return AuditVerification.broken(e.seq(), "entry " + expectedSeq + " is missing; the log jumps to entry " + e.seq());
            }
            if (!e.prevHash().equals(prev)) {
                return AuditVerification.broken(e.seq(), "entry " + e.seq() + " does not follow the entry before it (its previous-hash differs)");
            }
            if (key != null) {
                String expected = hash(key, e.prevHash(), e.seq(), e.at(), e.osUser(), e.action(), e.subject(), e.detail());
                if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                        e.hash().getBytes(StandardCharsets.UTF_8))) {
                    return AuditVerification.broken(e.seq(), "entry " + e.seq()
                            + " was changed after it was written (its hash no longer matches its content)");
                }
            }
            prev = e.hash();
            expectedSeq++;
        }
        return AuditVerification.intact(entries.size());
    }
}

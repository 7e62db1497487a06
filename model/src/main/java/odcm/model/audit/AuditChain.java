package odcm.model.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * The audit log's tamper evidence: each entry's hash is SHA-256 over the previous entry's hash and
 * the entry's own fields, so changing, removing or reordering any entry breaks every hash after it,
 * and verification names the first entry that no longer fits.
 */
public final class AuditChain {
    /** The "previous hash" of the first entry. */
    public static final String GENESIS = "0".repeat(64);

    private AuditChain() {
    }

    public static String hash(String prevHash, long seq, Instant at, String osUser, String action, String subject, String detail) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            // Length-prefixed fields: no two different entries hash the same by shifting text between fields.
            for (String field : new String[] {prevHash, Long.toString(seq), at.toString(), osUser, action, subject, detail}) {
                byte[] b = field.getBytes(StandardCharsets.UTF_8);
                md.update((b.length + ":").getBytes(StandardCharsets.US_ASCII));
                md.update(b);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** The entry that follows {@code prevHash}, with its hash filled in. */
    public static AuditEntry seal(long seq, String prevHash, Instant at, String osUser, String action, String subject, String detail) {
        return new AuditEntry(seq, at, osUser, action, subject, detail, prevHash,
                hash(prevHash, seq, at, osUser, action, subject, detail));
    }

    /** Checks entries in sequence order from the first one ever written. */
    public static AuditVerification verify(List<AuditEntry> entries) {
        String prev = GENESIS;
        long expectedSeq = 1;
        for (AuditEntry e : entries) {
            if (e.seq() != expectedSeq) {
                return AuditVerification.broken(e.seq(), "entry " + expectedSeq + " is missing; the log jumps to entry " + e.seq());
            }
            if (!e.prevHash().equals(prev)) {
                return AuditVerification.broken(e.seq(), "entry " + e.seq() + " does not follow the entry before it (its previous-hash differs)");
            }
            String expected = hash(e.prevHash(), e.seq(), e.at(), e.osUser(), e.action(), e.subject(), e.detail());
            if (!expected.equals(e.hash())) {
                return AuditVerification.broken(e.seq(), "entry " + e.seq() + " was changed after it was written (its hash no longer matches its content)");
            }
            prev = e.hash();
            expectedSeq++;
        }
        return AuditVerification.intact(entries.size());
    }
}

package odcm.persistence;

import static odcm.persistence.jooq.Tables.AUDIT_EVENT;
import static odcm.persistence.jooq.Tables.CERTIFICATE;
import static odcm.persistence.jooq.Tables.TRUST;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import odcm.model.Refusal;
import odcm.model.audit.AuditChain;
import odcm.model.audit.AuditEntry;
import odcm.persistence.audit.AuditLog;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Freshness of the sealed trust and certificate rows (decision 0038, "Freshness"): a seal binds a row's content to its id,
 * not to its time, so an earlier sealed state put back (a revoked trust made active again, a retired certificate made
 * current again) fits its seal. Every change of these rows therefore ends with an audit entry {@value #ACTION} naming the
 * SHA-256 of all of them (table, id and seal of each, in order): the audit log is keyed, and its end is held by the head
 * file outside the store, so nobody without the master key can write or remove such an entry. When the rows are relied on,
 * they must be exactly the ones the newest such entry names, and every entry from it to the log's end must be genuine (a
 * newer one altered or removed would hide a later state). This process remembers how far it verified the log, so a read
 * checks only the entries appended since, and the rows' digest (two small queries).
 */
final class RowFreshness {
    static final String ACTION = "store.rows-state";
    private static final String DIGEST = "digest ";

    private final Store store;
    /** The log is verified, in this process, from the newest state entry up to this entry (-1: not yet). */
    private long verifiedSeq = -1;
    private String verifiedHash;
    /** The newest state entry found so far (0: none; a store whose rows never changed since freshness exists). */
    private long stateSeq;
    private String stateDigest;

    RowFreshness(Store store) {
        this.store = store;
    }

    /**
     * Refuses, with one sentence, when the trusts and certificates are not the ones the newest state entry of the audit log
     * names, or the log from that entry on cannot be believed. Nothing is checked without the master key (the seals are not
     * either), nor after this write changed the rows itself (they were checked before; their state is recorded at commit).
     */
    synchronized void check(DSLContext dsl, AuditLog audit, boolean remember) {
        for (int attempt = 0; ; attempt++) {
            Tail tail = verified(dsl, audit);
            if (remember) {
                verifiedSeq = tail.seq;
                verifiedHash = tail.hash;
                stateSeq = tail.stateSeq;
                stateDigest = tail.stateDigest;
            }
            if (tail.stateSeq == 0) {
                return; // no row was written since freshness exists: nothing to put back (decision 0038, "Freshness")
            }
            String now = digest(dsl);
            if (now.equals(tail.stateDigest)) {
                return;
            }
            // On a team store another console may have committed a change (rows, then its state entry) between the reads.
            if (attempt == 2 || audit.lastSeq() == tail.seq) {
                throw new Refusal("The trusts and certificates in this store are not the ones ODCM Console last recorded (audit entry "
                        + tail.stateSeq + "): a trust or certificate was put back to an earlier state, added, changed or removed"
                        + " outside ODCM Console, so none of them is used. Restore the store from a backup.");
            }
        }
    }

    /** Appends the state entry naming the rows as this write leaves them (called just before its commit). */
    void record(DSLContext dsl, AuditLog audit) {
        int trusts = dsl.fetchCount(TRUST);
        int certificates = dsl.fetchCount(CERTIFICATE);
        audit.append(ACTION, "trusts and certificates", trusts + (trusts == 1 ? " trust" : " trusts") + " and " + certificates
                + (certificates == 1 ? " certificate" : " certificates") + " as this change left them; " + DIGEST + digest(dsl));
    }

    /** Whether the audit log names no state of the rows yet (a store from before freshness). */
    static boolean noStateRecorded(DSLContext dsl) {
        return !dsl.fetchExists(AUDIT_EVENT, AUDIT_EVENT.ACTION.eq(ACTION));
    }

    private record Tail(long seq, String hash, long stateSeq, String stateDigest) {
    }

    /** The log checked from where this process stopped (first: from the newest state entry, or the start) to its end. */
    private Tail verified(DSLContext dsl, AuditLog audit) {
        long seq = verifiedSeq;
        String hash = verifiedHash;
        long state = stateSeq;
        String stateDigestNow = stateDigest;
        if (seq < 0) {
            String problem = audit.endProblem();
            if (problem != null) {
                throw new Refusal(problem + " So the trusts and certificates in it are not used: whether one of them was put back"
                        + " to an earlier state cannot be told.");
            }
            Long newest = dsl.select(DSL.max(AUDIT_EVENT.SEQ)).from(AUDIT_EVENT).where(AUDIT_EVENT.ACTION.eq(ACTION)).fetchOne(0, Long.class);
            seq = newest == null ? 0 : newest - 1;
            hash = seq == 0 ? AuditChain.GENESIS
                    : dsl.select(AUDIT_EVENT.HASH).from(AUDIT_EVENT).where(AUDIT_EVENT.SEQ.eq(seq)).fetchOne(AUDIT_EVENT.HASH);
            state = 0;
            stateDigestNow = null;
        }
        List<AuditEntry> after = audit.after(seq, Integer.MAX_VALUE);
        for (AuditEntry e : after) {
            if (e.seq() != seq + 1 || !e.prevHash().equals(hash) || audit.forged(e)) {
                throw new Refusal("The audit log of this store was changed after entry " + seq + " (run audit verify), so its trusts"
                        + " and certificates are not used: whether one of them was put back to an earlier state cannot be told.");
            }
            if (ACTION.equals(e.action())) {
                state = e.seq();
                stateDigestNow = e.detail().substring(e.detail().lastIndexOf(DIGEST) + DIGEST.length());
            }
            seq = e.seq();
            hash = e.hash();
        }
        return new Tail(seq, hash, state, stateDigestNow);
    }

    /** SHA-256 over every trust's and certificate's id and seal, in order. */
    private static String digest(DSLContext dsl) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            dsl.select(TRUST.ID, TRUST.SEAL).from(TRUST).orderBy(TRUST.ID).fetch()
                    .forEach(r -> sha.update(("trust " + r.value1() + " " + r.value2() + "\n").getBytes(StandardCharsets.US_ASCII)));
            dsl.select(CERTIFICATE.ID, CERTIFICATE.SEAL).from(CERTIFICATE).orderBy(CERTIFICATE.ID).fetch()
                    .forEach(r -> sha.update(("certificate " + r.value1() + " " + r.value2() + "\n").getBytes(StandardCharsets.US_ASCII)));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}

package odcm.persistence;

import static odcm.persistence.jooq.Tables.AUDIT_EVENT;
import static odcm.persistence.jooq.Tables.CERTIFICATE;
import static odcm.persistence.jooq.Tables.TRUST;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import odcm.model.Refusal;
import odcm.model.audit.AuditChain;
import odcm.model.audit.AuditEntry;
import odcm.persistence.audit.AuditLog;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Freshness of the sealed trust and certificate rows (decision 0038, "Freshness"): a seal binds a row's content to its id,
 * not to its time, so an earlier sealed state put back (a revoked trust made active again, a retired certificate made
 * current again) fits its seal. So the audit entry of every change of these rows ends with their state,
 * {@value #MARK}{@code <digest>-<mac>}: the digest is SHA-256 over every certificate's and trust's id and seal, the mac binds
 * it to the store and the entry's number under the row-seal key (so words a person typed into an entry never pass for a
 * state). The audit log is keyed, and its end is held by the head file outside the store, so nobody without the master key
 * can write or remove such an entry. When the rows are relied on they must be exactly what the newest state names, and
 * every entry from it to the log's end must be genuine (a newer one altered or removed would hide a later state). An open
 * team store remembers how far it verified the log, so each transaction's first read checks only the entries appended
 * since and the rows' digest (two statements); an embedded store, which nobody else writes while it is open, is checked
 * once per open. A change of the rows that no audit entry follows in its transaction gets an entry {@value #ACTION}.
 */
final class RowFreshness {
    static final String ACTION = "store.rows-state";
    static final String MARK = "; rows-state ";
    private static final int HALF = 32;

    private final Store store;
    /** The log is verified, in this open store, from the newest state up to this entry (-1: not yet). */
    private long verifiedSeq = -1;
    private String verifiedHash;
    /** The newest state found so far (0: none; a store whose rows never changed since freshness exists). */
    private long stateSeq;
    private String stateDigest;
    /** An embedded store found fresh once: nobody else writes its file while it is open, and its own changes check first. */
    private boolean settled;

    RowFreshness(Store store) {
        this.store = store;
    }

    /**
     * Refuses, with one sentence, when the trusts and certificates are not the ones the newest state in the audit log names,
     * or the log from that entry on cannot be believed. {@code remember}: this transaction appended nothing yet, so what it
     * read of the log is committed.
     */
    synchronized void check(DSLContext dsl, AuditLog audit, boolean remember, boolean embedded) {
        if (settled) {
            return;
        }
        for (int attempt = 0; ; attempt++) {
            Tail tail = verified(dsl, audit);
            if (remember) {
                verifiedSeq = tail.seq;
                verifiedHash = tail.hash;
                stateSeq = tail.stateSeq;
                stateDigest = tail.stateDigest;
            }
            // No state yet: no row was written since freshness exists, nothing to put back.
            if (tail.stateSeq == 0 || digest(dsl).equals(tail.stateDigest)) { // digest: its first half, as in the entry
                settled = remember && embedded;
                return;
            }
            // On a team store another console may have committed a change (rows and its entry) between the two reads.
            if (attempt == 2 || audit.lastSeq() == tail.seq) {
                throw new Refusal("The trusts and certificates in this store are not the ones ODCM Console last recorded (audit entry "
                        + tail.stateSeq + "): a trust or certificate was put back to an earlier state, added, changed or removed"
                        + " outside ODCM Console, so none of them is used. Restore the store from a backup.");
            }
        }
    }

    /** Whether the state covers rows of {@code table}: trusts and certificates (other sealed rows have no earlier state that matters here). */
    static boolean covers(org.jooq.Table<?> table) {
        return table.getName().equalsIgnoreCase(TRUST.getName()) || table.getName().equalsIgnoreCase(CERTIFICATE.getName());
    }

    /** What ends the detail of audit entry {@code seq}: the rows' state as the transaction leaves them. */
    String suffix(DSLContext dsl, long seq) {
        String digest = digest(dsl);
        return MARK + digest + "-" + mac(seq, digest);
    }

    /** The fallback: rows changed in a transaction that appends no entry after the change (called just before its commit). */
    void record(AuditLog audit) {
        audit.append(ACTION, "trusts and certificates", "as this change left them");
    }

    /** Whether the audit log names no state of the rows yet (a store from before freshness). */
    boolean noStateRecorded(DSLContext dsl) {
        return newestState(dsl) == 0;
    }

    /** The digest {@code e} names as the rows' state, or null when it names none (or words that only look like one). */
    private String state(AuditEntry e) {
        int at = e.detail().lastIndexOf(MARK);
        if (at < 0) {
            return null;
        }
        String[] parts = e.detail().substring(at + MARK.length()).split("-", -1);
        return parts.length == 2 && parts[0].length() == HALF && MessageDigest.isEqual(mac(e.seq(), parts[0]).getBytes(StandardCharsets.US_ASCII),
                parts[1].getBytes(StandardCharsets.US_ASCII)) ? parts[0] : null;
    }

    private String mac(long seq, String digest) {
        return store.rowSeal("odcm-rows-state-v1", store.storeId(), Long.toString(seq), digest).substring(0, HALF);
    }

    /** Entries up to {@code below} whose detail looks like it names a state, newest first. */
    /**
     * The number of the newest entry that names a state as far as its own words go, or 0: read newest first, one row at a
     * time, stopping at the first (an entry whose words only look like one, typed into a name, is passed over).
     */
    private long newestState(DSLContext dsl) {
        try (org.jooq.Cursor<odcm.persistence.jooq.tables.records.AuditEventRecord> rows = dsl.selectFrom(AUDIT_EVENT)
                .where(AUDIT_EVENT.DETAIL.like("%" + MARK + "%")).orderBy(AUDIT_EVENT.SEQ.desc()).fetchLazy()) {
            for (var r : rows) {
                AuditEntry e = new AuditEntry(r.getSeq(), null, r.getOsUser(), r.getAction(), r.getSubject(), r.getDetail(), r.getPrevHash(),
                        r.getHash());
                if (state(e) != null) {
                    return e.seq();
                }
            }
        }
        return 0;
    }

    private record Tail(long seq, String hash, long stateSeq, String stateDigest) {
    }

    /** The log checked from where this store stopped (first: from the newest state, or the start) to its end. */
    private Tail verified(DSLContext dsl, AuditLog audit) {
        long seq = verifiedSeq;
        String hash = verifiedHash;
        long state = stateSeq;
        String digest = stateDigest;
        if (seq < 0) {
            String problem = audit.endProblem();
            if (problem != null) {
                throw new Refusal(problem + " Nothing was changed. Its trusts and certificates are not used until then (one of"
                        + " them could be an earlier state put back): put the newer store back (with its key folder's head file), or"
                        + " accept this store as it is, recorded in the audit log, with: odcm audit accept-rollback --reason \"...\"");
            }
            // The newest entry that names a state as far as its own words go; the tail's check below checks it is genuine.
            long newest = newestState(dsl);
            seq = newest == 0 ? 0 : newest - 1;
            hash = seq == 0 ? AuditChain.GENESIS
                    : dsl.select(AUDIT_EVENT.HASH).from(AUDIT_EVENT).where(AUDIT_EVENT.SEQ.eq(seq)).fetchOne(AUDIT_EVENT.HASH);
            state = 0;
            digest = null;
        }
        for (AuditEntry e : audit.after(seq, Integer.MAX_VALUE)) {
            if (e.seq() != seq + 1 || !e.prevHash().equals(hash) || audit.forged(e)) {
                throw new Refusal("The audit log of this store was changed after entry " + seq + " (run audit verify), so its trusts"
                        + " and certificates are not used: whether one of them was put back to an earlier state cannot be told.");
            }
            String named = state(e);
            if (named != null) {
                state = e.seq();
                digest = named;
            }
            seq = e.seq();
            hash = e.hash();
        }
        return new Tail(seq, hash, state, digest);
    }

    /** The first half of SHA-256 over every certificate's and trust's id and seal, in order (one statement). */
    private static String digest(DSLContext dsl) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            dsl.select(DSL.inline("certificate").as("t"), CERTIFICATE.ID.as("id"), CERTIFICATE.SEAL.as("seal")).from(CERTIFICATE)
                    .unionAll(DSL.select(DSL.inline("trust").as("t"), TRUST.ID.as("id"), TRUST.SEAL.as("seal")).from(TRUST))
                    .orderBy(DSL.field(DSL.name("t")), DSL.field(DSL.name("id"))).fetch()
                    .forEach(r -> sha.update((r.value1() + " " + r.value2() + " " + r.value3() + "\n").getBytes(StandardCharsets.US_ASCII)));
            return HexFormat.of().formatHex(sha.digest()).substring(0, HALF);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}

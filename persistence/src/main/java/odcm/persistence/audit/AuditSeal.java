package odcm.persistence.audit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import odcm.model.Refusal;
import odcm.model.audit.AuditChain;
import odcm.model.audit.AuditEntry;
import odcm.model.audit.AuditHead;
import odcm.model.audit.AuditKey;
import odcm.model.audit.AuditVerification;
import odcm.persistence.FileProblems;
import odcm.persistence.keys.AesGcmKeyVault;
import odcm.persistence.keys.MasterKeyState;

/**
 * What one open store's audit log is sealed with: the audit key derived from the master key (or, when the master
 * key is missing or wrong, the refusal every audited write gets), and the head file that catches entries removed
 * from the end or a store put back to an older copy. The store calls {@link #beforeCommit()} before each commit,
 * {@link #committed()} after it, and {@link #wipe()} when it closes. See docs/decisions/0019.
 */
public final class AuditSeal {
    /** The audit key is HMAC-SHA256(master key, this label). */
    static final String KEY_LABEL = "odcm audit key v1";

    private final AuditKey key;
    private final boolean shared;
    private final MasterKeyState masterKeyState;
    private final Supplier<Refusal> noKey;
    private final AuditHeadFile headFile;
    /** The last entry appended in the write in progress (guarded by the store's lock, like every use of this seal). */
    private AuditEntry pending;
    /** The store's last entry before the write in progress appended its first one. */
    private AuditHead base;
    private boolean rebasing;
    private String lastOpenedIn;
    /** Whether the store, with no entry committed, holds no rows either (decision 0044); null until asked, and after a commit. */
    private Boolean isNew;
    /**
     * How far this open store verified its audit log (decision 0044): entries 1 to {@code verifiedSeq} fit their links and
     * MACs, and {@code verifiedHashes} holds their hashes in order (32 bytes each), so an entry read later can be told to be
     * the very entry verified at its place. Guarded by this object's lock.
     */
    private long verifiedSeq;
    private byte[] verifiedHashes = new byte[0];

    /**
     * @param vault the store's master key, or null when it is missing or wrong
     * @param noKey the refusal an audited write gets without the master key (the store's master-key sentence)
     */
    public AuditSeal(String storeId, Path headFile, AesGcmKeyVault vault, MasterKeyState masterKeyState, Supplier<Refusal> noKey) {
        this(storeId, headFile, vault, masterKeyState, noKey, false);
    }

    /**
     * @param shared a team store, which other machines write to as well: a change of this machine interrupted before its
     *               commit may find its place in the log taken by another machine's entry, which is no tampering
     */
    public AuditSeal(String storeId, Path headFile, AesGcmKeyVault vault, MasterKeyState masterKeyState, Supplier<Refusal> noKey,
                     boolean shared) {
        this.shared = shared;
        this.headFile = new AuditHeadFile(headFile, storeId);
        this.masterKeyState = masterKeyState;
        this.noKey = noKey;
        if (vault == null) {
            this.key = null;
        } else {
            byte[] k = vault.derive(KEY_LABEL);
            this.key = new AuditKey(k);
            Arrays.fill(k, (byte) 0);
        }
    }

    /** The key to MAC a new entry with; refuses, with the master key's sentence, when there is none. */
    AuditKey keyForAppend() {
        if (key == null) {
            throw noKey.get();
        }
        return key;
    }

    void appended(AuditEntry entry) {
        pending = entry;
    }

    /** Before the first entry a write appends: {@code last} is the store's last entry (or null), the head's new base. */
    void beforeAppend(AuditEntry last) {
        if (pending == null) {
            base = last == null ? null : AuditHead.of(last);
        }
    }

    /**
     * Refuses a change, changing nothing, when the store does not reach its head (an older copy put in place, a lost
     * commit) or the head file cannot be believed ({@code problem}, from {@link #endProblem}): a store is never moved
     * on from a head it is behind, so a rollback is not forgotten. Not while an audited re-base is being recorded.
     */
    public void refuseChangeIf(String problem) {
        if (problem != null && !rebasing) {
            throw new Refusal(problem + " Nothing was changed. Put the newer store back (with its key folder's head file), or accept"
                    + " this store as it is, recorded in the audit log, with: odcm audit accept-rollback --reason \"...\"");
        }
    }

    /**
     * What is wrong with the store's end against its head file, as the sentence a user is shown when the store opens
     * and when a write is refused; null when it fits (or a write was interrupted, or there is no head yet in a new store or on
     * a team store's machine that has made no change yet; a missing head is a fault otherwise, decision 0044).
     */
    String endProblem(long last, LongFunction<String> hashAt, BooleanSupplier holdsRows) {
        if (key == null) {
            return null;
        }
        AuditHeadFile.Read head = headFile.read(key);
        if (head instanceof AuditHeadFile.Read.Recorded r) {
            AuditVerification v = end(r, last, hashAt, 0);
            if (v instanceof AuditVerification.Truncated || v instanceof AuditVerification.Broken) {
                return "This store is behind its audit head " + headFile.path() + " (an older copy of the store was put in place, or its"
                        + " last commit was lost): " + v.sentence().replace("The audit log has been tampered with: ", "");
            }
            return null;
        }
        if (head instanceof AuditHeadFile.Read.Missing && !missingMatters(last, holdsRows)) {
            return null;
        }
        if (head instanceof AuditHeadFile.Read.Missing && lastOpenedIn != null) {
            return "This store was last opened in " + lastOpenedIn + " and has no audit head in this folder (" + headFile.path()
                    + "): it was copied, moved or restored here by hand, or its head file was deleted, so whether it was rolled back"
                    + " cannot be told.";
        }
        return "The audit head file " + headFile.path() + " " + headProblem(head) + ", so whether this store was rolled back cannot be told.";
    }

    /**
     * Whether a missing head file is a fault (decision 0044): an embedded store gets its head with its first entry and keeps it,
     * so a log with entries, or a store holding rows besides its identity (a log emptied by hand), without a head is one whose
     * head was deleted (or a copy made by hand) and could have been put back to any earlier state. A store with neither is
     * new. On a team store each machine starts its own head with its first change there (its members cannot remove entries).
     */
    private boolean missingMatters(long last, BooleanSupplier holdsRows) {
        if (shared) {
            return false;
        }
        long committed = pending != null ? firstPendingSeq() - 1 : last; // what a write in progress appended is not the store yet
        if (committed > 0) {
            return true;
        }
        if (isNew == null) {
            // First asked on what is committed (on open, or as a write begins, before its work), never halfway through a write,
            // whose own rows are not the store's yet; asked again after each commit.
            isNew = !holdsRows.getAsBoolean();
        }
        return !isNew;
    }

    /** The folder a store opened in a folder with no head of its own was last opened in (from {@code odcm.location}), or null. */
    public void lastOpenedIn(String folder) {
        lastOpenedIn = folder;
    }

    /**
     * Writes the head file before the commit: the entries up to {@code base} as committed and the write's last entry as
     * pending. A head that cannot be written refuses the write (the caller rolls it back), so the store is never ahead
     * of a head that does not know it; a kill after this and before the commit leaves a pending entry that is not in
     * the store, which verification names as an interrupted write.
     */
    public void beforeCommit() {
        if (pending == null || key == null) {
            return;
        }
        try {
            headFile.write(base, AuditHead.of(pending), key);
        } catch (IOException e) {
            throw new Refusal("The audit head file " + headFile.path() + " cannot be written (" + FileProblems.describe(e)
                    + "), so nothing was changed: every change is recorded in the audit log, whose head is kept in the key folder "
                    + headFile.path().getParent() + "; make it writable and try again.", e);
        }
    }

    /** After the commit: the write's last entry becomes the committed head (if this fails, the pending record says so). */
    public void committed() {
        AuditEntry last = pending;
        pending = null;
        base = null;
        isNew = null;
        if (last == null || key == null) {
            return;
        }
        try {
            headFile.write(AuditHead.of(last), null, key);
        } catch (IOException | RuntimeException e) {
            // the record written before the commit names this entry as pending; verification and the next write accept it
        }
    }

    /**
     * The commit after {@link #beforeCommit()} failed (a full disk under the store file): the head names only what was
     * committed before, again. Left pending, verification would call the refused change an interrupted one ("the program
     * was stopped"); were its entries committed after all, the log runs past its head, which verification accepts as for a
     * head written after the commit. If the head cannot be written, the pending record stays and says so.
     */
    public void commitFailed() {
        AuditHead before = base;
        pending = null;
        base = null;
        isNew = null;
        if (key == null) {
            return;
        }
        try {
            headFile.write(before, null, key);
        } catch (IOException | RuntimeException e) {
            // the record written before the commit names the change as pending: verification names it as interrupted
        }
    }

    /**
     * The number of the first entry the write in progress appended: its entries run from here to {@link #pending()}, one
     * after the other (a team store's changes are made one at a time).
     */
    public long firstPendingSeq() {
        return base == null ? 1 : base.seq() + 1;
    }

    /** Whether the audit key shows that {@code e} was not written with it (never, without the key: it cannot be told). */
    public boolean forged(AuditEntry e) {
        if (key == null) {
            return false;
        }
        String expected = AuditChain.hash(key, e.prevHash(), e.seq(), e.at(), e.osUser(), e.action(), e.subject(), e.detail());
        return !java.security.MessageDigest.isEqual(expected.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                String.valueOf(e.hash()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The last entry appended by the write in progress, or null: a mark to roll back to. */
    public AuditEntry pending() {
        return pending;
    }

    /** A (nested) transaction rolled back: what it appended after {@code mark} is not in the log, nor verified in it. */
    public void rollBackTo(AuditEntry mark) {
        if (pending != null && (mark == null || pending.seq() > mark.seq())) { // it appended entries: they are not verified either
            long kept = mark != null ? mark.seq() : base == null ? 0 : base.seq();
            synchronized (this) {
                verifiedSeq = Math.min(verifiedSeq, kept);
            }
        }
        pending = mark;
    }

    /** While set, the next write's entries move the head on from the store's end whatever the head says (audited re-base). */
    public void rebasing(boolean on) {
        rebasing = on;
    }

    /**
     * Starts the head of a copy of this store ({@code odcm store copy}, decision 0044) at {@code end}, the last entry of the
     * log verified here, which the copy holds exactly: the copy is then checked against it from its first open.
     */
    public void startHead(java.nio.file.Path file, String identity, AuditHead end) throws IOException {
        new AuditHeadFile(file, identity).write(end, null, keyForAppend());
    }

    /** Whether the audit key is at hand (the master key is present and right). */
    boolean hasKey() {
        return key != null;
    }

    /** Whether this store has no head file yet. */
    public boolean headMissing() {
        return key != null && headFile.read(key) instanceof AuditHeadFile.Read.Missing;
    }

    /** Checks entries in sequence order from the first one ever written, as far as the key and the head file allow. */
    AuditVerification verify(List<AuditEntry> entries, BooleanSupplier holdsRows) {
        if (key == null) {
            AuditVerification links = AuditChain.verifyLinks(entries);
            if (!links.isIntact()) {
                return links;
            }
            String why = masterKeyState == MasterKeyState.WRONG ? "the key file is not this store's master key" : "the master key is missing";
            return new AuditVerification.PartlyChecked("Only the links of the audit log could be checked: " + why
                    + ", so whether entries were rewritten cannot be told.");
        }
        AuditVerification chain = AuditChain.verify(entries, key);
        if (!chain.isIntact()) {
            return chain;
        }
        return ended(entries.size(), seq -> entries.get((int) (seq - 1)).hash(), holdsRows); // verified: entry n is at n - 1
    }

    /**
     * {@link #verify}, from where this open store last verified its log (decision 0044): the entries up to there were
     * verified by this process, and nobody changes them while it has the store open (an embedded store's file is locked; a
     * team store's members can only append, V18), so only the entries after it are checked, their links and MACs, after
     * checking that the last one verified is still there as it was (else the whole log again). The end is checked against
     * the head file each time. What is verified is remembered; entries a write appends are forgotten if it rolls back.
     *
     * @param after the entries after a sequence number, oldest first
     * @param hashAt the stored hash of one entry, or null
     * @param countUpTo how many entries numbered 1 to a sequence number the log holds
     */
    synchronized AuditVerification verifySince(LongFunction<List<AuditEntry>> after, LongFunction<String> hashAt,
                                               java.util.function.LongUnaryOperator countUpTo, BooleanSupplier holdsRows) {
        if (key == null) {
            return verify(after.apply(0), holdsRows);
        }
        long from = verifiedSeq;
        if (from > 0 && (!verifiedHash(from).equals(hashAt.apply(from)) || countUpTo.applyAsLong(from) != from)) {
            from = 0; // the last entry verified is gone or changed, or one before it removed: the whole log again, which says where
        }
        List<AuditEntry> tail = after.apply(from);
        AuditVerification chain = AuditChain.verifyAfter(tail, key, from, from == 0 ? AuditChain.GENESIS : verifiedHash(from));
        if (!chain.isIntact()) {
            verifiedSeq = 0;
            return chain;
        }
        remember(from, tail);
        long start = from;
        return ended(start + tail.size(), seq -> seq > start ? tail.get((int) (seq - start - 1)).hash() : verifiedHash(seq), holdsRows);
    }

    /**
     * Whether {@code e} is exactly the entry this open store verified at its place: its MAC fits its content and it has the
     * hash the verified chain has there (never, without the key). An entry whose content is relied upon is read through this
     * after {@link #verifySince}, so a verified prefix never vouches for an entry changed or put in its place since.
     */
    synchronized boolean verifiedAt(AuditEntry e) {
        if (key == null || e.seq() < 1 || e.seq() > verifiedSeq || forged(e)) {
            return false;
        }
        byte[] h = hashBytes(e.hash());
        return h != null && java.util.Arrays.equals(h, 0, 32, verifiedHashes, (int) (e.seq() - 1) * 32, (int) e.seq() * 32);
    }

    private void remember(long from, List<AuditEntry> tail) {
        long n = from + tail.size();
        if (n * 32 > Integer.MAX_VALUE - 64) {
            return; // past what one array holds: every check walks the log, as before
        }
        if (verifiedHashes.length < n * 32) {
            verifiedHashes = java.util.Arrays.copyOf(verifiedHashes, (int) Math.max(n * 32, Math.min(Integer.MAX_VALUE - 64, verifiedHashes.length * 2L)));
        }
        for (AuditEntry e : tail) {
            byte[] h = hashBytes(e.hash());
            if (h == null) { // no MAC of ours is anything but 64 hex digits: verified entries always are
                verifiedSeq = 0;
                return;
            }
            System.arraycopy(h, 0, verifiedHashes, (int) (e.seq() - 1) * 32, 32);
        }
        verifiedSeq = n;
    }

    private String verifiedHash(long seq) {
        return seq < 1 || seq > verifiedSeq ? null
                : java.util.HexFormat.of().formatHex(verifiedHashes, (int) (seq - 1) * 32, (int) seq * 32);
    }

    private static byte[] hashBytes(String hex) {
        if (hex == null || hex.length() != 64) {
            return null;
        }
        try {
            return java.util.HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The end of a log of {@code n} entries whose links and MACs were verified, against the head file. */
    private AuditVerification ended(long n, LongFunction<String> hashAt, BooleanSupplier holdsRows) {
        AuditHeadFile.Read head = headFile.read(key);
        if (head instanceof AuditHeadFile.Read.Recorded r) {
            return end(r, n, hashAt, (int) n);
        }
        if (head instanceof AuditHeadFile.Read.Missing && (shared ? n == 0 : !missingMatters(n, holdsRows))) {
            return AuditVerification.intact((int) n); // nothing committed yet, nothing to remove
        }
        return new AuditVerification.PartlyChecked("The end of the audit log cannot be checked: its head file " + headFile.path()
                + " " + headProblem(head) + ", so whether entries were removed from the end cannot be told. The " + n
                + (n == 1 ? " entry in the log is" : " entries in the log are") + " unaltered.");
    }

    private static String headProblem(AuditHeadFile.Read head) {
        if (head instanceof AuditHeadFile.Read.Unreadable u) {
            return "cannot be read (" + u.why() + ")";
        }
        return head instanceof AuditHeadFile.Read.Altered ? "was altered or belongs to another store" : "is missing";
    }

    /**
     * The log's end ({@code last}, with the hash of any entry up to it) against the head record: intact when it reaches
     * the pending entry, or the committed head (a log past its head is fine: earlier versions wrote the head after the
     * commit); a pending entry not in a log that ends exactly at the committed head is an interrupted write, said so.
     */
    private AuditVerification end(AuditHeadFile.Read.Recorded r, long last, LongFunction<String> hashAt, int n) {
        AuditHead committed = r.head();
        AuditHead pending = r.pending();
        if (pending != null && last >= pending.seq() && pending.hash().equals(hashAt.apply(pending.seq()))) {
            return AuditVerification.intact(n);
        }
        if (shared && pending != null && last >= pending.seq() && (committed == null || committed.hash().equals(hashAt.apply(committed.seq())))) {
            // A team store: this machine's change was interrupted before its commit, and another machine's entries took its
            // place. What this machine committed is there, unaltered (decision 0035).
            return AuditVerification.intact(n);
        }
        long committedSeq = committed == null ? 0 : committed.seq();
        if (last < committedSeq) {
            return new AuditVerification.Truncated(last + 1, committedSeq);
        }
        if (committed != null && !committed.hash().equals(hashAt.apply(committedSeq))) {
            return AuditVerification.broken(committedSeq, "entry " + committedSeq + " is not the entry recorded as written there");
        }
        if (pending == null) {
            return AuditVerification.intact(n);
        }
        if (last >= pending.seq()) {
            return AuditVerification.broken(pending.seq(), "entry " + pending.seq() + " is not the entry recorded as written there");
        }
        if (last > committedSeq) {
            return new AuditVerification.Truncated(last + 1, pending.seq());
        }
        String which = committedSeq + 1 == pending.seq() ? "entry " + pending.seq() : "entries " + (committedSeq + 1) + " to " + pending.seq();
        return new AuditVerification.PartlyChecked("The last change begun on this store (" + which + " of the audit log) is not in it:"
                + " it was interrupted before it was committed (the program was stopped), or the store was put back to just before it."
                + " The " + n + (n == 1 ? " entry in the log is unaltered and ends" : " entries in the log are unaltered and end") + " where the head says.");
    }

    /** Forgets the audit key (the store is closing). */
    public void wipe() {
        if (key != null) {
            key.wipe();
        }
    }
}

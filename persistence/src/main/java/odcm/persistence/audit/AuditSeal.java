package odcm.persistence.audit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import odcm.model.Refusal;
import odcm.model.audit.AuditChain;
import odcm.model.audit.AuditEntry;
import odcm.model.audit.AuditHead;
import odcm.model.audit.AuditKey;
import odcm.model.audit.AuditVerification;
import odcm.persistence.keys.AesGcmKeyVault;
import odcm.persistence.keys.MasterKeyState;

/**
 * What one open store's audit log is sealed with: the audit key derived from the master key (or, when the master
 * key is missing or wrong, the refusal every audited write gets), and the head file that catches entries removed
 * from the end. The store calls {@link #committed()} after each commit and {@link #wipe()} when it closes.
 */
public final class AuditSeal {
    /** The audit key is HMAC-SHA256(master key, this label). */
    static final String KEY_LABEL = "odcm audit key v1";

    private final AuditKey key;
    private final MasterKeyState masterKeyState;
    private final Supplier<Refusal> noKey;
    private final AuditHeadFile headFile;
    /** The last entry appended in the write in progress (guarded by the store's lock, like every use of this seal). */
    private AuditEntry pending;

    /**
     * @param vault the store's master key, or null when it is missing or wrong
     * @param noKey the refusal an audited write gets without the master key (the store's master-key sentence)
     */
    public AuditSeal(String storeId, Path headFile, AesGcmKeyVault vault, MasterKeyState masterKeyState, Supplier<Refusal> noKey) {
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

    /**
     * After a commit: records the last entry appended in it as the log's head. Called only once the entries are
     * committed, so a crash in between leaves the head behind the log (which verification accepts), never ahead.
     * A head that cannot be written does not undo the committed change: the head stays behind, as after a crash,
     * and the next write that succeeds catches it up.
     */
    public void committed() {
        AuditEntry last = pending;
        pending = null;
        if (last == null || key == null) {
            return;
        }
        try {
            headFile.write(AuditHead.of(last), key);
        } catch (IOException | RuntimeException e) {
            // behind, as after a crash; see above
        }
    }

    /** The last entry appended by the write in progress, or null: a mark to roll back to. */
    public AuditEntry pending() {
        return pending;
    }

    /** A (nested) transaction rolled back: what it appended after {@code mark} is not in the log. */
    public void rollBackTo(AuditEntry mark) {
        pending = mark;
    }

    /** Checks entries in sequence order from the first one ever written, as far as the key and the head file allow. */
    AuditVerification verify(List<AuditEntry> entries) {
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
        AuditHeadFile.Read head = headFile.read(key);
        if (head instanceof AuditHeadFile.Read.Recorded r) {
            return AuditChain.verifyEnd(entries, r.head());
        }
        if (head instanceof AuditHeadFile.Read.Missing && entries.isEmpty()) {
            return chain; // nothing written yet, nothing to remove
        }
        String why;
        if (head instanceof AuditHeadFile.Read.Unreadable u) {
            why = "cannot be read (" + u.why() + ")";
        } else if (head instanceof AuditHeadFile.Read.Altered) {
            why = "was altered or belongs to another store";
        } else {
            why = "is missing";
        }
        int n = entries.size();
        return new AuditVerification.PartlyChecked("The end of the audit log cannot be checked: its head file " + headFile.path()
                + " " + why + ", so whether entries were removed from the end cannot be told. The " + n
                + (n == 1 ? " entry" : " entries") + " in the log are unaltered.");
    }

    /** Forgets the audit key (the store is closing). */
    public void wipe() {
        if (key != null) {
            key.wipe();
        }
    }
}

package odcm.app.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import odcm.model.audit.AuditEntry;
import odcm.model.audit.AuditFilter;
import odcm.model.audit.AuditVerification;
import odcm.persistence.Store;

/**
 * Reading, verifying and exporting the audit log. Entries are written by the other services; here only the one that
 * accepts a store put back behind its audit head (decision 0019).
 */
public final class AuditService {
    private final Store store;

    public AuditService(Store store) {
        this.store = store;
    }

    public List<AuditEntry> list(AuditFilter filter) {
        return store.read(tx -> tx.audit().list(filter));
    }

    /** Up to {@code limit} entries after entry {@code seq}, oldest first: what others changed since a console looked. */
    public List<AuditEntry> after(long seq, int limit) {
        return store.read(tx -> tx.audit().after(seq, limit));
    }

    /**
     * An entry of the audit log as a console reads what others changed: whether this opened store made it itself, and
     * whether the store's key shows it was written by hand (see {@link odcm.persistence.audit.AuditLog#forged}).
     */
    public record Read(AuditEntry entry, boolean madeHere, boolean forged) {
    }

    /** Like {@link #after}, each entry said whether this console made it and whether it was written by hand. */
    public List<Read> readAfter(long seq, int limit) {
        return store.read(tx -> tx.audit().after(seq, limit).stream()
                .map(e -> new Read(e, store.madeHere(e.seq()), tx.audit().forged(e))).toList());
    }

    /** The number of the last entry, 0 when the log is empty. */
    public long lastSeq() {
        return store.read(tx -> tx.audit().lastSeq());
    }

    public AuditVerification verify() {
        return store.read(tx -> tx.audit().verify());
    }

    /** Records, with the reason, that this store is accepted as it is though it ends before its audit head, and moves the head on. */
    public AuditEntry acceptRollback(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new odcm.model.Refusal("Say why the rollback is accepted (--reason); it goes into the audit log. Nothing was changed.");
        }
        store.read(tx -> {
            RoleService.checkEverySpace(tx, store, odcm.model.role.Action.ACCEPT_ROLLBACK);
            return null;
        });
        return store.acceptAuditRollback(reason);
    }

    /** RFC 4180 CSV, oldest first, with cells that a spreadsheet would run as a formula defused. */
    public void exportCsv(AuditFilter filter, Writer out) {
        exportCsv(filter, out, odcm.model.Progress.NONE);
    }

    /** As {@link #exportCsv(AuditFilter, Writer)}, saying how far it is (every 256 entries) and stopping when asked to. */
    public void exportCsv(AuditFilter filter, Writer out, odcm.model.Progress progress) {
        progress.step(0, 0, "Reading the audit log");
        List<AuditEntry> entries = list(filter);
        try {
            out.write("seq,at,os_user,action,subject,detail,prev_hash,hash\r\n");
            for (int i = entries.size() - 1; i >= 0; i--) {
                int done = entries.size() - 1 - i;
                if (done % 256 == 0) {
                    progress.step(done, entries.size(), "Writing the entries");
                }
                AuditEntry e = entries.get(i);
                out.write(String.join(",", Long.toString(e.seq()), e.at().toString(), csv(e.osUser()), csv(e.action()),
                        csv(e.subject()), csv(e.detail()), e.prevHash(), e.hash()));
                out.write("\r\n");
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String csv(String value) {
        String v = value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r") || !v.equals(value)) {
            v = "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}

package odcm.app.service;

import java.util.List;
import java.util.function.Predicate;
import odcm.model.Refusal;
import odcm.model.audit.AuditEntry;
import odcm.model.audit.AuditVerification;
import odcm.persistence.StoreTx;

/**
 * The audit log as the anchor of rows whose deletion a per-row seal cannot show (decision 0039): what was accepted, and
 * the approval decisions and requirement a deployment relies on. Its entries are keyed and chained to a head kept outside
 * the store, so an entry of ODCM Console's that names a thing counts even when the thing's row is gone; only while the log
 * verifies (an entry removed from its middle breaks the chain; one cut from its end is refused on open, decision 0019).
 */
final class AuditAnchor {
    private AuditAnchor() {
    }

    /**
     * Whether entry {@code e} names {@code s} by the words {@code s.describe()} within {@code subject} as {@code s} itself:
     * written since {@code s} was made (a space renamed leaves its old name free for another one, which is not it).
     */
    static boolean about(AuditEntry e, odcm.model.space.Space s) {
        return !e.at().isBefore(s.createdAt().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    }

    /**
     * The entries of exactly {@code action} matching {@code which}, oldest first, after the whole log was verified; refused,
     * saying {@code consequence} ("so no bundle is verified or imported in this store"), when it was tampered with.
     */
    static List<AuditEntry> entries(StoreTx tx, String action, Predicate<AuditEntry> which, String consequence) {
        List<AuditEntry> found = tx.audit().withAction(action).stream().filter(which).toList();
        AuditVerification log = tx.audit().verify();
        if (log instanceof AuditVerification.Broken || log instanceof AuditVerification.Truncated) {
            throw new Refusal(log.sentence() + " " + consequence + " until it is restored from a backup.");
        }
        return found;
    }
}

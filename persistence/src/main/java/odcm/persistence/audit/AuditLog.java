package odcm.persistence.audit;

import java.util.List;
import odcm.model.audit.AuditEntry;
import odcm.model.audit.AuditFilter;
import odcm.model.audit.AuditVerification;

/**
 * The append-only audit log, chained with HMACs under the store's audit key (see {@link AuditSeal}).
 * Appending happens in the caller's transaction, and is refused without the master key.
 */
public interface AuditLog {
    /** Appends an entry stamped now with the store's OS user, chained to the last one. */
    AuditEntry append(String action, String subject, String detail);

    /** Matching entries, newest first. */
    List<AuditEntry> list(AuditFilter filter);

    /** Up to {@code limit} entries after entry {@code seq}, oldest first: what changed since a console last looked. */
    List<AuditEntry> after(long seq, int limit);

    /** The number of the last entry, 0 when the log is empty. */
    long lastSeq();

    /** The newest entry about exactly this subject, if any: who changed a thing last, and how (decision 0036). */
    java.util.Optional<AuditEntry> latestAbout(String subject);

    /**
     * Whether the store's key shows that {@code entry} was not written by ODCM Console (its MAC is not the store's: a row
     * written by hand); false when it was, and when the master key is missing, so that it cannot be told.
     */
    boolean forged(AuditEntry entry);

    /** Checks the whole log, every entry's link and MAC, and its end against the head: what {@code odcm audit verify} runs. */
    AuditVerification verify();

    /**
     * Every entry of exactly one of {@code actions}, oldest first, for a decision that relies on what they say, with the log's
     * verification (decision 0044): the log is verified from where this open store last verified it (its end against the
     * head each time), and each entry returned must be the very entry verified at its place (its MAC, and the hash the
     * verified chain has there), else the verification is {@code Broken} at it.
     */
    Verified verifiedWithAction(String... actions);

    /** Entries relied upon, and what the log's verification found; use the entries only when it is not broken or truncated. */
    record Verified(List<AuditEntry> entries, AuditVerification log) {
    }

    /** Every entry of exactly {@code action}, oldest first, as stored (check them with {@link #verify()} or {@link #forged}). */
    List<AuditEntry> withAction(String action);

    /**
     * Why no change may be made: the store ends before its audit head, or the head cannot be believed or is missing
     * (decision 0044), as one sentence; null when the store reaches its head (or is new, or is a team store this machine
     * has not changed yet, or there is no master key to check it with).
     */
    String endProblem();
}

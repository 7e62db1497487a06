package odcm.model.audit;

import java.time.Instant;

/**
 * One recorded change: when, by whom, what action, on what subject, and what changed.
 * {@code hash} chains the entry to the one before it (see {@link AuditChain}). {@code osUser} (its name kept from when it
 * was the OS user) is the person who made the change (docs/decisions/0040-people.md): on a team store the database login
 * the server authenticated, in an embedded store this computer's user.
 */
public record AuditEntry(long seq, Instant at, String osUser, String action, String subject, String detail,
                         String prevHash, String hash) {
    /** The person who made the change (the same as {@link #osUser()}). */
    public String person() {
        return osUser;
    }
}

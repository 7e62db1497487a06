package odcm.model.audit;

import java.time.Instant;

/**
 * One recorded change: when, by which OS user, what action, on what subject, and what changed.
 * {@code hash} chains the entry to the one before it (see {@link AuditChain}).
 */
public record AuditEntry(long seq, Instant at, String osUser, String action, String subject, String detail,
                         String prevHash, String hash) {
}

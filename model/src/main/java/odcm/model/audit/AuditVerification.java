package odcm.model.audit;

/**
 * The outcome of checking the audit log. Only {@link Intact} means every entry and the log's end were checked and
 * fit; {@link Broken} and {@link Truncated} are evidence of tampering; {@link PartlyChecked} says what could not
 * be checked, and why.
 */
public sealed interface AuditVerification {
    /** Every entry's MAC and link fit, and the log ends where (or after) its head record says. */
    record Intact(int entries) implements AuditVerification {
        @Override
        public String sentence() {
            return "The audit log is intact: " + entries + (entries == 1 ? " entry" : " entries") + " checked.";
        }
    }

    /** The first entry that does not fit, and why. */
    record Broken(long firstBrokenSeq, String reason) implements AuditVerification {
        @Override
        public String sentence() {
            return "The audit log has been tampered with: " + reason + ".";
        }
    }

    /** Entries {@code fromSeq} to {@code toSeq} were written and committed, and are no longer in the log. */
    record Truncated(long fromSeq, long toSeq) implements AuditVerification {
        @Override
        public String sentence() {
            String which = fromSeq == toSeq ? "entry " + toSeq + " was" : "entries " + fromSeq + " to " + toSeq + " were";
            return "The audit log has been tampered with: " + which + " removed from the end of the audit log.";
        }
    }

    /** What was checked fits, but not everything could be checked; {@code reason} is the whole sentence saying what. */
    record PartlyChecked(String reason) implements AuditVerification {
        @Override
        public String sentence() {
            return reason;
        }
    }

    String sentence();

    default boolean isIntact() {
        return this instanceof Intact;
    }

    static AuditVerification intact(int entries) {
        return new Intact(entries);
    }

    static AuditVerification broken(long seq, String reason) {
        return new Broken(seq, reason);
    }
}

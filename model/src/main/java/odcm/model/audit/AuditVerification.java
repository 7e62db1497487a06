package odcm.model.audit;

/** The outcome of checking the audit log: intact, or broken first at one entry, with the reason. */
public sealed interface AuditVerification {
    record Intact(int entries) implements AuditVerification {
        @Override
        public String sentence() {
            return "The audit log is intact: " + entries + (entries == 1 ? " entry" : " entries") + " checked.";
        }
    }

    record Broken(long firstBrokenSeq, String reason) implements AuditVerification {
        @Override
        public String sentence() {
            return "The audit log has been tampered with: " + reason + ".";
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

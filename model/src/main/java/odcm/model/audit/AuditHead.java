package odcm.model.audit;

/**
 * The last entry of the audit log as recorded outside the database after each committed write: its sequence
 * number and hash. A log that ends before it had entries removed from its end; a log that goes on past it is
 * fine (the record is written after the commit, so a crash can leave it behind, never ahead).
 */
public record AuditHead(long seq, String hash) {
    private static final String VERSION = "odcm audit head v1";

    public AuditHead {
        if (seq < 1 || hash == null || hash.isEmpty()) {
            throw new IllegalArgumentException("a head names an entry: seq from 1 and its hash");
        }
    }

    public static AuditHead of(AuditEntry last) {
        return new AuditHead(last.seq(), last.hash());
    }

    /** The head's own MAC, bound to one store, so a head copied from another store or edited does not verify. */
    public String mac(AuditKey key, String storeId) {
        return key.mac(VERSION, storeId, Long.toString(seq), hash);
    }
}

package odcm.persistence.audit;

import java.util.List;
import odcm.model.audit.AuditEntry;
import odcm.model.audit.AuditFilter;
import odcm.model.audit.AuditVerification;

/** The append-only, hash-chained audit log. Appending happens in the caller's transaction. */
public interface AuditLog {
    /** Appends an entry stamped now with the store's OS user, chained to the last one. */
    AuditEntry append(String action, String subject, String detail);

    /** Matching entries, newest first. */
    List<AuditEntry> list(AuditFilter filter);

    AuditVerification verify();
}

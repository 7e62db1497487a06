package odcm.model.audit;

import java.time.Instant;
import java.util.Locale;

/** Which audit entries to show: text found in action, subject, detail or user, and an optional time range. */
public record AuditFilter(String text, Instant from, Instant to) {
    public static final AuditFilter ALL = new AuditFilter("", null, null);

    public boolean matches(AuditEntry e) {
        if (from != null && e.at().isBefore(from)) {
            return false;
        }
        if (to != null && e.at().isAfter(to)) {
            return false;
        }
        if (text == null || text.isBlank()) {
            return true;
        }
        String needle = text.strip().toLowerCase(Locale.ROOT);
        return (e.action() + "\n" + e.subject() + "\n" + e.detail() + "\n" + e.osUser()).toLowerCase(Locale.ROOT).contains(needle);
    }
}

package odcm.model.audit;

import java.time.Instant;
import java.util.Locale;

/**
 * Which audit entries to show: text found in action, subject, detail or person, an optional time range, and optionally
 * only the entries of one person (exactly that name, as the store recorded it; null for everyone's).
 */
public record AuditFilter(String text, Instant from, Instant to, String person) {
    public static final AuditFilter ALL = new AuditFilter("", null, null);

    public AuditFilter(String text, Instant from, Instant to) {
        this(text, from, to, null);
    }

    public boolean matches(AuditEntry e) {
        if (person != null && !person.equals(e.osUser())) {
            return false;
        }
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

package odcm.model.release;

import java.time.Instant;

/**
 * A release without its snapshot: what lists and the dashboard show. Read with its hash checked like a whole release,
 * but without parsing or opening the snapshot.
 */
public record ReleaseHead(long id, long projectId, String version, int revision, String notes, String channel, Instant createdAt) {
    /** "1.2.0", or "1.2.0 (revision 2)" once its variables were updated at the source (decision 0048): how every view names a revision. */
    public static String named(String version, int revision) {
        return revision > 1 ? version + " (revision " + revision + ")" : version;
    }
}

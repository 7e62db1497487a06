package odcm.model.release;

import java.time.Instant;

/**
 * A release without its snapshot: what lists and the dashboard show. Read with its hash checked like a whole release,
 * but without parsing or opening the snapshot.
 */
public record ReleaseHead(long id, long projectId, String version, int revision, String notes, String channel, Instant createdAt) {
}

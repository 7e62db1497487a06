package odcm.persistence.release;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import odcm.model.release.Release;
import odcm.model.release.ReleaseSnapshot;

/**
 * Releases: inserted once with their snapshot, then only read. There is deliberately no update or delete here,
 * and the store refuses both (trigger {@link FrozenRelease}); every read checks the snapshot hash.
 */
public interface ReleaseRepository {
    /** Sensitive values of the snapshot are sealed (bound to the project and version), refused without the master key. */
    Release insert(long projectId, String version, String notes, String channel, ReleaseSnapshot snapshot, Instant at);

    /** Newest first. */
    List<Release> findByProject(long projectId);

    /** By version, case-insensitively. */
    Optional<Release> find(long projectId, String version);

    int count(long projectId);

    /** By id, with its project's name; empty when there is none. */
    Optional<Release> findById(long releaseId);
}

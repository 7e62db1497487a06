package odcm.persistence.acceptance;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import odcm.model.release.ImportAcceptance;

/**
 * Acceptance before import (decision 0047): which spaces require an imported release to be accepted before any deployment
 * of it, and the decisions on imported releases. Rows are keyed-sealed when written and checked when read.
 */
public interface AcceptanceRepository {
    boolean isRequired(long spaceId);

    /** Sets or clears the requirement; true when that changed something. */
    boolean setRequired(long spaceId, boolean required, Instant at, String by);

    /** Records a decision naming the release's snapshot hash as the store holds it (checked first by reading the release). */
    ImportAcceptance insert(long spaceId, long releaseId, ImportAcceptance.Verdict verdict, String comment, Long comparedWith, Instant at, String by);

    /** The decisions on a release in a space, newest first. */
    List<ImportAcceptance> decisions(long spaceId, long releaseId);

    /** How many decisions the space holds on releases of {@code version} (every project, every revision). */
    int decisionsOnVersion(long spaceId, String version);

    /** The snapshot hash of a release row as stored (read the release through its repository first: that checks it). */
    String snapshotHash(long releaseId);

    /**
     * The releases (revisions) of a project a space imported, oldest import first, each once (at its first bundle): what
     * "the previous import" is counted in.
     */
    List<Long> importedReleases(long spaceId, long projectId);

    /** Every release a space imported, each once, newest import first. */
    List<Long> importedReleases(long spaceId);

    /** The time its first bundle was imported into the space. */
    Optional<Instant> importedAt(long spaceId, long releaseId);
}

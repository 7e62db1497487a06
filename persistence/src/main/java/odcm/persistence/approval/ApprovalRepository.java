package odcm.persistence.approval;

import java.time.Instant;
import java.util.List;
import odcm.model.release.ApprovalDecision;
import odcm.model.release.Verdict;

/** Which spaces require approval before a release's first deployment there, and the decisions recorded (insert only). */
public interface ApprovalRepository {
    boolean isRequired(long spaceId);

    /** Sets or clears the requirement; true when that changed something. */
    boolean setRequired(long spaceId, boolean required, Instant at, String by);

    /**
     * The environments of a space gated one by one (decision 0046): a release needs approval before its first deployment to
     * each of them; {@link #isRequired} gates every environment.
     */
    java.util.Set<Long> gates(long spaceId);

    /** Sets or clears the gate on one environment of the space; true when that changed something. */
    boolean setGate(long spaceId, long environmentId, boolean gated, Instant at, String by);

    /** A decision without what it covered (as before decision 0046): revision 1's, no hash, compared against nothing. */
    default ApprovalDecision insert(long spaceId, long releaseId, Verdict verdict, String comment, Instant at, String by) {
        return insert(spaceId, releaseId, verdict, comment, at, by, null, null);
    }

    /**
     * A decision and what it covered: {@code snapshotHash}, the decided revision's (null: none recorded), and the release it
     * was compared against (null: none), sealed with it.
     */
    ApprovalDecision insert(long spaceId, long releaseId, Verdict verdict, String comment, Instant at, String by, String snapshotHash,
                            Long againstReleaseId);

    /**
     * The snapshot hash of release row {@code releaseId} (decision 0034) with its revision: what an approval covers. Read it
     * after the release itself was read in the same transaction (which checks the hash against the row and its seal).
     */
    Covered covered(long releaseId);

    /** A revision of a release and the hash of its snapshot. */
    record Covered(int revision, String snapshotHash) {
    }

    /** The decisions on a release for deployments in a space, newest first. */
    List<ApprovalDecision> decisions(long spaceId, long releaseId);

    /** The decisions in a space on every revision of a project's release {@code version} (as the audit log names them, 0039), newest first. */
    List<ApprovalDecision> decisionsOnVersion(long spaceId, long projectId, String version);

    /**
     * The decisions in a space on every revision of release {@code version} of every project of that space, newest first, in
     * one read, each through its seal (as {@link #decisionsOnVersion(long, long, String)} for each project).
     */
    List<ApprovalDecision> decisionsOnVersion(long spaceId, String version);
}

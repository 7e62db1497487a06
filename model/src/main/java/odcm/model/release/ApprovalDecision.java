package odcm.model.release;

import java.time.Instant;

/**
 * One decision of an approver on a release, for deployments in one space; decisions are only added, and the
 * latest one counts.
 *
 * @param decidedBy    the OS user name, as in the audit log
 * @param revision     the revision of the release decided on (1 for a release never re-promoted)
 * @param snapshotHash the hash of the snapshot decided on (decision 0034), or null for a decision made before gates
 *                     recorded it (decision 0046): it covers the revision it names, whose row is frozen
 * @param against      the version of the release it was compared against (the Compare screen's FROM), or null
 */
public record ApprovalDecision(long id, long spaceId, long releaseId, Verdict verdict, String comment, Instant decidedAt, String decidedBy,
                               int revision, String snapshotHash, String against) {
    /** The longest comment kept. */
    public static final int MAX_COMMENT = 4000;

    /** A decision on revision 1 that records no snapshot hash and no release it was compared against. */
    public ApprovalDecision(long id, long spaceId, long releaseId, Verdict verdict, String comment, Instant decidedAt, String decidedBy) {
        this(id, spaceId, releaseId, verdict, comment, decidedAt, decidedBy, 1, null, null);
    }

    /** Whether this decision is about the revision whose row is {@code releaseId} and snapshot hash {@code hash}. */
    public boolean covers(long releaseId, String hash) {
        return this.releaseId == releaseId && (snapshotHash == null || snapshotHash.equals(hash));
    }

    /** "approved by alice on revision 2 (snapshot 3f2a9c01…), compared against 1.1.0": what the decision covered. */
    public String coverage() {
        return verdict.words() + " by " + decidedBy + " on revision " + revision
                + (snapshotHash == null ? "" : " (snapshot " + snapshotHash.substring(0, Math.min(12, snapshotHash.length())) + "…)")
                + (against == null ? "" : ", compared against " + against);
    }
}

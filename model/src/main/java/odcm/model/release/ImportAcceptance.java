package odcm.model.release;

import java.time.Instant;

/**
 * An approver's decision on an imported release in the space it was imported into (issue 15, point 4; decision 0047), made
 * after reviewing its changes against the previous import of its project: accepted (it may be deployed there) or declined
 * (it stays undeployable). Decisions are only added; the latest one of a release (revision) counts. Not the bundle's
 * acceptance by the import itself (bundle_accepted), which only says that a verified bundle was taken in.
 *
 * @param snapshotHash the hash of the snapshot accepted (the release's sealed hash, decision 0034)
 * @param comparedWith the release (revision) of the previous import it was reviewed against; null for the first import
 */
public record ImportAcceptance(long id, long spaceId, long releaseId, Verdict verdict, String comment, String snapshotHash, Long comparedWith,
                               Instant decidedAt, String decidedBy) {
    /** The longest comment kept. */
    public static final int MAX_COMMENT = ApprovalDecision.MAX_COMMENT;

    /** Accepted or declined. */
    public enum Verdict {
        ACCEPTED("accepted"), DECLINED("declined");

        private final String words;

        Verdict(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    public boolean accepted() {
        return verdict == Verdict.ACCEPTED;
    }
}

package odcm.model.release;

import java.time.Instant;

/**
 * One decision of an approver on a release, for deployments in one space; decisions are only added, and the
 * latest one counts.
 *
 * @param decidedBy the OS user name, as in the audit log
 */
public record ApprovalDecision(long id, long spaceId, long releaseId, Verdict verdict, String comment, Instant decidedAt, String decidedBy) {
    /** The longest comment kept. */
    public static final int MAX_COMMENT = 4000;
}

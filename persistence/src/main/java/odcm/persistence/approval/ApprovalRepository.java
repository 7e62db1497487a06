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

    ApprovalDecision insert(long spaceId, long releaseId, Verdict verdict, String comment, Instant at, String by);

    /** The decisions on a release for deployments in a space, newest first. */
    List<ApprovalDecision> decisions(long spaceId, long releaseId);

    /** The decisions in a space on every revision of a project's release {@code version} (as the audit log names them, 0039). */
    List<ApprovalDecision> decisionsOnVersion(long spaceId, long projectId, String version);
}

package odcm.model.role;

import java.time.Instant;
import odcm.model.trust.TrustProposal;

/**
 * A loosening of a space's separation of duties one administrator proposed where the space requires two administrators
 * (docs/decisions/0043, "Loosening needs a second administrator"): the rules it would set, applied only when another
 * administrator of the space confirms it.
 */
public record DutyProposal(long id, long spaceId, String spaceName, Duties duties, Instant proposedAt, String proposedBy,
                           TrustProposal.State state, Instant decidedAt, String decidedBy) {
    public boolean isPending() {
        return state == TrustProposal.State.PENDING;
    }

    /** Whether {@code now} loosens {@code was} where {@code was} requires two administrators (then it needs a second one). */
    public static boolean loosens(Duties was, Duties now) {
        return was.twoAdminTrust() && (was.approverNotMaker() && !now.approverNotMaker() || now.approvals() < was.approvals() || !now.twoAdminTrust());
    }

    /** "Proposed (#3): … needs a second administrator …", for the command line and the console. */
    public String sentence() {
        return "Proposed (#" + id + ") by " + proposedBy + " for '" + spaceName + "': " + duties.sentence() + "; it loosens the separation of duties,"
                + " so it needs a second administrator of '" + spaceName + "' to confirm it (odcm space duties '" + spaceName + "' --confirm " + id
                + ", or Confirm under People & roles) before it applies.";
    }
}

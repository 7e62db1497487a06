package odcm.model.release;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import odcm.model.role.Duties;

/**
 * Whether a release may be deployed to an environment of its space as far as approvals go (decision 0046):
 * <ul>
 *   <li>a rejection binds everywhere in the space, gated or not, until a later approval: the latest decision on any revision
 *       of the release must not be a rejection;</li>
 *   <li>where the environment is gated (the space's gate on it, or on every environment), until the release has succeeded
 *       there once it needs the space's number of distinct approvals (decision 0043) since the latest rejection, each of
 *       the <em>current</em> revision and its snapshot hash: a new revision voids earlier approvals.</li>
 * </ul>
 *
 * @param release   "Release 1.2.0 of Web", as sentences start
 * @param where     "to Production" or "here", as "before its first deployment …" ends
 */
public record ApprovalGate(String release, String space, String where, boolean gated, boolean succeededThere, long currentId,
                           int currentRevision, String currentHash, Duties duties, String maker) {

    /**
     * Why not, or empty.
     *
     * @param newestFirst the decisions in the space on every revision of the release, newest first
     * @param maker       who made the current revision where the space separates duties (null: not recorded)
     */
    public Optional<String> refusal(List<ApprovalDecision> newestFirst) {
        if (!newestFirst.isEmpty() && newestFirst.get(0).verdict() == Verdict.REJECTED) {
            ApprovalDecision d = newestFirst.get(0);
            return Optional.of(release + " was rejected in " + space + " by " + d.decidedBy() + ": " + d.comment()
                    + (d.revision() == currentRevision ? "" : " (revision " + d.revision() + "; the rejection binds revision " + currentRevision + " too)"));
        }
        if (!gated || succeededThere) {
            return Optional.empty();
        }
        Set<String> have = approvers(newestFirst);
        if (have.size() >= duties.approvals()) {
            return Optional.empty();
        }
        Optional<ApprovalDecision> voided = sinceRejection(newestFirst).stream()
                .filter(d -> d.verdict() == Verdict.APPROVED && !d.covers(currentId, currentHash)).findFirst();
        if (have.isEmpty() && voided.isPresent()) {
            ApprovalDecision v = voided.get();
            return Optional.of(release + ": the approval of revision " + v.revision() + " does not cover revision " + currentRevision
                    + (v.revision() == currentRevision ? " as it is now (its snapshot hash differs)" : "")
                    + "; it needs an approval of revision " + currentRevision + " in " + space + " before its first deployment " + where + ".");
        }
        if (newestFirst.isEmpty()) {
            return Optional.of(release + " needs an approval in " + space + " before its first deployment " + where + "; it has none.");
        }
        return Optional.of(release + " has " + have.size() + " of " + duties.approvals() + " approvals in " + space + "; it needs "
                + duties.approvals() + " distinct approvers" + (duties.approverNotMaker() ? " other than its maker" : "")
                + " before its first deployment " + where + " (separation of duties).");
    }

    /**
     * The distinct people whose approvals count: approvals since the latest rejection of the current revision as it is
     * (its snapshot hash), each person once, the maker not at all where the space says so (nobody's, its maker not recorded).
     */
    public Set<String> approvers(List<ApprovalDecision> newestFirst) {
        Set<String> who = new TreeSet<>();
        if (duties.approverNotMaker() && maker == null) {
            return who;
        }
        for (ApprovalDecision d : sinceRejection(newestFirst)) {
            if (d.covers(currentId, currentHash) && !(duties.approverNotMaker() && d.decidedBy().equals(maker))) {
                who.add(d.decidedBy());
            }
        }
        return who;
    }

    /**
     * Where the release stands, in a word or two for a list (decision 0046): "Rejected" while the latest decision is a
     * rejection; "Approved" with the space's number of approvals of the current revision since; "Pending (1 of 2)" with
     * fewer; "Voided by revision 2" when the approvals since are all of an earlier revision; else "Pending" where the
     * space gates an environment, "No decision" where it gates none.
     */
    public String state(List<ApprovalDecision> newestFirst) {
        if (!newestFirst.isEmpty() && newestFirst.get(0).verdict() == Verdict.REJECTED) {
            return "Rejected";
        }
        int have = approvers(newestFirst).size();
        if (have > 0) {
            return have >= duties.approvals() ? "Approved" : "Pending (" + have + " of " + duties.approvals() + ")";
        }
        if (sinceRejection(newestFirst).stream().anyMatch(d -> d.verdict() == Verdict.APPROVED && !d.covers(currentId, currentHash))) {
            return "Voided by revision " + currentRevision;
        }
        return gated ? "Pending" : "No decision";
    }

    /**
     * Why Approve… is not offered to {@code person} (decision 0053), or empty: their approval of the current revision
     * already counts, or the release has all the approvals it needs. After a rejection, or when a new revision voided the
     * approvals, it is offered again.
     */
    public Optional<String> alreadyDecided(List<ApprovalDecision> newestFirst, String person) {
        if (!newestFirst.isEmpty() && newestFirst.get(0).verdict() == Verdict.REJECTED) {
            return Optional.empty();
        }
        if (sinceRejection(newestFirst).stream().anyMatch(d -> d.verdict() == Verdict.APPROVED && d.covers(currentId, currentHash)
                && d.decidedBy().equals(person))) {
            return Optional.of("You approved revision " + currentRevision + " already; a second approval of yours would not count. Reject… stays open.");
        }
        int have = approvers(newestFirst).size();
        if (have >= duties.approvals()) {
            return Optional.of("Approved: " + have + " of " + duties.approvals() + " approvals of revision " + currentRevision
                    + "; nothing more is needed. Reject… stays open.");
        }
        return Optional.empty();
    }

    /** Whether any decision was voided by a later revision: approvals of an earlier revision than the current one. */
    public static boolean voided(ApprovalDecision d, long currentId, String currentHash) {
        return d.verdict() == Verdict.APPROVED && !d.covers(currentId, currentHash);
    }

    private static List<ApprovalDecision> sinceRejection(List<ApprovalDecision> newestFirst) {
        int i = 0;
        while (i < newestFirst.size() && newestFirst.get(i).verdict() != Verdict.REJECTED) {
            i++;
        }
        return newestFirst.subList(0, i);
    }
}

package odcm.model.release;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import odcm.model.role.Duties;
import org.junit.jupiter.api.Test;

/** The approval gate's rules (decision 0046), one test each, without a store. */
class ApprovalGateTest {
    private static final String H1 = "1".repeat(64);
    private static final String H2 = "2".repeat(64);
    private static final Instant T = Instant.parse("2026-12-05T09:00:00Z");

    /** Release row 20 is revision 2 (hash H2) of the version whose revision 1 is row 10 (hash H1). */
    private static ApprovalGate gate(boolean gated, boolean succeededThere, Duties duties, String maker) {
        return new ApprovalGate("Release 1.0.0 of Web", "Prod Space", "to Production", gated, succeededThere, 20, 2, H2, duties, maker);
    }

    private static ApprovalDecision approved(long id, long release, int revision, String hash, String by) {
        return new ApprovalDecision(id, 1, release, Verdict.APPROVED, "", T.plusSeconds(id), by, revision, hash, null);
    }

    private static ApprovalDecision rejected(long id, long release, int revision, String by) {
        return new ApprovalDecision(id, 1, release, Verdict.REJECTED, "no", T.plusSeconds(id), by, revision, release == 20 ? H2 : H1, null);
    }

    @Test
    void anUngatedEnvironmentNeedsNoApproval() {
        assertEquals(Optional.empty(), gate(false, false, Duties.DEFAULT, null).refusal(List.of()));
    }

    @Test
    void aGatedEnvironmentNeedsOneUntilTheReleaseSucceededThere() {
        assertEquals(Optional.of("Release 1.0.0 of Web needs an approval in Prod Space before its first deployment to Production; it has none."),
                gate(true, false, Duties.DEFAULT, null).refusal(List.of()));
        assertEquals(Optional.empty(), gate(true, true, Duties.DEFAULT, null).refusal(List.of()), "not asked again there");
        assertEquals(Optional.empty(), gate(true, false, Duties.DEFAULT, null).refusal(List.of(approved(1, 20, 2, H2, "ann"))));
    }

    @Test
    void aRejectionBindsGatedOrNotAndAfterASuccessUntilALaterApproval() {
        ApprovalDecision no = rejected(2, 20, 2, "bob");
        for (boolean gated : new boolean[] {false, true}) {
            for (boolean succeeded : new boolean[] {false, true}) {
                assertEquals(Optional.of("Release 1.0.0 of Web was rejected in Prod Space by bob: no"),
                        gate(gated, succeeded, Duties.DEFAULT, null).refusal(List.of(no, approved(1, 20, 2, H2, "ann"))));
            }
        }
        assertEquals(Optional.empty(), gate(true, false, Duties.DEFAULT, null).refusal(List.of(approved(3, 20, 2, H2, "ann"), no)));
    }

    @Test
    void aRejectionOfAnEarlierRevisionBindsTheCurrentOne() {
        assertEquals(Optional.of("Release 1.0.0 of Web was rejected in Prod Space by bob: no (revision 1; the rejection binds revision 2 too)"),
                gate(false, false, Duties.DEFAULT, null).refusal(List.of(rejected(1, 10, 1, "bob"))));
    }

    @Test
    void nDistinctApprovalsSinceTheLatestRejectionTheMakerNotCounted() {
        Duties two = new Duties(true, 2, false);
        List<ApprovalDecision> d = List.of(approved(5, 20, 2, H2, "ann"), approved(4, 20, 2, H2, "ann"), approved(3, 20, 2, H2, "maker"),
                rejected(2, 20, 2, "bob"), approved(1, 20, 2, H2, "carol"));
        assertEquals(Set.of("ann"), gate(true, false, two, "maker").approvers(d));
        assertEquals(Optional.of("Release 1.0.0 of Web has 1 of 2 approvals in Prod Space; it needs 2 distinct approvers other than its maker"
                + " before its first deployment to Production (separation of duties)."), gate(true, false, two, "maker").refusal(d));
        assertEquals(Set.of(), gate(true, false, two, null).approvers(d), "its maker not recorded: none counts");
    }

    @Test
    void anApprovalOfAnEarlierRevisionOrAnotherSnapshotIsVoided() {
        ApprovalDecision old = approved(1, 10, 1, H1, "ann");
        assertEquals(Optional.of("Release 1.0.0 of Web: the approval of revision 1 does not cover revision 2; it needs an approval of revision 2"
                + " in Prod Space before its first deployment to Production."), gate(true, false, Duties.DEFAULT, null).refusal(List.of(old)));
        assertEquals(true, ApprovalGate.voided(old, 20, H2));
        ApprovalDecision otherHash = approved(2, 20, 2, H1, "ann");
        assertEquals(Optional.of("Release 1.0.0 of Web: the approval of revision 2 does not cover revision 2 as it is now (its snapshot hash"
                + " differs); it needs an approval of revision 2 in Prod Space before its first deployment to Production."),
                gate(true, false, Duties.DEFAULT, null).refusal(List.of(otherHash)));
        ApprovalDecision before = new ApprovalDecision(3, 1, 20, Verdict.APPROVED, "", T, "ann", 2, null, null);
        assertEquals(Optional.empty(), gate(true, false, Duties.DEFAULT, null).refusal(List.of(before)),
                "a decision made before V25 covers the frozen row it names");
    }
    @Test
    void theStateForTheListAndWhetherApproveIsStillOffered() {
        Duties two = new Duties(false, 2, false);
        ApprovalGate g = gate(true, false, two, null);
        assertEquals("Pending", g.state(List.of()));
        assertEquals("No decision", gate(false, false, two, null).state(List.of()));
        assertEquals(Optional.empty(), g.alreadyDecided(List.of(), "ann"));
        List<ApprovalDecision> one = List.of(approved(1, 20, 2, H2, "ann"));
        assertEquals("Pending (1 of 2)", g.state(one));
        assertEquals(Optional.of("You approved revision 2 already; a second approval of yours would not count. Reject… stays open."),
                g.alreadyDecided(one, "ann"));
        assertEquals(Optional.empty(), g.alreadyDecided(one, "bob"), "a second approver is still needed");
        List<ApprovalDecision> both = List.of(approved(2, 20, 2, H2, "bob"), approved(1, 20, 2, H2, "ann"));
        assertEquals("Approved", g.state(both));
        assertEquals(Optional.of("Approved: 2 of 2 approvals of revision 2; nothing more is needed. Reject… stays open."), g.alreadyDecided(both, "carol"));
        List<ApprovalDecision> rejectedSince = List.of(rejected(3, 20, 2, "carol"), approved(2, 20, 2, H2, "bob"), approved(1, 20, 2, H2, "ann"));
        assertEquals("Rejected", g.state(rejectedSince));
        assertEquals(Optional.empty(), g.alreadyDecided(rejectedSince, "ann"), "a rejection binds until a later approval: Approve… is offered");
        List<ApprovalDecision> voided = List.of(approved(1, 10, 1, H1, "ann"));
        assertEquals("Voided by revision 2", g.state(voided));
        assertEquals(Optional.empty(), g.alreadyDecided(voided, "ann"), "the new revision needs approving again");
    }
}

package odcm.app.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import odcm.model.compare.Change;
import odcm.model.compare.ReleaseDiff;
import odcm.model.project.ProjectDraft;
import odcm.model.project.Scope;
import odcm.model.project.Variable;
import odcm.model.release.ApprovalDecision;
import odcm.model.release.Release;
import odcm.model.release.Verdict;
import org.junit.jupiter.api.Test;

/** The approval requirement of a space, decisions with their audit entries, what deployment is told, and the audited reveal. */
class ApprovalServiceTest extends ServiceFixture {
    Release r1;
    Release r2;

    void twoReleases() {
        organisation();
        ctx.lifecycles().create(DEV, mainLifecycle());
        ctx.projects().create(DEV, webProject());
        r1 = ctx.releases().create(DEV, "Web", "1.0.0", "", null, webPackages("1.0.0"));
        ProjectDraft w = webProject();
        ctx.projects().update(DEV, "Web", new ProjectDraft(w.name(), w.description(), w.lifecycleName(), w.process(),
                List.of(new Variable("DbPassword", SECRET + "-2", true, Scope.of(List.of("Prod Space: Production"))), w.variables().get(1)),
                w.templates(), ctx.projects().find(DEV, "Web").channels()));
        r2 = ctx.releases().create(DEV, "Web", "1.1.0", "", null, webPackages("1.1.0"));
    }

    Optional<String> refusal(Release r) {
        long space = ctx.spaces().list().stream().filter(s -> s.name().equals(DEV)).findFirst().orElseThrow().id();
        return ctx.store().read(tx -> ctx.approvals().deploymentRefusal(tx, space, r.id()));
    }

    @Test
    void withoutTheRequirementDeploymentIsNotStopped() {
        twoReleases();
        assertFalse(ctx.approvals().isRequired(DEV));
        assertEquals(Optional.empty(), refusal(r2));
    }

    @Test
    void withTheRequirementTheLatestDecisionCounts() {
        twoReleases();
        assertTrue(ctx.approvals().setRequired(DEV, true));
        assertEquals("space.require-approval", lastAudit().action());
        assertFalse(ctx.approvals().setRequired(DEV, true), "already required: nothing changes");
        assertEquals(Optional.of("Release 1.1.0 of Web needs an approval in DevTest Space before its first deployment here; it has none."), refusal(r2));

        ApprovalDecision rejected = ctx.approvals().decide(DEV, "web", "1.1.0", Verdict.REJECTED, " Timeout too long ");
        assertEquals("Timeout too long", rejected.comment());
        assertEquals("release.reject", lastAudit().action());
        assertEquals("release 1.1.0 of project 'Web' of local space 'DevTest Space'", lastAudit().subject());
        assertEquals("rejected: Timeout too long; revision 1, snapshot " + rejected.snapshotHash(), lastAudit().detail(), "what it covered (0046)");
        assertEquals(Optional.of("Release 1.1.0 of Web was rejected in DevTest Space by " + rejected.decidedBy() + ": Timeout too long"), refusal(r2));

        ctx.approvals().decide(DEV, "Web", "1.1.0", Verdict.APPROVED, "");
        assertEquals(Optional.empty(), refusal(r2));
        assertEquals(List.of(Verdict.APPROVED, Verdict.REJECTED),
                ctx.approvals().decisions(DEV, "Web", "1.1.0").stream().map(ApprovalDecision::verdict).toList());
        assertTrue(refusal(r1).isPresent(), "a decision is about one release");

        ctx.approvals().setRequired(DEV, false);
        assertEquals(Optional.empty(), refusal(r1));
    }

    @Test
    void aRejectionWithoutACommentIsRefusedAndRecordsNothing() {
        twoReleases();
        refused("Say why the release is rejected: a rejection needs a comment.",
                () -> ctx.approvals().decide(DEV, "Web", "1.1.0", Verdict.REJECTED, "   "));
        refused("Project 'Web' has no release 3.0.0.", () -> ctx.approvals().decide(DEV, "Web", "3.0.0", Verdict.APPROVED, "ok"));
        assertEquals(List.of(), ctx.approvals().decisions(DEV, "Web", "1.1.0"));
    }

    @Test
    void compareFindsTheSensitiveChangeAndTheRevealIsAudited() {
        twoReleases();
        ReleaseDiff d = ctx.releases().compare(DEV, "Web", "1.0.0", "1.1.0");
        assertEquals("1 variable changed, 1 package changed.", d.summary());
        assertEquals(Change.CHANGED, d.changes().get(0).change());
        int before = audit().size();
        ctx.releases().recordReveal(DEV, "Web", "1.0.0", "1.1.0", "DbPassword");
        assertEquals(before + 1, audit().size());
        assertEquals("release.reveal", lastAudit().action());
        assertEquals("variable 'DbPassword' of project 'Web' of local space 'DevTest Space'", lastAudit().subject());
        assertFalse(lastAudit().detail().contains(SECRET), "the audit says who looked, never what they saw");
    }
}

package odcm.app.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import odcm.model.audit.AuditEntry;
import odcm.model.compare.Change;
import odcm.model.compare.ReleaseDiff;
import odcm.model.compare.Section;
import odcm.model.project.DeploymentStep;
import odcm.model.project.Project;
import odcm.model.project.ProjectDraft;
import odcm.model.project.Scope;
import odcm.model.project.Variable;
import odcm.model.release.Release;
import odcm.model.release.Verdict;
import odcm.model.role.Grantee;
import odcm.model.role.Role;
import odcm.persistence.TestDatabases;
import org.junit.jupiter.api.Test;

/**
 * "Update variables" on a release (issue 15 point 5, decision 0048): a new revision with the project's current variables,
 * process, templates and packages as frozen; audited; refused with one sentence when nothing changed, without the role
 * to create releases, and for an unknown release. (The imported release is refused in {@link RePromotionTest}.)
 */
class UpdateVariablesTest extends ServiceFixture {

    private void webReady() {
        organisation();
        ctx.lifecycles().create(DEV, mainLifecycle());
        ctx.projects().create(DEV, webProject());
        ctx.releases().create(DEV, "Web", "1.2.0", "the cut", null, webPackages("1.2.0"));
    }

    /** The project with these variables, and its process and templates changed too (which the revision must not take). */
    private void changeProject(List<Variable> variables) {
        Project p = ctx.projects().find(DEV, "Web");
        List<DeploymentStep> steps = new ArrayList<>(p.process());
        steps.add(new DeploymentStep("Warm cache " + steps.size(), "Run a script", Map.of("Script", "true"), Scope.ALL, List.of()));
        ctx.projects().update(DEV, "Web", new ProjectDraft("Web", p.description(), "Main", steps, variables, List.of(), p.channels()));
    }

    @Test
    void aNewRevisionTakesOnlyTheProjectsCurrentVariablesAndIsAudited() {
        webReady();
        Release first = ctx.releases().find(DEV, "Web", "1.2.0");
        ctx.approvals().decide(DEV, "Web", "1.2.0", Verdict.APPROVED, "looks right");
        List<Variable> now = List.of(new Variable("DbPassword", "rotated-" + SECRET, true, Scope.of(List.of("Prod Space: Production"))),
                new Variable("Url", "http://test2.example", false, Scope.of(List.of("Test"))),
                new Variable("LogLevel", "Debug", false, Scope.ALL));
        changeProject(now);

        ReleaseDiff preview = ctx.releases().variablesUpdate(DEV, "Web", "1.2.0");
        assertEquals("1 variable added, 2 changed.", preview.summary());
        assertEquals(List.of(Section.VARIABLES), preview.changes().stream().map(e -> e.section()).distinct().toList(),
                "only variables differ, though the project's process changed too");
        assertEquals(1, ctx.releases().revision(DEV, "Web", "1.2.0"), "a preview writes nothing");

        ReleaseService.VariablesUpdated u = ctx.releases().updateVariables(DEV, "Web", "1.2.0");
        assertEquals(2, u.revision());
        assertEquals("Release 1.2.0 of 'Web' is now revision 2 (1 variable added, 2 changed); promote it again to send it.", u.sentence());
        Release second = ctx.releases().find(DEV, "Web", "1.2.0");
        assertNotEquals(first.id(), second.id(), "a new release row: what was decided on revision 1 does not carry over");
        assertEquals(2, ctx.releases().revision(DEV, "Web", "1.2.0"));
        assertEquals(first.snapshot().process(), second.snapshot().process());
        assertEquals(first.snapshot().templates(), second.snapshot().templates());
        assertEquals(first.snapshot().packages(), second.snapshot().packages());
        assertEquals(first.notes(), second.notes());
        assertEquals(first.channel(), second.channel());
        assertEquals(now, second.snapshot().variables());
        assertEquals("rotated-" + SECRET, second.snapshot().variables().get(0).value(), "the sensitive value opened again from its seal");
        assertEquals(List.of("1.2.0"), ctx.releases().list(DEV, "Web").stream().map(Release::version).toList(), "one release, its current revision");
        List<ApprovalService.Decided> decided = ctx.approvals().history(DEV, "Web", "1.2.0").decisions();
        assertEquals(1, decided.size());
        assertTrue(decided.get(0).voided(), "the approval of revision 1 is not one of revision 2");
        ReleaseDiff between = ctx.releases().compare(DEV, "Web", "1.2.0", "1.2.0");
        assertTrue(between.changes().isEmpty());

        AuditEntry a = lastAudit();
        assertEquals("release.update-variables", a.action());
        assertEquals("release 1.2.0 of project 'Web' of local space 'DevTest Space'", a.subject());
        assertTrue(a.detail().startsWith("revision 1 superseded by revision 2: 1 variable added, 2 changed ("), a.detail());
        assertTrue(a.detail().contains("DbPassword (Prod Space: Production) changed"), a.detail());
        assertFalse(a.detail().contains(SECRET), "never a value in the audit log");
        assertTrue(ctx.audit().verify().isIntact());

        // And again: revision 3 from revision 2.
        changeProject(List.of(new Variable("LogLevel", "Warn", false, Scope.ALL)));
        assertEquals(3, ctx.releases().updateVariables(DEV, "Web", "1.2.0").revision());
        assertEquals(List.of(new Variable("LogLevel", "Warn", false, Scope.ALL)), ctx.releases().find(DEV, "Web", "1.2.0").snapshot().variables());
        assertEquals(Change.REMOVED, ReleaseDiff.of(second, ctx.releases().find(DEV, "Web", "1.2.0")).changes().get(0).change());
    }

    @Test
    void refusedWhenNothingChangedOrTheReleaseIsUnknown() {
        webReady();
        refused("Release 1.2.0 of Web already has the project's current variables; nothing to update.",
                () -> ctx.releases().updateVariables(DEV, "Web", "1.2.0"));
        refused("Release 1.2.0 of Web already has the project's current variables; nothing to update.",
                () -> ctx.releases().variablesUpdate(DEV, "Web", "1.2.0"));
        // Only the process changed: still nothing for "Update variables" to do.
        changeProject(ctx.projects().find(DEV, "Web").variables());
        refused("Release 1.2.0 of Web already has the project's current variables; nothing to update.",
                () -> ctx.releases().updateVariables(DEV, "Web", "1.2.0"));
        refused("Project 'Web' has no release 9.9.9.", () -> ctx.releases().updateVariables(DEV, "Web", "9.9.9"));
        assertEquals(1, ctx.releases().revision(DEV, "Web", "1.2.0"));
    }

    @Test
    void refusedWithoutTheRoleToCreateReleases() {
        webReady();
        changeProject(List.of(new Variable("LogLevel", "Debug", false, Scope.ALL)));
        String me = ctx.store().person().name();
        String bob = location().onServer() ? TestDatabases.login("bob") : "bob";
        as(bob, me);
        refused(bob + " may not create a release in 'DevTest Space': that needs the release manager role of 'DevTest Space'.",
                () -> ctx.releases().updateVariables(DEV, "Web", "1.2.0"));
        as(me, me).roles().grant(DEV, Role.RELEASE_MANAGER, null, Grantee.person(bob));
        as(bob, me);
        assertEquals(2, ctx.releases().updateVariables(DEV, "Web", "1.2.0").revision());
        assertEquals(bob, lastAudit().person());
    }
}

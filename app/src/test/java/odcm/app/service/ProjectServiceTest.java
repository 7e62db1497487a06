package odcm.app.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import odcm.model.project.Channel;
import odcm.model.project.DeploymentStep;
import odcm.model.project.Project;
import odcm.model.project.ProjectDraft;
import odcm.model.project.Scope;
import odcm.model.project.TemplateType;
import odcm.model.project.Variable;
import odcm.model.project.VariableTemplate;
import org.junit.jupiter.api.Test;

class ProjectServiceTest extends ServiceFixture {

    static ProjectDraft draft(String lifecycle, List<DeploymentStep> steps, List<Variable> variables, List<VariableTemplate> templates,
                              List<Channel> channels) {
        return new ProjectDraft("Api", "", lifecycle, steps, variables, templates, channels);
    }

    static DeploymentStep step(String name, String... scope) {
        return new DeploymentStep(name, "Run a script", Map.of(), Scope.of(List.of(scope)), List.of());
    }

    @Test
    void createdProjectReadsBackWithScopesInTheSpacesSpellingAndADefaultChannel() {
        organisation();
        ctx.lifecycles().create(DEV, mainLifecycle());
        Project p = ctx.projects().create(DEV, new ProjectDraft("Web", "", "main", List.of(step("Deploy", "test", "PROD SPACE : production")),
                List.of(new Variable("DbPassword", SECRET, true, Scope.ALL)), List.of(), List.of()));
        assertEquals(p, ctx.projects().find(DEV, "WEB"));
        assertEquals("Main", p.lifecycleName());
        assertEquals(Scope.of(List.of("Test", "Prod Space: Production")), p.process().get(0).scope());
        assertEquals(List.of(new Channel("Default", true)), p.channels());
        assertEquals(SECRET, p.variables().get(0).value());
        assertEquals("project.create", lastAudit().action());
        assertEquals("project 'Web' of local space 'DevTest Space'", lastAudit().subject());
        assertFalse(lastAudit().detail().contains(SECRET), "the audit never holds a sensitive value");
        assertTrue(lastAudit().detail().contains("1 variables (1 sensitive)"), lastAudit().detail());
    }

    @Test
    void noLifecycleNameMeansTheDefaultAndChannelsGetOneDefault() {
        organisation();
        ctx.lifecycles().create(DEV, mainLifecycle());
        Project p = ctx.projects().create(DEV, draft(null, List.of(), List.of(), List.of(),
                List.of(new Channel("Stable", false), new Channel("Hotfix", false))));
        assertEquals("Main", p.lifecycleName());
        assertEquals(List.of(new Channel("Stable", true), new Channel("Hotfix", false)), p.channels());
        assertEquals("Stable", p.defaultChannel());
    }

    @Test
    void refusals() {
        organisation();
        refused("'DevTest Space' has no lifecycles yet; create one before its first project.",
                () -> ctx.projects().create(DEV, draft(null, List.of(), List.of(), List.of(), List.of())));
        ctx.lifecycles().create(DEV, mainLifecycle());
        ctx.projects().create(DEV, webProject());
        refused("'DevTest Space' already has a project named 'Web'; names in a space differ in more than letter case or look-alike letters.",
                () -> ctx.projects().create(DEV, new ProjectDraft("WEB", "", "Main", List.of(), List.of(), List.of(), List.of())));
        refused("'DevTest Space' has no lifecycle named 'Nightly'.",
                () -> ctx.projects().create(DEV, draft("Nightly", List.of(), List.of(), List.of(), List.of())));
        refused("Step 'Deploy' is scoped to 'Staging', which is not an environment, remote environment or environment template ('Name (template)') of 'DevTest Space'.",
                () -> ctx.projects().create(DEV, draft("Main", List.of(step("Deploy", "Staging")), List.of(), List.of(), List.of())));
        refused("Variable 'Url' is scoped to 'QA Space: Test', which is not an environment, remote environment or environment template ('Name (template)') of 'DevTest Space'.",
                () -> ctx.projects().create(DEV, draft("Main", List.of(),
                        List.of(new Variable("Url", "x", false, Scope.of(List.of("QA Space: Test")))), List.of(), List.of())));
        refused("The process has two steps named 'deploy'; step names are unique in a project.",
                () -> ctx.projects().create(DEV, draft("Main", List.of(step("Deploy"), step("deploy")), List.of(), List.of(), List.of())));
        refused("Variable 'url' has two values for the same scope (Test); a variable has one value per scope.",
                () -> ctx.projects().create(DEV, draft("Main", List.of(), List.of(new Variable("Url", "a", false, Scope.of(List.of("Test"))),
                        new Variable("url", "b", false, Scope.of(List.of("Test")))), List.of(), List.of())));
        refused("There are two variable templates named 'Region'; template names are unique in a project.",
                () -> ctx.projects().create(DEV, draft("Main", List.of(), List.of(), List.of(
                        new VariableTemplate("Region", "", "", TemplateType.SINGLE_LINE, List.of(), false, ""),
                        new VariableTemplate("Region", "", "", TemplateType.MULTI_LINE, List.of(), false, "")), List.of())));
        refused("There are two channels named 'stable'; channel names are unique in a project.",
                () -> ctx.projects().create(DEV, draft("Main", List.of(), List.of(), List.of(),
                        List.of(new Channel("Stable", true), new Channel("stable", false)))));
        refused("Only one channel can be the default; 'Stable' and 'Hotfix' both are.",
                () -> ctx.projects().create(DEV, draft("Main", List.of(), List.of(), List.of(),
                        List.of(new Channel("Stable", true), new Channel("Hotfix", true)))));
        refused("'DevTest Space' has no project named 'Api'.", () -> ctx.projects().update(DEV, "Api", webProject()));
    }

    @Test
    void sameVariableNameInDifferentScopesIsFine() {
        organisation();
        ctx.lifecycles().create(DEV, mainLifecycle());
        Project p = ctx.projects().create(DEV, draft("Main", List.of(), List.of(new Variable("Url", "a", false, Scope.of(List.of("Test"))),
                new Variable("Url", "b", false, Scope.of(List.of("Development")))), List.of(), List.of()));
        assertEquals(2, p.variables().size());
    }

    @Test
    void updateReplacesEverythingAndIsAudited() {
        organisation();
        ctx.lifecycles().create(DEV, mainLifecycle());
        ctx.projects().create(DEV, webProject());
        Project updated = ctx.projects().update(DEV, "web", new ProjectDraft("Shop", "renamed", "Main", List.of(step("Only")),
                List.of(new Variable("DbPassword", "new-" + SECRET, true, Scope.ALL)), List.of(), List.of(new Channel("Stable", true))));
        assertEquals(updated, ctx.projects().find(DEV, "Shop"));
        assertEquals("new-" + SECRET, updated.variables().get(0).value());
        assertEquals("project.update", lastAudit().action());
        assertTrue(lastAudit().detail().startsWith("renamed from 'Web'; "), lastAudit().detail());
        assertEquals(List.of("Shop"), ctx.projects().list(DEV).stream().map(Project::name).toList());
    }

    @Test
    void deleteRefusedWhileTheProjectHasReleases() {
        organisation();
        ctx.lifecycles().create(DEV, mainLifecycle());
        ctx.projects().create(DEV, webProject());
        ctx.releases().create(DEV, "Web", "1.0.0", "", null, webPackages("1.0.0"));
        refused("Cannot delete project 'Web' of 'DevTest Space': it has 1 release, which is frozen.", () -> ctx.projects().delete(DEV, "Web"));
        ctx.projects().create(DEV, draft("Main", List.of(), List.of(), List.of(), List.of()));
        ctx.projects().delete(DEV, "api");
        assertEquals("project.delete", lastAudit().action());
        assertEquals(List.of("Web"), ctx.projects().list(DEV).stream().map(Project::name).toList());
    }
}

package odcm.app.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import odcm.model.environment.Environment;
import odcm.model.environment.EnvironmentTemplate;
import odcm.model.environment.Provisioning;
import odcm.model.lifecycle.LifecycleDraft;
import odcm.model.lifecycle.LifecycleDraft.PhaseDraft;
import odcm.model.lifecycle.ProgressionRule;
import odcm.model.project.DeploymentStep;
import odcm.model.project.Scope;
import odcm.model.project.TemplateType;
import odcm.model.project.VariableTemplate;
import org.junit.jupiter.api.Test;

/** Environment templates (decision 0057): instances made and de-provisioned by hand and as releases go through a lifecycle. */
class TemplateServiceTest extends ServiceFixture {
    static final List<DeploymentStep> PROVISION = List.of(new DeploymentStep("Stack up", "Run a script", Map.of("Script", "make up"), Scope.ALL, List.of()));

    static EnvironmentTemplate template(String name, String expression, EnvironmentTemplate.OnExisting onExisting, List<VariableTemplate> parameters) {
        return EnvironmentTemplate.draft(name, "", parameters, PROVISION, List.of(), expression, onExisting, true, 0);
    }

    /** Dev [Development] → Review [the templates] → Test [Test] → Production, the project Web on it. */
    void withTemplates(EnvironmentTemplate... templates) {
        organisation();
        for (EnvironmentTemplate t : templates) {
            ctx.templates().create(DEV, t);
        }
        ctx.lifecycles().create(DEV, new LifecycleDraft("Main", "", true, List.of(
                phase("Dev", List.of("Development"), List.of(), List.of()),
                new PhaseDraft("Review", List.of(), List.of(), List.of(), ProgressionRule.ALL,
                        java.util.Arrays.stream(templates).map(EnvironmentTemplate::name).toList()),
                phase("Test", List.of("Test"), List.of(), List.of()),
                phase("Production", List.of(), List.of("Prod Space: Production"), List.of(PROD)))));
        ctx.projects().create(DEV, webProject());
    }

    List<String> live() {
        return ctx.environments().list(DEV).stream().map(Environment::name).toList();
    }

    List<String> history(String template) {
        return ctx.templates().history(DEV, template).stream().map(p -> p.environment() + " " + p.words()).toList();
    }

    @Test
    void aReleaseReachingThePhaseProvisionsItsInstanceWhichProgressionCountsAndLeavingItDeprovisions() {
        withTemplates(template("Feature", "#{Template.Name}-#{Release.Number}", EnvironmentTemplate.OnExisting.SKIP, List.of()));
        ctx.releases().create(DEV, "Web", "1.0", "", null, webPackages("1.0"));
        assertEquals(List.of("Development", "Test"), live(), "phase Review not reached yet");

        assertEquals(List.of("instance 'Feature-1.0' of template 'Feature' provisioned"),
                ctx.deployments().record(DEV, "Web", "1.0", "Development", true).instances(), "the deployment's own result says so (issue 18)");
        assertEquals(List.of("Development", "Test", "Feature-1.0"), live());
        Environment instance = ctx.environments().list(DEV).get(2);
        assertEquals("Feature", instance.templateName(), "marked with its template");
        assertEquals("environment.provision", lastAudit().action());
        assertEquals("instance of template 'Feature' provisioned (release reached its phase: 1.0; process recorded as run)", lastAudit().detail());
        assertTrue(ctx.deployments().environments(DEV, "Web").contains("Feature-1.0"), "deployable in its phase");

        refused("Release 1.0 cannot be deployed to Test yet: phase 'Review' (all must complete) comes first and still needs a successful "
                + "deployment to Feature-1.0.", () -> ctx.deployments().deploy(DEV, "Web", "1.0", "Test", true));
        ctx.deployments().deploy(DEV, "Web", "1.0", "Feature-1.0", true);
        assertTrue(ctx.dashboards().dashboard(DEV).columns().stream().anyMatch(c -> c.environment().equals("Feature-1.0")), "on the dashboard");
        assertEquals(List.of("instance 'Feature-1.0' of template 'Feature' de-provisioned (the release went on to the next phase)"),
                ctx.deployments().record(DEV, "Web", "1.0", "Test", true).instances());
        assertEquals(List.of("Development", "Test"), live(), "the release went on to the next phase: its instance went");
        assertEquals(List.of("Feature-1.0 de-provisioned (release went on to the next phase: 1.0; process none)",
                "Feature-1.0 provisioned (release reached its phase: 1.0; process recorded as run)"), history("Feature"));
        refused("Environment 'Feature-1.0' is a de-provisioned instance of template 'Feature'; provision it again (template instantiate) "
                + "before deploying to it.", () -> ctx.deployments().deploy(DEV, "Web", "1.0", "Feature-1.0", true));
        refused("Template 'Feature' is in a phase of lifecycle Main; take it out of the phase first.", () -> ctx.templates().delete(DEV, "Feature"));
    }

    @Test
    void aLaterReleaseNamingAnExistingInstanceReprovisionsOrSkipsAsTheTemplateSays() {
        withTemplates(template("Shared", "#{Template.Name}", EnvironmentTemplate.OnExisting.REPROVISION, List.of()),
                template("Kept", "#{Template.Name}", EnvironmentTemplate.OnExisting.SKIP, List.of()));
        ctx.releases().create(DEV, "Web", "1.0", "", null, webPackages("1.0"));
        ctx.deployments().deploy(DEV, "Web", "1.0", "Development", true);
        ctx.deployments().deploy(DEV, "Web", "1.0", "Development", true); // the same release again: nothing new
        assertEquals(1, history("Shared").size());
        ctx.releases().create(DEV, "Web", "1.1", "", null, webPackages("1.1"));
        ctx.deployments().deploy(DEV, "Web", "1.1", "Development", true);
        assertEquals(List.of("Shared provisioned (release reached its phase: 1.1; process recorded as run)",
                "Shared de-provisioned (release reached its phase: 1.1; process none)",
                "Shared provisioned (release reached its phase: 1.0; process recorded as run)"), history("Shared"));
        assertEquals(List.of("Kept provisioned (release reached its phase: 1.0; process recorded as run)"), history("Kept"), "skipped");
        assertEquals(List.of("Development", "Test", "Shared", "Kept"), live());
        ctx.deployments().deploy(DEV, "Web", "1.0", "Development", true); // review H3: once per release, and never back to an older one
        ctx.deployments().deploy(DEV, "Web", "1.1", "Development", true);
        assertEquals(3, history("Shared").size(), "no flipping between releases");
    }

    /** Review H1, H2: a name the template cannot give skips the instance (audited), never the deployment; one by hand gone stays gone. */
    @Test
    void aReleaseProvisionsOnceAndANameItCannotGiveNeverRefusesTheDeployment() {
        withTemplates(template("Feature", "#{Template.Name}-#{Release.Number}", EnvironmentTemplate.OnExisting.SKIP, List.of()),
                template("Long", "#{Template.Name}-" + "x".repeat(54) + "-#{Release.Number}", EnvironmentTemplate.OnExisting.SKIP, List.of()),
                template("Test", "#{Template.Name}", EnvironmentTemplate.OnExisting.SKIP, List.of()));
        ctx.releases().create(DEV, "Web", "1.0", "", null, webPackages("1.0"));
        ctx.deployments().deploy(DEV, "Web", "1.0", "Development", false);
        assertEquals(List.of("Development", "Test"), live(), "a failed deployment reaches no phase");
        List<String> said = ctx.deployments().record(DEV, "Web", "1.0", "Development", true).instances();
        assertEquals(List.of("Development", "Test", "Feature-1.0"), live());
        assertTrue(said.contains("no instance of template 'Test': 'Test' is an environment not made from the template"), said.toString());
        List<String> refusals = audit().stream().filter(a -> a.action().equals("environment.provision-refused")).map(a -> a.detail()).toList();
        assertEquals(2, refusals.size(), refusals.toString());
        assertTrue(refusals.stream().anyMatch(d -> d.equals("no instance for release 1.0: 'Test' is an environment not made from the template.")), refusals.toString());
        assertTrue(refusals.stream().anyMatch(d -> d.startsWith("no instance for release 1.0: The name expression '#{Template.Name}-xxx")), refusals.toString());
        ctx.templates().deprovision(DEV, "Feature-1.0", true);
        ctx.deployments().deploy(DEV, "Web", "1.0", "Development", true);
        assertEquals(List.of("Development", "Test"), live(), "de-provisioned by hand: the same release does not bring it back");
    }

    @Test
    void byHandWithParametersAndDeprovisionedWithOrWithoutItsProcess() {
        open();
        local(DEV);
        List<VariableTemplate> params = List.of(new VariableTemplate("Tester", "", "", TemplateType.SINGLE_LINE, List.of(), true, ""),
                new VariableTemplate("Token", "", "", TemplateType.SENSITIVE, List.of(), false, ""));
        ctx.templates().create(DEV, EnvironmentTemplate.draft("Desk", "one per tester", params, PROVISION, PROVISION, "desk-#{Tester}",
                EnvironmentTemplate.OnExisting.SKIP, false, 14));
        ctx.environments().create(DEV, "Development", "");
        refused("Template 'Desk' cannot provision on its own in a lifecycle phase: parameters Tester, Token have no default (a sensitive one can have none).",
                () -> ctx.lifecycles().create(DEV, new LifecycleDraft("Main", "", true, List.of(
                        new PhaseDraft("Review", List.of(), List.of(), List.of(), ProgressionRule.ALL, List.of("Desk"))))));
        refused("Parameter 'Tester' of template 'Desk' needs a value.", () -> ctx.templates().instantiate(DEV, "Desk", "", Map.of()));
        refused("'DevTest Space' already has an environment named 'Development'; choose another name.",
                () -> ctx.templates().instantiate(DEV, "Desk", "development", Map.of("Tester", "ann")));

        Environment ann = ctx.templates().instantiate(DEV, "Desk", "", Map.of("Tester", "ann", "Token", "t0k3n"));
        assertEquals("desk-ann", ann.name());
        assertEquals("instance of template 'Desk' provisioned (by hand; process recorded as run); parameters {Tester=ann, Token=********}", lastAudit().detail(),
                "a sensitive value is never recorded");
        assertTrue(ctx.templates().history(DEV, "Desk").get(0).parameters().containsValue("********"));
        refused("Environment 'desk-ann' is an instance of template 'Desk'; de-provision it instead (its record and deployments stay).",
                () -> ctx.environments().delete(DEV, "desk-ann"));
        refused("Environment 'Development' was not made from a template, so there is nothing to de-provision; delete it instead.",
                () -> ctx.templates().deprovision(DEV, "Development", true));

        ctx.templates().deprovision(DEV, "desk-ann", false);
        assertEquals("instance of template 'Desk' de-provisioned (by hand; process skipped)", lastAudit().detail());
        assertEquals(List.of("Development"), live());
        refused("Instance 'desk-ann' of template 'Desk' is already de-provisioned.", () -> ctx.templates().deprovision(DEV, "desk-ann", true));
        assertEquals(List.of(), ctx.templates().deprovisionIdle(DEV), "nothing live");
        ctx.templates().instantiate(DEV, "Desk", "desk-ann", Map.of("Tester", "ann"));
        assertEquals(List.of("Development", "desk-ann"), live(), "provisioned again, the same environment");
        assertEquals(List.of(), ctx.templates().deprovisionIdle(DEV), "14 days have not passed");
        assertEquals(1, ctx.templates().instances(DEV, "Desk").size());
    }

    /** A value scoped to a template is every instance's; an instance's own value ranks above it (decision 0057). */
    @Test
    void aValueScopedToTheTemplateIsEveryInstancesAndTheInstancesOwnRanksAbove() {
        organisation();
        ctx.templates().create(DEV, template("Feature", "#{Template.Name}-#{Release.Number}", EnvironmentTemplate.OnExisting.SKIP, List.of()));
        ctx.lifecycles().create(DEV, new LifecycleDraft("Main", "", true, List.of(
                new PhaseDraft("Review", List.of(), List.of(), List.of(), ProgressionRule.OPTIONAL, List.of("Feature")),
                phase("Test", List.of("Test"), List.of(), List.of()))));
        odcm.model.project.ProjectDraft web = new odcm.model.project.ProjectDraft("Web", "", "Main", List.of(),
                List.of(new odcm.model.project.Variable("Host", "feature.example", false, Scope.of(List.of("feature (TEMPLATE)")))),
                List.of(new VariableTemplate("Host", "", "", TemplateType.SINGLE_LINE, List.of(), true, "")), List.of());
        ctx.projects().create(DEV, web);
        assertEquals(Scope.of(List.of("Feature (template)")), ctx.projects().find(DEV, "Web").variables().get(0).scope(), "spelled as the template is");
        ctx.releases().create(DEV, "Web", "1.0", "", null, List.of());
        assertEquals(List.of("Development", "Test", "Feature-1.0"), live(), "in the first phase: provisioned with the release");
        assertEquals(List.of(), ctx.projects().missingValues(DEV, "Web", "Feature-1.0"), "review M3: an instance is in the lifecycle, its template's value counts");
        assertEquals(List.of("Test"), ctx.projects().missingValues(DEV, "Web", null).stream().map(odcm.model.deployment.MissingValues::environment).toList());
        ctx.projects().create(DEV, new odcm.model.project.ProjectDraft("Api", "", "Main", List.of(), List.of(),
                List.of(new VariableTemplate("Key", "", "", TemplateType.SINGLE_LINE, List.of(), true, "")), List.of()));
        List<odcm.model.deployment.MissingValues> api = ctx.projects().missingValues(DEV, "Api", null);
        assertEquals(List.of("Feature (template)", "Feature-1.0", "Test"), api.stream().map(odcm.model.deployment.MissingValues::environment).toList(),
                "issue 18: the instances to come are named by their template, as the live one by its name");
        assertEquals("Api lacks Key for Feature (template) (each instance it makes, unless the instance gets its own)", api.get(0).words());
        assertEquals(1, ctx.projects().missingValues(DEV, "Api", "feature (TEMPLATE)").size());
        assertEquals(List.of("Api lacks Key for Feature (template) (each instance it makes, unless the instance gets its own)"),
                ctx.lifecycles().missingValues(DEV, "Main", List.of("Feature (template)")).stream().map(odcm.model.deployment.MissingValues::words).toList(),
                "the Lifecycles screen's note after a template is added to a phase");
        ctx.deployments().deploy(DEV, "Web", "1.0", "Feature-1.0", true); // its value comes from the template's scope
        refused("Release 1.0 of 'Web' cannot be deployed to Test: the mandatory value Host is not set for it in this release (its values were"
                + " frozen when it was created); set it in the project's variables and create a new release.",
                () -> ctx.deployments().deploy(DEV, "Web", "1.0", "Test", true));
        ctx.lifecycles().update(DEV, "Main", new LifecycleDraft("Main", "", true, List.of(phase("Test", List.of("Test"), List.of(), List.of()))));
        refused("Template 'Feature' is a scope of project Web; take it out of those scopes first.", () -> ctx.templates().delete(DEV, "Feature"));
    }

    /**
     * Editing a template (decision 0057, "Editing a template"): a rename carries the projects' scopes along and the live instance
     * keeps its name; a changed name expression names later instances while the release's own instance still goes when its
     * release goes on; a version seen before is refused, as is a mandatory parameter without a default while it stands in a phase.
     */
    @Test
    void anEditRenamesScopesFollowInstancesKeepTheirNamesAndAStaleEditIsRefused() {
        withTemplates(template("Feature", "#{Template.Name}-#{Release.Number}", EnvironmentTemplate.OnExisting.SKIP, List.of()));
        odcm.model.project.ProjectDraft web = webProject();
        ctx.projects().update(DEV, "Web", new odcm.model.project.ProjectDraft("Web", "", "Main", web.process(),
                List.of(new odcm.model.project.Variable("Host", "feature.example", false, Scope.of(List.of("Feature (template)")))), web.templates(), List.of()));
        ctx.releases().create(DEV, "Web", "1.0", "", null, webPackages("1.0"));
        ctx.deployments().deploy(DEV, "Web", "1.0", "Development", true);
        EnvironmentTemplate seen = ctx.templates().get(DEV, "feature");
        EnvironmentTemplate renamed = ctx.templates().edit(DEV, "Feature", EnvironmentTemplate.draft("Preview", "per release", List.of(), PROVISION,
                List.of(), "pr-#{Release.Number}", EnvironmentTemplate.OnExisting.SKIP, true, 7), seen.seen());
        assertEquals(seen.version() + 1, renamed.version());
        assertEquals("template.edit", lastAudit().action());
        assertEquals("renamed from 'Feature' to 'Preview'; description 'per release'; instances named 'pr-#{Release.Number}';"
                + " de-provisioned after 7 days without a deployment", lastAudit().detail());
        assertEquals(Scope.of(List.of("Preview (template)")), ctx.projects().find(DEV, "Web").variables().get(0).scope(), "the scope follows");
        assertEquals(List.of("Development", "Test", "Feature-1.0"), live(), "the instance keeps its name");
        assertEquals("Preview", ctx.environments().list(DEV).get(2).templateName());

        assertTrue(assertThrowsRefusal(() -> ctx.templates().edit(DEV, "Preview", EnvironmentTemplate.draft("Other", "", List.of(), List.of(), List.of(),
                "x", null, true, 0), seen.seen())).startsWith("Environment template 'Preview' of 'DevTest Space' was changed by someone else since you opened it ("));
        assertEquals("Preview", ctx.templates().get(DEV, "preview").name(), "nothing changed");
        refused("Template 'Preview' cannot provision on its own in a lifecycle phase: parameter Tester has no default, and it stands in a phase"
                + " of lifecycle Main.", () -> ctx.templates().edit(DEV, "Preview", EnvironmentTemplate.draft("Preview", "", List.of(
                        EnvironmentTemplate.parameter("Tester")), PROVISION, List.of(), "pr-#{Release.Number}", null, true, 7), null));
        refused("Environment template 'Preview' of 'DevTest Space' already is as given; nothing was changed.", () -> ctx.templates().edit(DEV, "Preview",
                EnvironmentTemplate.draft("Preview", "per release", List.of(), PROVISION, List.of(), "pr-#{Release.Number}", null, true, 7), null));
        ctx.templates().create(DEV, template("Other", "o", EnvironmentTemplate.OnExisting.SKIP, List.of()));
        refused("'DevTest Space' already has an environment template named 'Other'.", () -> ctx.templates().edit(DEV, "Preview",
                EnvironmentTemplate.draft("other", "", List.of(), List.of(), List.of(), "x", null, true, 0), null));

        ctx.deployments().deploy(DEV, "Web", "1.0", "Feature-1.0", true);
        ctx.deployments().deploy(DEV, "Web", "1.0", "Test", true);
        assertEquals(List.of("Development", "Test"), live(), "found by its record, not by the new expression: it went as its release went on");
        ctx.releases().create(DEV, "Web", "1.1", "", null, webPackages("1.1"));
        ctx.deployments().deploy(DEV, "Web", "1.1", "Development", true);
        assertEquals(List.of("Development", "Test", "pr-1.1"), live(), "a later release's instance is named by the new expression");
    }

    /**
     * A deployer who may not change environments still brings a release to a template's phase: the instance is part of the
     * deployment (on a team store, the database's instance policy lets it), while making one by hand stays the administrator's.
     */
    @Test
    void aDeployersDeploymentProvisionsTheInstanceButADeployerCannotMakeOneByHand() {
        withTemplates(template("Feature", "#{Template.Name}-#{Release.Number}", EnvironmentTemplate.OnExisting.SKIP, List.of()));
        ctx.releases().create(DEV, "Web", "1.0", "", null, webPackages("1.0"));
        String me = ctx.store().person().name();
        String bob = location().onServer() ? odcm.persistence.TestDatabases.login("bob") : "bob";
        ctx.roles().grant(DEV, odcm.model.role.Role.DEPLOYER, null, odcm.model.role.Grantee.person(bob));
        as(bob, me).deployments().deploy(DEV, "Web", "1.0", "Development", true);
        assertEquals(List.of("Development", "Test", "Feature-1.0"), live());
        assertEquals(bob, ctx.templates().history(DEV, "Feature").get(0).by());
        assertTrue(assertThrowsRefusal(() -> ctx.templates().instantiate(DEV, "Feature", "by-hand", Map.of())).contains("administrator"));
        as(me, me);
    }

    private static String assertThrowsRefusal(org.junit.jupiter.api.function.Executable action) {
        return org.junit.jupiter.api.Assertions.assertThrows(odcm.model.Refusal.class, action).getMessage();
    }
}

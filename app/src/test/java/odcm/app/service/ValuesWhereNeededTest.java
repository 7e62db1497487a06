package odcm.app.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import odcm.model.deployment.MissingValues;
import odcm.model.lifecycle.LifecycleDraft;
import odcm.model.project.Project;
import odcm.model.project.ProjectDraft;
import odcm.model.project.Scope;
import odcm.model.project.TemplateType;
import odcm.model.project.Variable;
import odcm.model.project.VariableTemplate;
import odcm.packaging.cert.KeyAlgorithm;
import org.junit.jupiter.api.Test;

/** Issue 15 point 6: mandatory values enforced for releases made here, and listed where a lifecycle gains an environment. */
class ValuesWhereNeededTest extends BundleFixture {
    static final VariableTemplate HOST = new VariableTemplate("Host", "Host name", "", TemplateType.SINGLE_LINE, List.of(), true, "");
    static final VariableTemplate API_URL = new VariableTemplate("ApiUrl", "", "", TemplateType.SINGLE_LINE, List.of(), true, "");

    /** Web with one more mandatory template, Host, set (unscoped-free) only for the environments named. */
    private void webWithHost(String... environments) {
        Project p = ctx.projects().find(DEV, "Web");
        List<Variable> values = new ArrayList<>(p.variables());
        for (String e : environments) {
            values.add(new Variable("Host", e.toLowerCase(java.util.Locale.ROOT) + ".example.org", false, Scope.of(List.of(e))));
        }
        List<VariableTemplate> templates = new ArrayList<>(p.templates());
        if (templates.stream().noneMatch(t -> t.name().equals("Host"))) {
            templates.add(HOST);
        }
        ctx.projects().update(DEV, "Web", new ProjectDraft(p.name(), p.description(), p.lifecycleName(), p.process(), values, templates, p.channels()));
    }

    @Test
    void aReleaseMadeHereDeploysOnlyWithItsMandatoryValuesFrozenInIt() {
        connected(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P256);
        webWithHost("Test"); // none for Development yet
        ctx.releases().create(DEV, "Web", "1.1.0", "", null, webPackages("1.1.0"));
        refused("Release 1.1.0 of 'Web' cannot be deployed to Development: the mandatory value Host is not set for it in this release "
                + "(its values were frozen when it was created); set it in the project's variables and create a new release.",
                () -> ctx.deployments().deploy(DEV, "Web", "1.1.0", "Development", true));

        webWithHost("Development"); // set now: 1.1.0 still lacks it, frozen as it was
        refused("Release 1.1.0 of 'Web' cannot be deployed to Development: the mandatory value Host is not set for it in this release "
                + "(its values were frozen when it was created); set it in the project's variables and create a new release.",
                () -> ctx.deployments().deploy(DEV, "Web", "1.1.0", "Development", true));
        ctx.releases().create(DEV, "Web", "1.2.0", "", null, webPackages("1.2.0"));
        assertTrue(ctx.deployments().deploy(DEV, "Web", "1.2.0", "Development", true).succeeded());
        assertEquals("deployment.record", lastAudit().action());
        // Region is mandatory with a default ("eu") and no value: a release made here deploys with its default.
        assertTrue(ctx.deployments().deploy(DEV, "Web", "1.2.0", "Test", true).succeeded());
    }

    @Test
    void addingAnEnvironmentListsPerProjectWhatItLacks() {
        connected(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P256);
        webWithHost("Development", "Test");
        ctx.projects().create(DEV, new ProjectDraft("Payments", "", "Main", List.of(),
                List.of(new Variable("DbPassword", "x", true, Scope.of(List.of("Development")))),
                List.of(new VariableTemplate("DbPassword", "", "", TemplateType.SENSITIVE, List.of(), true, ""), API_URL), List.of()));
        ctx.projects().create(DEV, new ProjectDraft("Other", "", "Main", List.of(), List.of(), List.of(), List.of()));
        assertEquals(List.of(), ctx.lifecycles().missingValues(DEV, "Main", List.of("Development")).stream()
                .filter(m -> m.project().equals("Web")).toList(), "Web has all it needs in Development");

        ctx.environments().create(DEV, "Staging", "");
        LifecycleDraft main = mainLifecycle();
        List<LifecycleDraft.PhaseDraft> phases = new ArrayList<>(main.phases());
        phases.add(2, phase("Staging", List.of("Staging"), List.of(), List.of()));
        ctx.lifecycles().update(DEV, "Main", new LifecycleDraft("Main", "", true, phases));

        List<MissingValues> staging = ctx.lifecycles().missingValues(DEV, "Main", List.of("staging"));
        assertEquals("Payments lacks DbPassword, ApiUrl for Staging; Web lacks Host for Staging", MissingValues.words(staging),
                "per project using the lifecycle; Region has a default, Other has no templates");
        assertEquals(staging, ctx.projects().missingValues(DEV, null, "Staging"), "the command line's listing says the same");

        // A remote environment lacks what a bundle for it would carry no value for (scoped to it or unscoped, else a default).
        List<MissingValues> prod = ctx.projects().missingValues(DEV, "Web", "Prod Space: Production");
        assertEquals(List.of(new MissingValues("Web", "Prod Space: Production", true, List.of("Host"))), prod);
        Project web = ctx.projects().find(DEV, "Web");
        List<Variable> values = new ArrayList<>(web.variables());
        values.add(new Variable("Host", "shop.example.com", false, Scope.ALL));
        ctx.projects().update(DEV, "Web", new ProjectDraft(web.name(), web.description(), web.lifecycleName(), web.process(), values,
                web.templates(), web.channels()));
        assertEquals(List.of(), ctx.projects().missingValues(DEV, "Web", "Prod Space: Production"));
        assertEquals(List.of(), ctx.lifecycles().missingValues(DEV, "Main", List.of()), "nothing added, nothing to say");

        refused("'Lab' is not an environment or remote environment of 'DevTest Space'.", () -> ctx.projects().missingValues(DEV, null, "Lab"));
    }

    @Test
    void aRemoteProjectLacksItsOwnValuesForAnEnvironmentAddedHere() {
        connected(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P256);
        prodLifecycle();
        ctx.imports().importBundle(PROD, promote(PROD, "web.odcmbundle"), null, Map.of());
        assertEquals(List.of(), ctx.projects().missingValues(PROD, null, null), "the import set every value of Production");

        ctx.environments().create(PROD, "Staging", "");
        ctx.lifecycles().update(PROD, "Prod", new LifecycleDraft("Prod", "", true, List.of(
                phase("Staging", List.of("Staging"), List.of(), List.of()), phase("Production", List.of("Production"), List.of(), List.of()))));
        // The import wrote Region's default as a value for Production only: Staging has none, and a deployment there is refused.
        assertEquals(List.of(new MissingValues(DEV + ": Web", "Staging", false, List.of("Region"))),
                ctx.lifecycles().missingValues(PROD, "Prod", List.of("Staging")));
        refused("Release 1.0.0 of 'DevTest Space: Web' cannot be deployed to Staging: the mandatory value Region is not set for it; "
                + "set it in the project's variables.", () -> ctx.deployments().deploy(PROD, DEV + ": Web", "1.0.0", "Staging", true));
    }
}

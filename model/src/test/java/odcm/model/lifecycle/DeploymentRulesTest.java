package odcm.model.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import odcm.model.deployment.DeploymentRules;
import odcm.model.project.Scope;
import odcm.model.project.TemplateType;
import odcm.model.project.Variable;
import odcm.model.project.VariableTemplate;
import org.junit.jupiter.api.Test;

/** Lifecycle order by phase rule (all, at least N, optional) and mandatory values per environment. */
class DeploymentRulesTest {
    static PhaseMember env(String name) {
        return new PhaseMember.LocalEnvironment(name.length(), name);
    }

    static final Lifecycle LIFECYCLE = new Lifecycle(1, 1, "Main", "", true, List.of(
            new Phase("Test", List.of(env("Test A"), env("Test B"), env("Test C")), ProgressionRule.atLeast(2)),
            new Phase("Try", List.of(env("Canary")), ProgressionRule.OPTIONAL),
            new Phase("Live", List.of(env("Production"), new PhaseMember.Promotion(9, "Other Space")), ProgressionRule.ALL)), 1);

    @Test
    void phasesCompleteByTheirRule() {
        assertEquals(Optional.empty(), DeploymentRules.orderRefusal(LIFECYCLE, "Test B", Set.of(), "1.0"));
        assertEquals(Optional.of("Release 1.0 cannot be deployed to Canary yet: phase 'Test' (at least 2 must complete) comes first and still needs "
                + "a successful deployment to 1 more of Test B, Test C."), DeploymentRules.orderRefusal(LIFECYCLE, "Canary", Set.of("test a"), "1.0"));
        assertEquals(Optional.empty(), DeploymentRules.orderRefusal(LIFECYCLE, "Production", Set.of("Test A", "Test C"), "1.0"),
                "an optional phase does not hold a later one back");
        assertEquals(Optional.of("Environment 'Lab' is not in lifecycle 'Main'; it deploys to Test A, Test B, Test C, Canary, Production."),
                DeploymentRules.orderRefusal(LIFECYCLE, "Lab", Set.of(), "1.0"));
    }

    @Test
    void mandatoryValuesAreScopedOrUnscopedAndNotBlank() {
        List<VariableTemplate> templates = List.of(
                new VariableTemplate("Url", "", "", TemplateType.SINGLE_LINE, List.of(), true, ""),
                new VariableTemplate("Banner", "", "", TemplateType.SINGLE_LINE, List.of(), false, ""),
                new VariableTemplate("Key", "", "", TemplateType.SENSITIVE, List.of(), true, ""));
        List<Variable> values = List.of(new Variable("Url", "https://x", false, Scope.of(List.of("Production"))),
                new Variable("Key", " ", true, Scope.of(List.of("Production"))), new Variable("Key", "k", true, Scope.ALL));
        assertEquals(List.of(), DeploymentRules.missingValues(templates, values, "Production"), "a blank scoped value falls back to the unscoped one");
        assertEquals(List.of("Url"), DeploymentRules.missingValues(templates, values, "Test A").stream().map(VariableTemplate::name).toList());
        assertTrue(DeploymentRules.environments(LIFECYCLE).contains("Canary"));
    }

    @Test
    void aDefaultCountsOnlyWhereAskedAndRemoteEnvironmentsAreMembers() {
        List<VariableTemplate> templates = List.of(
                new VariableTemplate("Region", "", "", TemplateType.SELECT, List.of("eu", "us"), true, "eu"),
                new VariableTemplate("Host", "", "", TemplateType.SINGLE_LINE, List.of(), true, ""),
                new VariableTemplate("Port", "", "", TemplateType.SINGLE_LINE, List.of(), true, " "));
        List<Variable> values = List.of(new Variable("Host", "h", false, Scope.of(List.of("Prod Space: Production"))));
        assertEquals(List.of("Region", "Host", "Port"), names(DeploymentRules.missingValues(templates, values, "Test A")),
                "an imported project's values: a default is no value");
        assertEquals(List.of("Host", "Port"), names(DeploymentRules.missingValuesOrDefaults(templates, values, "Test A")),
                "a release made here deploys with its defaults; a blank default is none");
        assertEquals(List.of("Port"), names(DeploymentRules.missingValuesOrDefaults(templates, values, "prod space: PRODUCTION")));

        Lifecycle withRemote = new Lifecycle(2, 1, "Out", "", false, List.of(
                new Phase("Here", List.of(env("Test A")), ProgressionRule.ALL),
                new Phase("There", List.of(new PhaseMember.RemoteEnvironmentMember(3, 4, "Prod Space", "Production"),
                        new PhaseMember.Promotion(4, "Prod Space")), ProgressionRule.ALL)), 1);
        assertEquals(List.of("Test A", "Prod Space: Production"),
                DeploymentRules.environmentMembers(withRemote).stream().map(PhaseMember::displayName).toList(), "promotions are no environment");
        assertEquals("Web lacks Host, Port for Test A; Api lacks Host for Prod Space: Production (its bundles carry no value for it: the importer "
                + "there will be asked)", odcm.model.deployment.MissingValues.words(List.of(
                new odcm.model.deployment.MissingValues("Web", "Test A", false, List.of("Host", "Port")),
                new odcm.model.deployment.MissingValues("Api", "Prod Space: Production", true, List.of("Host")))));
    }

    private static List<String> names(List<VariableTemplate> templates) {
        return templates.stream().map(VariableTemplate::name).toList();
    }
}

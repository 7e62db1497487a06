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
}

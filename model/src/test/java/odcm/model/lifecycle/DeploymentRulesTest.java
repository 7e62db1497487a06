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

    /** A phase holding template Feature (id 7) beside Test; Live after it. */
    static final Lifecycle WITH_TEMPLATE = new Lifecycle(1, 1, "Branches", "", false, List.of(
            new Phase("Test", List.of(env("Test"), new PhaseMember.TemplateMember(7, "Feature")), ProgressionRule.ALL),
            new Phase("Live", List.of(env("Production")), ProgressionRule.ALL)), 1);

    static odcm.model.environment.Environment instance(long id, String name, boolean live) {
        return new odcm.model.environment.Environment(id, 1, name, "", 1, 7L, "Feature", live ? null : java.time.Instant.EPOCH);
    }

    @Test
    void progressionCountsTheLiveInstancesOfATemplate() {
        assertEquals(Optional.empty(), DeploymentRules.orderRefusal(WITH_TEMPLATE, "Production", Set.of("Test"), "1.0"),
                "no instance: the template adds nothing to count");
        Lifecycle expanded = WITH_TEMPLATE.withInstances(java.util.Map.of(7L, List.of(instance(20, "a-1.0", true), instance(21, "b-1.0", true),
                instance(22, "old", false))));
        assertEquals(List.of("Test", "a-1.0", "b-1.0", "Production"), DeploymentRules.environments(expanded), "live instances only");
        assertEquals(Optional.of("Release 1.0 cannot be deployed to Production yet: phase 'Test' (all must complete) comes first and still needs "
                + "a successful deployment to b-1.0."), DeploymentRules.orderRefusal(expanded, "Production", Set.of("Test", "a-1.0"), "1.0"));
        assertEquals(Optional.empty(), DeploymentRules.orderRefusal(expanded, "b-1.0", Set.of(), "1.0"), "an instance is deployable in its phase");
        assertEquals(Optional.empty(), DeploymentRules.promotionRefusal(WITH_TEMPLATE, "Nowhere", DeploymentRules.Progress.NONE, "1.0"));
        assertEquals(List.of("Test", "Feature (template)"), WITH_TEMPLATE.phases().get(0).members().stream().map(PhaseMember::displayName).toList());
        assertEquals(List.of("Test", "Production"), DeploymentRules.environmentMembers(WITH_TEMPLATE).stream().map(PhaseMember::displayName).toList());
    }

    static DeploymentRules.Progress done(String... environments) {
        return new DeploymentRules.Progress(Set.of(environments), Set.of(), Set.of());
    }

    static List<Boolean> reached(Lifecycle l, DeploymentRules.Progress progress) {
        return DeploymentRules.reach(l, progress).stream().map(DeploymentRules.PhaseReach::reached).toList();
    }

    /** Dev9, then template Feat (7), then template Rev (8): review H4. */
    static final Lifecycle TWO_TEMPLATES = new Lifecycle(1, 1, "Two", "", false, List.of(
            new Phase("D", List.of(env("Dev9")), ProgressionRule.ALL),
            new Phase("F", List.of(new PhaseMember.TemplateMember(7, "Feat")), ProgressionRule.ALL),
            new Phase("R", List.of(new PhaseMember.TemplateMember(8, "Rev")), ProgressionRule.ALL)), 1);

    @Test
    void aTemplatePhaseWithoutItsInstanceDeployedToHoldsBackTheNextOne() {
        assertEquals(List.of(true, true, false), reached(TWO_TEMPLATES, done("Dev9")), "phase F awaits its instance: R is not reached with it");
        Lifecycle withF = TWO_TEMPLATES.withInstances(java.util.Map.of(7L, List.of(instance(20, "f-1.0", true))));
        assertEquals(List.of(true, true, false), reached(withF, done("Dev9")));
        assertEquals(List.of(true, true, true), reached(withF, done("Dev9", "f-1.0")));
        Lifecycle fGone = TWO_TEMPLATES.withInstances(java.util.Map.of(7L, List.of(instance(20, "f-1.0", false))));
        assertEquals(List.of(true, true, false), reached(fGone, done("Dev9")), "a de-provisioned instance does not let the release skip F");
        Lifecycle optionalF = new Lifecycle(1, 1, "Two", "", false, List.of(TWO_TEMPLATES.phases().get(0),
                new Phase("F", TWO_TEMPLATES.phases().get(1).members(), ProgressionRule.OPTIONAL), TWO_TEMPLATES.phases().get(2)), 1);
        assertEquals(List.of(true, true, true), reached(optionalF, done("Dev9")), "an optional phase may be skipped");
    }

    @Test
    void aRemotePhaseBeforeATemplateIsCompleteOnlyWhenItsSpaceReported() {
        Lifecycle l = new Lifecycle(1, 1, "Remote", "", false, List.of(
                new Phase("Dev", List.of(env("Dev")), ProgressionRule.ALL),
                new Phase("Prod", List.of(new PhaseMember.RemoteEnvironmentMember(3, 2, "Prod Space", "Production")), ProgressionRule.ALL),
                new Phase("F", List.of(new PhaseMember.TemplateMember(7, "Feat")), ProgressionRule.ALL)), 1);
        assertEquals(List.of(true, true, false), reached(l, done("Dev")));
        assertEquals(List.of(true, true, true), reached(l, new DeploymentRules.Progress(Set.of("Dev"), Set.of("prod space: production"), Set.of())));
        assertEquals(List.of(true, false, false), DeploymentRules.reach(l, new DeploymentRules.Progress(Set.of("Dev"), Set.of("Prod Space: Production"), Set.of()))
                .stream().map(DeploymentRules.PhaseReach::left).toList(), "a remote deployment after Dev: the release left Dev");
    }

    /**
     * A remote template (decision 0058) counts as a template does: never itself, its instances its space reported; a phase of
     * it with none reported holds the next one back, and "all must complete" needs each reported instance's success.
     */
    @Test
    void aRemoteTemplatesReportedInstancesAreCountedAsItsPhasesRemoteEnvironments() {
        PhaseMember.RemoteTemplateMember feature = new PhaseMember.RemoteTemplateMember(9, 2, "Prod Space", "Feature");
        assertEquals("Prod Space: Feature (template)", feature.displayName());
        Lifecycle l = new Lifecycle(1, 1, "Remote", "", false, List.of(
                new Phase("Dev", List.of(env("Dev")), ProgressionRule.ALL),
                new Phase("Prod", List.of(feature), ProgressionRule.ALL),
                new Phase("After", List.of(env("After")), ProgressionRule.ALL)), 1);
        assertEquals(List.of(true, true, false), reached(l.withInstances(java.util.Map.of(), java.util.Map.of()), done("Dev")),
                "no instance reported: the phase waits for one");
        Lifecycle two = l.withInstances(java.util.Map.of(), java.util.Map.of(9L, List.of("f-1.0", "f-1.1")));
        assertEquals(List.of("Prod Space: Feature (template)", "Prod Space: f-1.0", "Prod Space: f-1.1"),
                two.phases().get(1).members().stream().map(PhaseMember::displayName).toList());
        assertEquals(List.of(true, true, false), reached(two, new DeploymentRules.Progress(Set.of("Dev"), Set.of("Prod Space: f-1.0"), Set.of())));
        assertEquals(List.of(true, true, true), reached(two, new DeploymentRules.Progress(Set.of("Dev"), Set.of("Prod Space: f-1.0", "prod space: F-1.1"),
                Set.of())));
        assertTrue(DeploymentRules.promotionRefusal(two, "Later Space", DeploymentRules.Progress.NONE, "1.0").isEmpty(), "no promotion there");
    }

    @Test
    void aPhaseIsReachedWhenTheOnesBeforeAreCompleteAndLeftOnADeploymentAfterIt() {
        Lifecycle expanded = WITH_TEMPLATE.withInstances(java.util.Map.of(7L, List.of(instance(20, "a-1.0", true))));
        assertEquals(List.of(true, false), DeploymentRules.reach(expanded, done()).stream().map(DeploymentRules.PhaseReach::reached).toList());
        assertEquals(List.of(true, true), DeploymentRules.reach(expanded, done("Test", "A-1.0")).stream().map(DeploymentRules.PhaseReach::reached).toList());
        assertEquals(List.of(false, false), DeploymentRules.reach(expanded, done("Test", "a-1.0")).stream().map(DeploymentRules.PhaseReach::left).toList());
        assertEquals(List.of(true, false), DeploymentRules.reach(expanded, done("Test", "a-1.0", "Production")).stream()
                .map(DeploymentRules.PhaseReach::left).toList(), "a deployment to Production: the release left phase Test");
    }

    @Test
    void aValueScopedToAnInstanceRanksAboveOneScopedToItsTemplateAboveAnUnscopedOne() {
        List<Variable> values = List.of(new Variable("Url", "https://any", false, Scope.ALL),
                new Variable("Url", "https://feature", false, Scope.of(List.of("Feature (template)"))),
                new Variable("Url", "https://a", false, Scope.of(List.of("a-1.0"))),
                new Variable("Url", " ", false, Scope.of(List.of("b-1.0"))));
        DeploymentRules.Values v = new DeploymentRules.Values(values);
        assertEquals(Optional.of("https://a"), v.value("Url", "a-1.0", "Feature"), "the instance's own value first");
        assertEquals(Optional.of("https://feature"), v.value("Url", "c-1.0", "Feature"), "then its template's");
        assertEquals(Optional.of("https://feature"), v.value("Url", "b-1.0", "Feature"), "a blank value is none: the next rank");
        assertEquals(Optional.of("https://any"), v.value("Url", "Test", null), "not an instance: unscoped");
        assertEquals(Optional.of("https://any"), v.value("Url", "c-1.0", "Other"), "another template's instance: unscoped");
        List<VariableTemplate> url = List.of(new VariableTemplate("Url", "", "", TemplateType.SINGLE_LINE, List.of(), true, ""));
        List<Variable> templateOnly = values.subList(1, 2);
        assertEquals(List.of(), DeploymentRules.missingValues(url, templateOnly, "c-1.0", "Feature"));
        assertEquals(List.of("Url"), DeploymentRules.missingValues(url, templateOnly, "Test", null).stream().map(VariableTemplate::name).toList());
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

package odcm.model.environment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import odcm.model.Refusal;
import odcm.model.project.TemplateType;
import odcm.model.project.VariableTemplate;
import org.junit.jupiter.api.Test;

/** Name expressions (syntax, unknown names, results that are no environment name) and a template's rules. */
class EnvironmentTemplateTest {
    static final List<VariableTemplate> PARAMS = List.of(
            new VariableTemplate("Region", "", "", TemplateType.SELECT, List.of("eu", "us"), true, "eu"),
            new VariableTemplate("Tester", "", "", TemplateType.SINGLE_LINE, List.of(), false, ""));

    static EnvironmentTemplate template(String expression, List<VariableTemplate> params) {
        return new EnvironmentTemplate(1, 1, "Feature", "", params, List.of(), List.of(),
                EnvironmentTemplate.expression(expression, params), EnvironmentTemplate.OnExisting.SKIP, true, 0, 1);
    }

    private static String refusal(Runnable r) {
        return assertThrows(Refusal.class, r::run).getMessage();
    }

    @Test
    void namesAreReplacedAndTheRestIsLiteral() {
        EnvironmentTemplate t = template("#{Release.Channel}-#{ release.number }", PARAMS);
        assertEquals(List.of("Release.Channel", "Release.Number"), t.nameExpression().names(), "a name in any case, spaces inside ignored");
        assertEquals("feature-a-1.2.0", t.instanceName("Dev", "Web Shop", "1.2.0", "feature-a", Map.of()));
        assertEquals("#{Feature} eu for Dev", template("##{#{Template.Name}} #{Region} for #{Space.Name}", PARAMS)
                .instanceName("Dev", "Web", null, null, t.parameterValues(Map.of())), "##{ writes #{; parameters by name");
        assertTrue(t.nameExpression().needsRelease());
        assertFalse(template("#{Template.Name}-#{Tester}", PARAMS).nameExpression().needsRelease());
    }

    @Test
    void aBadExpressionIsOneSentence() {
        assertEquals("The name expression '#{Release.Numbr}' uses #{Release.Numbr}, which is not a name it knows; it knows Release.Number, "
                + "Release.Channel, Project.Name, Template.Name, Space.Name and the parameters Region, Tester.", refusal(() -> template("#{Release.Numbr}", PARAMS)));
        assertEquals("The name expression 'x-#{Region' opens #{ at character 3 and never closes it with }.", refusal(() -> template("x-#{Region", PARAMS)));
        assertEquals("The name expression 'a#{ }' has an empty #{} at character 2; put a name inside, e.g. #{Release.Number}.", refusal(() -> template("a#{ }", PARAMS)));
        assertEquals("The name expression '#{a b}' has 'a b' inside #{} at character 1; a name is letters, digits, '.', '_' and '-'.",
                refusal(() -> template("#{a b}", PARAMS)));
        assertEquals("A template's name expression is empty; write e.g. '#{Release.Channel}-#{Release.Number}'.", refusal(() -> template(" ", PARAMS)));
        assertTrue(refusal(() -> template("#{Tester}", List.of())).endsWith("(the template has no parameters)."));
    }

    @Test
    void theResultMustBeAnEnvironmentName() {
        EnvironmentTemplate t = template("#{Release.Channel}-#{Release.Number}", PARAMS);
        assertTrue(refusal(() -> t.instanceName("Dev", "Web", "1.0", "a".repeat(60), Map.of())).startsWith("The name expression '#{Release.Channel}-#{Release.Number}' gives 'aaaa"));
        assertEquals("The name expression '#{Release.Channel}-#{Release.Number}' uses #{Release.Channel}, which has no value outside a release; give the instance a name.",
                refusal(() -> t.instanceName("Dev", "Web", null, null, Map.of())));
        assertEquals("DevTest Space-Reports-a:b".replace(":", "-"), template("#{Project.Name}-#{Release.Channel}", PARAMS)
                .instanceName("Dev", "DevTest Space: Reports", "1.0", "a:b", Map.of()), "a ':' in a value (an imported project's name) becomes '-' (review H1)");
        assertTrue(refusal(() -> template("#{Tester}", PARAMS).instanceName("Dev", "Web", null, null, Map.of("Tester", ""))).contains("gives ''"));
        assertEquals("An environment name cannot end in '(template)', which names an environment template's instances as a scope.",
                refusal(() -> Environment.checkName("Feature (Template)")));
    }

    @Test
    void textThatNeverGivesAnEnvironmentNameIsRefusedWhenTheTemplateIsMade() {
        assertEquals("The name expression 'c:#{Release.Number}' has ':' in its text, which no environment name has.", refusal(() -> template("c:#{Release.Number}", PARAMS)));
        assertEquals("The name expression '" + "x".repeat(61) + "#{Release.Number}' has 61 characters of text besides its #{} names; an environment name has at most 60.",
                refusal(() -> template("x".repeat(61) + "#{Release.Number}", PARAMS)));
        assertTrue(refusal(() -> template("#{Release.Number} (Template)", PARAMS)).endsWith("ends in '(template)', which no environment name may (it names a template's instances as a scope)."));
        List<VariableTemplate> secret = List.of(new VariableTemplate("Token", "", "", TemplateType.SENSITIVE, List.of(), false, ""));
        assertEquals("Template 'Feature' cannot name its instances by sensitive parameter 'Token': an environment name is shown everywhere.",
                refusal(() -> template("sec-#{token}", secret)), "review H5: a sensitive value never becomes a name");
    }

    @Test
    void parametersAndAutomaticProvisioning() {
        EnvironmentTemplate t = template("#{Template.Name}-#{Tester}", PARAMS);
        assertEquals(Optional.of("Template 'Feature' cannot provision on its own in a lifecycle phase: parameter Tester has no default."), t.automaticRefusal());
        assertEquals(Map.of("Region", "us", "Tester", "ann"), t.parameterValues(Map.of("region", "us", "Tester", "ann")));
        assertEquals("Parameter 'Region' is one of eu, us, not 'mars'.", refusal(() -> t.parameterValues(Map.of("Region", "mars"))));
        assertEquals("Template 'Feature' has no parameter 'Colour'; it has Region, Tester.", refusal(() -> t.parameterValues(Map.of("Colour", "red"))));
        assertEquals("A parameter of template 'Feature' cannot be called 'release.number': the name expression already uses that name.",
                refusal(() -> template("x", List.of(new VariableTemplate("release.number", "", "", TemplateType.SINGLE_LINE, List.of(), false, "")))));
        assertEquals(Optional.empty(), template("x", PARAMS.subList(0, 1)).automaticRefusal());
    }

    @Test
    void dueAfterItsDaysWithoutADeployment() {
        Instant last = Instant.parse("2026-12-01T10:00:00Z");
        EnvironmentTemplate never = template("x", PARAMS);
        EnvironmentTemplate week = new EnvironmentTemplate(1, 1, "Feature", "", PARAMS, List.of(), List.of(), never.nameExpression(),
                EnvironmentTemplate.OnExisting.REPROVISION, false, 7, 1);
        assertFalse(never.due(last, last.plus(400, ChronoUnit.DAYS)), "0 days: never");
        assertFalse(week.due(last, last.plus(7, ChronoUnit.DAYS).minusSeconds(1)));
        assertTrue(week.due(last, last.plus(7, ChronoUnit.DAYS)));
        assertTrue(refusal(() -> new EnvironmentTemplate(1, 1, "Feature", "", PARAMS, List.of(), List.of(), never.nameExpression(),
                EnvironmentTemplate.OnExisting.SKIP, false, -1, 1)).startsWith("A template de-provisions an instance after 1 to 3650 days"));
        assertEquals(EnvironmentTemplate.OnExisting.REPROVISION, EnvironmentTemplate.OnExisting.parse("Re-provision"));
    }

    /** The edit form writes each parameter and step back on its line (issue 18): reading that line gives the same one. */
    @Test
    void aParameterOrStepWrittenOnItsLineReadsBackTheSame() {
        for (String line : List.of("Tester", "Region:select(eu|us)=eu", "Notes:multi-line", "Token:sensitive", "Fast:checkbox=true", "Host=web.example")) {
            assertEquals(line, EnvironmentTemplate.line(EnvironmentTemplate.parameter(line)));
            assertEquals(EnvironmentTemplate.parameter(line), EnvironmentTemplate.parameter(EnvironmentTemplate.line(EnvironmentTemplate.parameter(line))));
        }
        assertEquals("Stack up:Run a script", EnvironmentTemplate.line(EnvironmentTemplate.step(" Stack up : Run a script ")));
        EnvironmentTemplate before = template("#{Release.Number}", PARAMS);
        assertEquals(List.of(), before.changes(before));
        EnvironmentTemplate after = before.edited(EnvironmentTemplate.draft("Preview", "", PARAMS, List.of(), List.of(), "pr-#{Release.Number}",
                EnvironmentTemplate.OnExisting.REPROVISION, before.deprovisionWhenProgressed(), 3));
        assertEquals(before.id(), after.id());
        assertEquals(before.version(), after.version());
        assertEquals(List.of("renamed from '" + before.name() + "' to 'Preview'", "instances named 'pr-#{Release.Number}'", "an existing one: reprovision",
                "de-provisioned after 3 days without a deployment"), before.changes(after));
    }
}

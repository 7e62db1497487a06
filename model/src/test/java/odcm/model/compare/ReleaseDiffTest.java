package odcm.model.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import odcm.model.project.DeploymentStep;
import odcm.model.project.PackageReference;
import odcm.model.project.Scope;
import odcm.model.project.TemplateType;
import odcm.model.project.Variable;
import odcm.model.project.VariableTemplate;
import odcm.model.release.PackageVersion;
import odcm.model.release.ReleaseSnapshot;
import org.junit.jupiter.api.Test;

/** Each kind of change between two snapshots, found by name, and the summary that counts them. */
class ReleaseDiffTest {
    static final String SECRET = "Zq9-very-distinctive-secret-4711";

    static DeploymentStep step(String name, String... props) {
        Map<String, String> p = new LinkedHashMap<>();
        for (int i = 0; i < props.length; i += 2) {
            p.put(props[i], props[i + 1]);
        }
        return new DeploymentStep(name, "Octopus.Script", p, Scope.ALL, List.of());
    }

    static ReleaseSnapshot process(DeploymentStep... steps) {
        return new ReleaseSnapshot(List.of(steps), List.of(), List.of(), List.of());
    }

    static ReleaseSnapshot variables(Variable... vs) {
        return new ReleaseSnapshot(List.of(), List.of(vs), List.of(), List.of());
    }

    static ReleaseDiff diff(ReleaseSnapshot a, ReleaseSnapshot b) {
        return ReleaseDiff.of("Web Shop", new ReleaseDiff.Side("1.0.0", "Default", Instant.EPOCH, ""), a,
                new ReleaseDiff.Side("1.1.0", "Default", Instant.EPOCH, ""), b);
    }

    static Entry named(ReleaseDiff d, String name) {
        return d.entries().stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError("no entry " + name));
    }

    @Test
    void aStepAddedAndOneRemovedAreFoundByName() {
        ReleaseDiff d = diff(process(step("A"), step("B")), process(step("A"), step("C")));
        assertEquals(Change.UNCHANGED, named(d, "A").change());
        assertEquals(Change.REMOVED, named(d, "B").change());
        assertEquals(Change.ADDED, named(d, "C").change());
        assertEquals(List.of("A", "B", "C"), d.section(Section.PROCESS).stream().map(Entry::name).toList(), "removed where it was");
        assertEquals("1 step added, 1 removed.", d.summary());
    }

    @Test
    void aChangedPropertyIsNamed() {
        ReleaseDiff d = diff(process(step("Deploy", "Timeout", "60", "Role", "web")), process(step("Deploy", "Timeout", "120", "Role", "web")));
        Entry e = named(d, "Deploy");
        assertEquals(Change.CHANGED, e.change());
        assertEquals(List.of("Property Timeout"), e.changedFields().stream().map(FieldChange::field).toList());
        assertEquals("60", e.changedFields().get(0).from().shown());
        assertEquals("120", e.changedFields().get(0).to().shown());
        assertEquals("changed: Property Timeout", e.describe());
    }

    @Test
    void aPropertyAddedToAStepHasNoFromSide() {
        Entry e = named(diff(process(step("Deploy")), process(step("Deploy", "Script", "echo"))), "Deploy");
        FieldChange f = e.changedFields().get(0);
        assertEquals(null, f.from());
        assertEquals("echo", f.to().shown());
    }

    @Test
    void onlyTheStepThatMovedIsFlaggedMoved() {
        ReleaseDiff d = diff(process(step("A"), step("B"), step("C"), step("D")), process(step("D"), step("A"), step("B"), step("C")));
        assertEquals(List.of("D"), d.changes().stream().map(Entry::name).toList());
        Entry moved = named(d, "D");
        assertTrue(moved.moved());
        assertEquals(Change.UNCHANGED, moved.change());
        assertEquals("moved from 4 to 1", moved.describe());
        assertEquals("1 step moved.", d.summary());
    }

    @Test
    void aStepCanBeMovedAndChanged() {
        ReleaseDiff d = diff(process(step("A", "X", "1"), step("B")), process(step("B"), step("A", "X", "2")));
        assertEquals(1, d.moved(), "swapping two steps moves one of them");
        Entry a = d.changes().stream().filter(Entry::moved).findFirst().orElseThrow();
        assertTrue(d.summary().startsWith("1 step changed, 1 moved") || d.summary().startsWith("1 step moved"), d.summary());
        assertEquals(Change.CHANGED, named(d, "A").change());
        if (a.name().equals("A")) {
            assertEquals("~\u2195", a.marker());
        }
    }

    @Test
    void aStepScopeChangeIsAChangeOfItsScope() {
        DeploymentStep before = new DeploymentStep("Smoke", "Octopus.Script", Map.of(), Scope.of(List.of("Test")), List.of());
        DeploymentStep after = new DeploymentStep("Smoke", "Octopus.Script", Map.of(), Scope.of(List.of("Test", "Prod Space: Production")),
                List.of(new PackageReference("Acme.Web")));
        Entry e = named(diff(process(before), process(after)), "Smoke");
        assertEquals(List.of("Scope", "Packages"), e.changedFields().stream().map(FieldChange::field).toList());
        assertEquals("Prod Space: Production, Test", e.changedFields().get(0).to().shown());
    }

    @Test
    void variablesAddedRemovedAndValueChanged() {
        ReleaseDiff d = diff(variables(new Variable("LogLevel", "Debug", false, Scope.ALL), new Variable("Old", "x", false, Scope.ALL)),
                variables(new Variable("LogLevel", "Information", false, Scope.ALL), new Variable("New", "y", false, Scope.ALL)));
        assertEquals(Change.CHANGED, named(d, "LogLevel (all environments)").change());
        assertEquals(Change.REMOVED, named(d, "Old (all environments)").change());
        assertEquals(Change.ADDED, named(d, "New (all environments)").change());
        assertEquals("1 variable added, 1 removed, 1 changed.", d.summary());
    }

    @Test
    void aScopeOnlyChangeIsTheSameVariableWithItsScopeChanged() {
        ReleaseDiff d = diff(variables(new Variable("Url", "http://x", false, Scope.of(List.of("Test")))),
                variables(new Variable("Url", "http://x", false, Scope.of(List.of("Test", "Development")))));
        assertEquals(1, d.entries().size());
        Entry e = d.entries().get(0);
        assertEquals("Url", e.name());
        assertEquals(Change.CHANGED, e.change());
        assertEquals(List.of("Scope"), e.changedFields().stream().map(FieldChange::field).toList());
        assertEquals("Test", e.changedFields().get(0).from().shown());
        assertEquals("Development, Test", e.changedFields().get(0).to().shown());
    }

    @Test
    void valuesOfOneNameInSeveralScopesMatchByScope() {
        ReleaseDiff d = diff(variables(new Variable("LogLevel", "Debug", false, Scope.ALL), new Variable("LogLevel", "Warning", false, Scope.of(List.of("Prod")))),
                variables(new Variable("LogLevel", "Information", false, Scope.ALL), new Variable("LogLevel", "Warning", false, Scope.of(List.of("Prod")))));
        assertEquals(Change.CHANGED, named(d, "LogLevel (all environments)").change());
        assertEquals(Change.UNCHANGED, named(d, "LogLevel (Prod)").change());
    }

    @Test
    void stepsAndScopesMatchIgnoringCaseAsciiOrNot() {
        ReleaseDiff d = diff(process(step("Ärger"), step("Deploy", "N", "1"), step("deploy", "N", "2"), step("ΣΥΝΘΗΚΗ")),
                process(step("äRGER"), step("DEPLOY", "N", "1"), step("Deploy", "N", "2"), step("συνθηκη"), step("Arger")));
        assertEquals(Change.UNCHANGED, named(d, "äRGER").change(), "a non-ASCII step name matched ignoring case");
        assertEquals(Change.UNCHANGED, named(d, "DEPLOY").change(), "the first 'deploy' with the first");
        assertEquals(Change.UNCHANGED, named(d, "Deploy").change(), "the second 'deploy' with the second");
        assertEquals(Change.UNCHANGED, named(d, "συνθηκη").change());
        assertEquals(Change.ADDED, named(d, "Arger").change(), "'Ärger' is not 'Arger'");
        assertEquals("1 step added.", d.summary());

        ReleaseDiff v = diff(variables(new Variable("A", "1", false, Scope.of(List.of("Über"))),
                        new Variable("B", "1", false, Scope.of(List.of("Prod", "Test"))), new Variable("C", "1", false, Scope.of(List.of("Ärger")))),
                variables(new Variable("A", "1", false, Scope.of(List.of("über"))),
                        new Variable("B", "1", false, Scope.of(List.of("PROD", "test"))), new Variable("C", "1", false, Scope.of(List.of("Arger")))));
        assertEquals(List.of("Scope"), named(v, "A").changedFields().stream().map(FieldChange::field).toList(), "a non-ASCII scope matched ignoring case");
        assertEquals(List.of("Scope"), named(v, "B").changedFields().stream().map(FieldChange::field).toList(), "a scope of two matched ignoring case");
        assertEquals(Change.CHANGED, named(v, "C").change(), "left alone on each side: the same variable, its scope changed");
        assertEquals("3 variables changed.", v.summary());
    }

    @Test
    void variablesMatchByNameAndScopeIgnoringCaseAsciiOrNot() {
        ReleaseDiff d = diff(variables(new Variable("LogLevel", "Debug", false, Scope.of(List.of("Prod"))),
                        new Variable("Ärger", "1", false, Scope.ALL), new Variable("Arger", "1", false, Scope.ALL),
                        new Variable("Same", "s", false, Scope.ALL)),
                variables(new Variable("LOGLEVEL", "Info", false, Scope.of(List.of("PROD"))),
                        new Variable("äRGER", "2", false, Scope.ALL), new Variable("ARGER", "1", false, Scope.ALL),
                        new Variable("Same", "s", false, Scope.ALL)));
        assertEquals(Change.CHANGED, named(d, "LOGLEVEL").change(), "an ASCII name and scope matched ignoring case");
        assertEquals(Change.CHANGED, named(d, "äRGER (all environments)").change(), "a non-ASCII name matched ignoring case");
        assertEquals(Change.UNCHANGED, named(d, "ARGER (all environments)").change(), "'Ärger' is not 'Arger'");
        assertEquals(Change.UNCHANGED, named(d, "Same (all environments)").change());
        assertEquals(0, d.count(Section.VARIABLES, Change.ADDED) + d.count(Section.VARIABLES, Change.REMOVED));
        assertEquals(2, d.count(Section.VARIABLES, Change.UNCHANGED));
    }

    @Test
    void anAmbiguousScopeChangeIsRemovedAndAdded() {
        ReleaseDiff d = diff(variables(new Variable("X", "1", false, Scope.of(List.of("A"))), new Variable("X", "2", false, Scope.of(List.of("B")))),
                variables(new Variable("X", "1", false, Scope.of(List.of("C"))), new Variable("X", "2", false, Scope.of(List.of("D")))));
        assertEquals(2, d.count(Section.VARIABLES, Change.REMOVED));
        assertEquals(2, d.count(Section.VARIABLES, Change.ADDED));
    }

    @Test
    void aSensitiveChangeSaysChangedWithoutItsValues() {
        ReleaseDiff d = diff(variables(new Variable("DbPassword", "old-" + SECRET, true, Scope.ALL)),
                variables(new Variable("DbPassword", SECRET, true, Scope.ALL)));
        Entry e = d.entries().get(0);
        assertEquals(Change.CHANGED, e.change());
        assertTrue(e.sensitive());
        FieldChange value = e.changedFields().get(0);
        assertEquals("Value", value.field());
        assertEquals(Value.MASK, value.from().shown());
        assertEquals(Value.MASK, value.to().shown());
        assertEquals(SECRET, value.to().reveal(), "kept for the audited reveal");
        assertFalse(value.hasLineDiff());
        assertFalse(e.toString().contains(SECRET), "toString masks");
    }

    @Test
    void anUnchangedSensitiveValueIsUnchanged() {
        ReleaseDiff d = diff(variables(new Variable("DbPassword", SECRET, true, Scope.ALL)), variables(new Variable("DbPassword", SECRET, true, Scope.ALL)));
        assertEquals(Change.UNCHANGED, d.entries().get(0).change());
        assertEquals("No changes.", d.summary());
    }

    @Test
    void aValueMadeSensitiveIsMaskedOnBothSides() {
        ReleaseDiff d = diff(variables(new Variable("Token", SECRET, false, Scope.ALL)), variables(new Variable("Token", SECRET, true, Scope.ALL)));
        Entry e = d.entries().get(0);
        assertEquals(List.of("Sensitive"), e.changedFields().stream().map(FieldChange::field).toList());
        assertEquals(Value.MASK, e.fields().get(0).from().shown(), "the old clear value would give the new secret away");
    }

    @Test
    void templateChangesAreNamed() {
        VariableTemplate a = new VariableTemplate("Region", "Region", "", TemplateType.SELECT, List.of("eu", "us"), false, "eu");
        VariableTemplate b = new VariableTemplate("Region", "Region", "", TemplateType.SELECT, List.of("eu", "us", "ap"), true, "eu");
        VariableTemplate added = new VariableTemplate("Host", "Host", "", TemplateType.SINGLE_LINE, List.of(), true, "");
        ReleaseDiff d = diff(new ReleaseSnapshot(List.of(), List.of(), List.of(a), List.of()), new ReleaseSnapshot(List.of(), List.of(), List.of(b, added), List.of()));
        assertEquals(List.of("Options", "Mandatory"), named(d, "Region").changedFields().stream().map(FieldChange::field).toList());
        assertEquals(Change.ADDED, named(d, "Host").change());
        assertEquals("1 template added, 1 changed.", d.summary());
    }

    @Test
    void packageVersionAndHashChanges() {
        PackageVersion web1 = new PackageVersion("Acme.Web", "1.0.0", "aa".repeat(32));
        PackageVersion web2 = new PackageVersion("acme.web", "1.1.0", "bb".repeat(32));
        PackageVersion api = new PackageVersion("Acme.Api", "2.0.0", "cc".repeat(32));
        PackageVersion apiRebuilt = new PackageVersion("Acme.Api", "2.0.0", "dd".repeat(32));
        ReleaseDiff d = diff(new ReleaseSnapshot(List.of(), List.of(), List.of(), List.of(web1, api)),
                new ReleaseSnapshot(List.of(), List.of(), List.of(), List.of(web2, apiRebuilt)));
        assertEquals(List.of("Version", "SHA-256"), named(d, "acme.web").changedFields().stream().map(FieldChange::field).toList(),
                "matched by id ignoring case");
        assertEquals(List.of("SHA-256"), named(d, "Acme.Api").changedFields().stream().map(FieldChange::field).toList(),
                "same version, another build: the hash tells");
        assertEquals("2 packages changed.", d.summary());
    }

    @Test
    void aSummaryOverSections() {
        ReleaseDiff d = diff(new ReleaseSnapshot(List.of(step("A"), step("B")), List.of(new Variable("V", "1", false, Scope.ALL)), List.of(), List.of()),
                new ReleaseSnapshot(List.of(step("B", "X", "1"), step("A"), step("C")), List.of(new Variable("V", "2", false, Scope.ALL)), List.of(),
                        List.of()));
        assertEquals("1 step added, 1 changed, 1 moved, 1 variable changed.", d.summary());
    }

    @Test
    void aThousandStepsReversedAreAllButOneMoved() {
        List<DeploymentStep> a = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            a.add(step("Step " + i));
        }
        List<DeploymentStep> b = new ArrayList<>(a);
        java.util.Collections.reverse(b);
        assertEquals(999, diff(new ReleaseSnapshot(a, List.of(), List.of(), List.of()), new ReleaseSnapshot(b, List.of(), List.of(), List.of())).moved());
    }
}

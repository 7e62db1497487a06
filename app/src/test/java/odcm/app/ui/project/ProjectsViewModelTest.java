package odcm.app.ui.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import odcm.app.apply.Demo;
import odcm.app.service.AppContext;
import odcm.app.ui.TestStores;
import odcm.app.ui.common.CurrentSpace;
import odcm.app.ui.task.SameThreadTaskRunner;
import odcm.model.Refusal;
import odcm.model.project.DeploymentStep;
import odcm.model.project.Project;
import odcm.model.project.TemplateType;
import odcm.model.project.Variable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The projects screen's model on a real store with the demo organisation: editing, drafts, refusals. */
class ProjectsViewModelTest {
    @TempDir
    Path tmp;
    AppContext ctx;
    CurrentSpace space = new CurrentSpace();
    ProjectsViewModel vm;

    @BeforeEach
    void open() {
        ctx = AppContext.open(TestStores.demo(tmp, "store"));
        vm = new ProjectsViewModel(ctx.projects(), ctx.environments(), ctx.lifecycles(), new SameThreadTaskRunner(), space);
        space.choose(Demo.DEVTEST);
    }

    @AfterEach
    void close() {
        ctx.close();
    }

    private void select(String name) {
        vm.selectedProperty().set(vm.all().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow());
    }

    private Project stored(String name) {
        return ctx.projects().find(Demo.DEVTEST, name);
    }

    @Test
    void listsTheProjectsOfTheCurrentSpaceWithSearchAndScopeChoices() {
        assertEquals(List.of("Payments", "Public API", "Reports", "Web Shop"), vm.all().stream().map(Project::name).sorted().toList());
        assertTrue(vm.scopeChoices().containsAll(List.of("Development", "Test", "Prod Space: Production", "Prod EU Space: Production")),
                vm.scopeChoices().toString());
        assertTrue(vm.lifecycleChoices().contains("Global rollout"));
        vm.filterProperty().set("rollout"); // by lifecycle
        assertEquals(List.of("Public API"), vm.shown().stream().map(Project::name).toList());
        vm.filterProperty().set("");

        space.choose(Demo.QA);
        assertEquals(List.of(Demo.DEVTEST + ": Reports"), vm.all().stream().map(Project::name).toList());
        assertTrue(vm.scopeChoices().containsAll(List.of("QA", "UAT", "Prod Space: Production")), vm.scopeChoices().toString());
        assertFalse(vm.scopeChoices().contains("Development"));

        ctx.templates().create(Demo.DEVTEST, odcm.model.environment.EnvironmentTemplate.draft("Feature", "", List.of(), List.of(), List.of(),
                "#{Release.Channel}-#{Release.Number}", odcm.model.environment.EnvironmentTemplate.OnExisting.SKIP, true, 0));
        space.choose(Demo.DEVTEST);
        assertTrue(vm.scopeChoices().contains("Feature (template)"), "a template is a scope: every instance of it (decision 0057)");
    }

    @Test
    void addedAndReorderedStepsAreSavedInTheirOrder() {
        select("Web Shop");
        ProjectEditor e = vm.editor();
        assertEquals(List.of("Run database migrations", "Deploy Web Shop", "Smoke test production"),
                e.steps().stream().map(s -> s.nameProperty().get()).toList());
        e.selectedStepProperty().set(e.steps().get(1));
        StepRow added = e.addStep(); // after the selected one
        added.nameProperty().set("Notify team");
        added.properties().add(new PropertyRow("Channel", "#releases"));
        added.scope().add("Prod Space: Production");
        assertEquals(2, e.steps().indexOf(added));
        e.moveStep(-1);
        e.moveStep(-1);
        assertEquals(0, e.steps().indexOf(added));
        assertFalse(e.canMove(-1), "the first step cannot move up");
        e.moveStep(-1); // nothing happens
        assertEquals(0, e.steps().indexOf(added));
        e.moveStep(1);
        assertEquals(added, e.selectedStepProperty().get(), "the moved step stays selected");

        vm.save();
        assertEquals("", vm.saveState().error());
        assertTrue(vm.message().text().startsWith("Saved project 'Web Shop'"), vm.message().text());
        List<DeploymentStep> process = stored("Web Shop").process();
        assertEquals(List.of("Run database migrations", "Notify team", "Deploy Web Shop", "Smoke test production"),
                process.stream().map(DeploymentStep::name).toList());
        assertEquals("#releases", process.get(1).properties().get("Channel"));
        assertEquals(List.of("Prod Space: Production"), process.get(1).scope().environments());
    }

    @Test
    void sensitiveValuesStayHiddenAndAreKeptOrReplaced() {
        select("Web Shop");
        VariableRow secret = vm.editor().variables().stream().filter(v -> v.nameProperty().get().equals("DbPassword")).findFirst().orElseThrow();
        assertEquals(Variable.MASK, secret.shownValue());
        assertEquals("", secret.valueProperty().get(), "the stored sensitive value is never put into a text control");
        assertTrue(secret.hasSecret());

        VariableRow log = vm.editor().variables().stream().filter(v -> v.nameProperty().get().equals("LogLevel") && v.scope().isEmpty())
                .findFirst().orElseThrow();
        log.valueProperty().set("Error");
        vm.save();
        Project saved = stored("Web Shop");
        assertEquals("dev-secret-2", value(saved, "DbPassword"), "an untouched sensitive value is kept");
        assertEquals("Error", value(saved, "LogLevel"));

        select("Web Shop");
        secret = vm.editor().variables().stream().filter(v -> v.nameProperty().get().equals("DbPassword")).findFirst().orElseThrow();
        secret.secretInputProperty().set("new-secret");
        vm.save();
        assertEquals("new-secret", value(stored("Web Shop"), "DbPassword"));

        VariableRow typed = new VariableRow();
        typed.nameProperty().set("Token");
        typed.valueProperty().set("typed in clear");
        typed.sensitiveProperty().set(true);
        assertEquals("", typed.valueProperty().get(), "marking a value sensitive takes it out of the text field");
        assertEquals(Variable.MASK, typed.shownValue());
        assertEquals("typed in clear", typed.toVariable().value());
        typed.sensitiveProperty().set(false);
        assertEquals("", typed.toVariable().value(), "unmarking drops the hidden value rather than showing it");
    }

    private static String value(Project p, String name) {
        return p.variables().stream().filter(v -> v.name().equals(name) && v.scope().isAll()).findFirst()
                .or(() -> p.variables().stream().filter(v -> v.name().equals(name)).findFirst()).orElseThrow().value();
    }

    @Test
    void refusalsStayInTheEditorAndChangeNothing() {
        select("Web Shop");
        Project before = stored("Web Shop");
        vm.editor().steps().get(0).nameProperty().set("Deploy Web Shop");
        vm.save();
        assertTrue(vm.saveState().error().contains("two steps named 'Deploy Web Shop'"), vm.saveState().error());

        vm.editor().steps().get(0).nameProperty().set(" ");
        vm.save();
        assertEquals("A step needs a name.", vm.saveState().error());

        vm.revert();
        assertEquals("", vm.saveState().error());
        TemplateRow t = new TemplateRow();
        t.nameProperty().set("Colour");
        t.typeProperty().set(TemplateType.SELECT);
        vm.editor().templates().add(t);
        vm.save();
        assertTrue(vm.saveState().error().contains("needs at least one option"), vm.saveState().error());
        t.optionsProperty().set("red, green");
        t.defaultValueProperty().set("blue");
        vm.save();
        assertTrue(vm.saveState().error().contains("must be one of its options: red, green"), vm.saveState().error());
        assertEquals(before, stored("Web Shop"), "a refused save changes nothing");
    }

    @Test
    void newProjectsAreCreatedAndDeletionIsRefusedWhileReleasesExist() {
        vm.newProject();
        assertNull(vm.selectedProperty().get());
        assertTrue(vm.editor().isNew());
        assertEquals("Test then Prod", vm.editor().lifecycleProperty().get(), "the space's default lifecycle");
        assertEquals(1, vm.editor().channels().size());
        vm.editor().nameProperty().set("Billing");
        ChannelRow hotfix = new ChannelRow("Hotfix", false);
        vm.editor().channels().add(hotfix);
        hotfix.defaultProperty().set(true);
        assertFalse(vm.editor().channels().get(0).defaultProperty().get(), "one default channel");
        vm.save();
        assertEquals("Billing", vm.selectedProperty().get().name());
        assertEquals("Hotfix", stored("Billing").defaultChannel());
        assertTrue(vm.message().text().startsWith("Created project 'Billing'"), vm.message().text());

        vm.newProject();
        vm.editor().nameProperty().set("billing");
        vm.save();
        assertTrue(vm.saveState().error().contains("already has a project named 'Billing'"), vm.saveState().error());

        select("Web Shop");
        Refusal r = assertThrows(Refusal.class, () -> vm.delete(vm.selectedProperty().get()));
        assertEquals("Cannot delete project 'Web Shop' of 'DevTest Space': it has 3 releases, which are frozen.", r.getMessage());
        select("Billing");
        vm.delete(vm.selectedProperty().get());
        vm.deleted(vm.selectedProperty().get());
        assertFalse(vm.all().stream().anyMatch(p -> p.name().equals("Billing")));
    }
}

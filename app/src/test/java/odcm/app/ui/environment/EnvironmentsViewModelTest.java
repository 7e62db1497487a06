package odcm.app.ui.environment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import odcm.app.service.AppContext;
import odcm.app.ui.TestStores;
import odcm.app.ui.common.CurrentSpace;
import odcm.app.ui.task.SameThreadTaskRunner;
import odcm.model.environment.Environment;
import odcm.model.environment.RemoteEnvironment;
import odcm.model.space.Space;
import odcm.packaging.cert.KeyAlgorithm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Environments screen's state on a real store: per current space, the filter, the forms and their refusals. */
class EnvironmentsViewModelTest {
    @TempDir
    Path tmp;
    AppContext ctx;
    CurrentSpace current = new CurrentSpace();
    EnvironmentsViewModel vm;

    @BeforeEach
    void store() {
        ctx = TestStores.open(tmp, "store");
        ctx.spaces().create("DevTest Space", "", KeyAlgorithm.EC_P256);
        ctx.spaces().create("QA Space", "", KeyAlgorithm.EC_P256);
        ctx.remotes().add("Prod Space", "", TestStores.foreignCertificatePem("Prod Space"), null);
        vm = new EnvironmentsViewModel(ctx.environments(), ctx.templates(), ctx.remoteTemplates(), ctx.spaces(), new SameThreadTaskRunner(), current);
    }

    @AfterEach
    void close() {
        ctx.close();
    }

    List<String> shown() {
        return vm.shown().stream().map(Environment::name).toList();
    }

    @Test
    void createsRenamesFiltersAndFollowsTheCurrentSpace() {
        current.choose("DevTest Space");
        EnvironmentFormViewModel create = vm.newEnvironment();
        assertFalse(create.validProperty().get());
        assertEquals("", create.problemProperty().get(), "an empty new form does not scold");
        create.nameProperty().set("Dev:1");
        assertTrue(create.problemProperty().get().contains("':'"), create.problemProperty().get());
        create.nameProperty().set("Development");
        create.descriptionProperty().set("Every commit");
        create.submit(e -> vm.changed("Created '" + e.name() + "'.", e.name(), null));
        vm.newEnvironment().submit(e -> { }); // not valid: nothing happens
        EnvironmentFormViewModel test = vm.newEnvironment();
        test.nameProperty().set("Test");
        test.submit(e -> vm.changed("Created.", e.name(), null));
        assertEquals(List.of("Development", "Test"), shown());
        assertEquals("Test", vm.selectedProperty().get().name());

        EnvironmentFormViewModel dup = vm.newEnvironment();
        dup.nameProperty().set("test");
        dup.submit(e -> { });
        assertEquals("'DevTest Space' already has an environment named 'Test'; names in a space differ in more than letter case or look-alike letters.", dup.form().error());

        EnvironmentFormViewModel rename = vm.rename(vm.selectedProperty().get());
        assertFalse(rename.validProperty().get(), "the same name is no rename");
        rename.nameProperty().set("Integration");
        rename.submit(e -> vm.changed("Renamed.", e.name(), null));
        assertEquals(List.of("Development", "Integration"), shown());

        vm.filterProperty().set("commit");
        assertEquals(List.of("Development"), shown(), "the filter reads descriptions too");
        vm.filterProperty().set("");

        current.choose("QA Space");
        assertEquals(List.of(), shown(), "another space, its own environments");
        current.choose("DevTest Space");
        assertEquals(List.of("Development", "Integration"), shown());
    }

    @Test
    void remoteEnvironmentsOfOtherSpacesOnly() {
        current.choose("DevTest Space");
        RemoteEnvironmentFormViewModel add = vm.newRemote();
        assertEquals(List.of("Prod Space", "QA Space"), add.owners().stream().map(Space::name).sorted().toList(), "not the space itself");
        add.ownerProperty().set(add.owners().stream().filter(s -> s.name().equals("Prod Space")).findFirst().orElseThrow());
        add.nameProperty().set("Production");
        assertEquals("Shown as 'Prod Space: Production'.", add.previewProperty().get());
        add.submit(r -> vm.changed("Added.", null, r.displayName()));
        assertEquals(List.of("Prod Space: Production"), vm.shownRemotes().stream().map(RemoteEnvironment::displayName).toList());
        assertEquals("Prod Space: Production", vm.selectedRemoteProperty().get().displayName());

        RemoteEnvironmentFormViewModel again = vm.newRemote();
        again.ownerProperty().set(again.owners().stream().filter(s -> s.name().equals("Prod Space")).findFirst().orElseThrow());
        again.nameProperty().set("production");
        again.submit(r -> { });
        assertTrue(again.form().error().contains("already has the remote environment"), again.form().error());

        vm.deleteRemote(vm.selectedRemoteProperty().get());
        vm.changed("Deleted.", null, null);
        assertTrue(vm.shownRemotes().isEmpty());
        assertEquals("Deleted.", vm.message().text());
    }

    /**
     * Edit… (issue 18): the form filled in as the template is; a line left as it was keeps what the line does not show (a step's
     * properties, from an apply file), a changed one is read anew; a version changed meanwhile is refused in the form.
     */
    @Test
    void editingATemplateKeepsWhatItsLinesDoNotShowAndIsRefusedWhenChangedMeanwhile() {
        current.choose("DevTest Space");
        odcm.model.project.DeploymentStep up = new odcm.model.project.DeploymentStep("Stack up", "Run a script", java.util.Map.of("Script", "make up"),
                odcm.model.project.Scope.ALL, List.of());
        List<odcm.model.project.VariableTemplate> parameters = List.of(odcm.model.environment.EnvironmentTemplate.parameter("Region:select(eu|us)=eu"),
                new odcm.model.project.VariableTemplate("Motd", "", "", odcm.model.project.TemplateType.MULTI_LINE, List.of(), false, "line one\nline two"));
        ctx.templates().create("DevTest Space", odcm.model.environment.EnvironmentTemplate.draft("Feature", "", parameters, List.of(up), List.of(),
                "f-#{Region}", null, true, 0));
        vm.refresh();
        TemplateFormViewModel edit = vm.editTemplate(vm.templates().get(0));
        assertEquals("Region:select(eu|us)=eu\nMotd:multi-line=line one\\nline two", edit.parametersProperty().get(), "review H2: one line each");
        assertEquals("Stack up:Run a script", edit.provisioningProperty().get());
        assertEquals("edit-template", edit.id());
        edit.provisioningProperty().set("Stack up:Run a script\nWarm up:Run a script");
        edit.expressionProperty().set("f-#{Regio}");
        assertTrue(edit.problemProperty().get().startsWith("The name expression 'f-#{Regio}' uses #{Regio}"), "said at once: " + edit.problemProperty().get());
        edit.expressionProperty().set("f-#{Region}-#{Release.Number}");
        edit.submit(t -> { });
        List<odcm.model.project.DeploymentStep> steps = ctx.templates().get("DevTest Space", "Feature").provisioning();
        assertEquals(up, steps.get(0), "the unchanged line kept its step's properties");
        assertEquals("Warm up", steps.get(1).name());
        assertEquals(parameters, ctx.templates().get("DevTest Space", "Feature").parameters(), "review H2: the multi-line default is kept as it was");

        TemplateFormViewModel stale = vm.editTemplate(vm.templates().get(0)); // the list still holds the version before the save
        stale.descriptionProperty().set("later");
        stale.submit(t -> { });
        assertTrue(stale.form().errorProperty().get().startsWith("Environment template 'Feature' of 'DevTest Space' was changed by someone else"),
                stale.form().errorProperty().get());
        assertEquals("", ctx.templates().get("DevTest Space", "Feature").description(), "nothing changed");
    }

    /**
     * Review 18b M5: New template… with another space as its owner makes a remote template (refused, nothing made, while that
     * space is not trusted for receipts); it is listed among the space's templates by its display name, and deleted from there.
     */
    @Test
    void aRemoteTemplateIsMadeInTheFormListedByItsOwnerAndDeletedHere() {
        current.choose("DevTest Space");
        TemplateFormViewModel form = vm.newTemplate();
        assertEquals(List.of("DevTest Space", "QA Space", "Prod Space"), form.owners(), "this space first, then the others");
        assertEquals(null, form.remoteOwner(), "this space's own template by default");
        form.ownerProperty().set("QA Space");
        form.nameProperty().set("Feature");
        form.expressionProperty().set("feature-#{Release.Number}");
        form.submit(done -> { });
        assertTrue(form.form().errorProperty().get().contains("trust"), form.form().errorProperty().get());
        assertTrue(ctx.remoteTemplates().list("DevTest Space").isEmpty() && ctx.templates().list("DevTest Space").isEmpty(), "nothing made");
        ctx.trusts().add("DevTest Space", "QA Space", odcm.model.trust.TrustKind.DEPLOYMENT_RECEIPTS);
        form.submit(done -> { });
        assertEquals(List.of("QA Space: Feature (template)"), ctx.remoteTemplates().list("DevTest Space").stream()
                .map(odcm.model.environment.RemoteTemplate::displayName).toList());
        assertTrue(ctx.templates().list("DevTest Space").isEmpty(), "not a template of this space");
        current.choose("QA Space");
        current.choose("DevTest Space");
        var t = vm.templates().get(0);
        assertEquals(List.of("QA Space: Feature (template)", "true"), List.of(vm.name(t), String.valueOf(vm.isRemote(t))));
        vm.deleteTemplate(t);
        assertTrue(ctx.remoteTemplates().list("DevTest Space").isEmpty());
    }
}

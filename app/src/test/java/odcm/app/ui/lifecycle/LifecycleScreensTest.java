package odcm.app.ui.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import odcm.app.graph.GraphLayout;
import odcm.app.service.AppContext;
import odcm.app.ui.ConsoleDriver;
import odcm.app.ui.TestStores;
import odcm.app.ui.graph.LifecycleGraphView;
import odcm.model.environment.Environment;
import odcm.model.environment.RemoteEnvironment;
import odcm.model.lifecycle.Lifecycle;
import odcm.model.lifecycle.composite.CompositeLifecycle.EdgeKind;
import odcm.model.project.ProjectDraft;
import odcm.model.space.Space;
import odcm.packaging.cert.KeyAlgorithm;
import odcm.persistence.StoreLocation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

/**
 * Environments, a lifecycle of two phases, then a promotion to a remote space, all through the screens; the
 * Pipeline screen draws the project's lifecycle before and after, and shows the remote space appear.
 */
class LifecycleScreensTest {
    static final String DEV = "DevTest Space";
    static final String PROD = "Prod Space";
    @TempDir
    Path tmp;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    static CheckBox member(ConsoleDriver c, String list, String name) {
        return c.lookup("#" + list + "-list .check-box").queryAll().stream().map(n -> (CheckBox) n)
                .filter(b -> name.equals(b.getUserData())).findFirst().orElseThrow(() -> new AssertionError("no member " + name));
    }

    static List<String> phases(ConsoleDriver c) {
        return c.<ListView<PhaseEditor>>node("#phases-list").getItems().stream().map(p -> p.nameProperty().get()).toList();
    }

    /** Selects template {@code row} and confirms Delete… for it. */
    static void deleteTemplate(ConsoleDriver c, TableView<?> templates, int row) {
        c.interact(() -> templates.getSelectionModel().select(row));
        c.clickOn("#delete-template");
        c.clickOn("#delete-template-ok");
        c.idle();
    }

    /** The row of the phase list showing phase {@code n} (1-based), as a user sees it. */
    static javafx.scene.Node phaseCell(ConsoleDriver c, int n) {
        return c.lookup("#phases-list .list-cell").queryAll().stream()
                .filter(cell -> ((javafx.scene.control.ListCell<?>) cell).getText() != null
                        && ((javafx.scene.control.ListCell<?>) cell).getText().startsWith(n + ". "))
                .findFirst().orElseThrow();
    }

    static int count(ConsoleDriver c, String query) {
        return c.lookup(query).queryAll().size();
    }

    @Test
    void aLifecycleWithAPromotionBuiltOnTheScreensChangesThePipeline() throws Exception {
        StoreLocation location = TestStores.location(tmp, "network-a");
        try (AppContext ctx = AppContext.open(location)) {
            ctx.spaces().create(DEV, "Development and test", KeyAlgorithm.EC_P256);
            ctx.spaces().create("QA Space", "The QA team's space", KeyAlgorithm.EC_P256);
            ctx.remotes().add("Prod Space", "Production, network B", TestStores.foreignCertificatePem("Prod Space"), null);
        }
        try (ConsoleDriver c = new ConsoleDriver(location)) {
            assertEquals(DEV, c.<ComboBox<String>>node("#current-space").getValue(), "the first local space is the current one");
            assertTrue(c.lookup("#demo-offer").tryQuery().isEmpty(), "no offer on a store with spaces");

            c.open("nav-environments");
            assertEquals("Environments of 'DevTest Space'", c.<Label>node("#environments-screen .screen-title").getText());
            assertTrue(c.<Label>node("#environments-empty").getText().startsWith("No environments yet."));
            c.shoot("environments-empty");
            for (String name : List.of("Development", "Test")) {
                c.clickOn("#new-environment");
                c.clickOn("#new-environment-name").write(name);
                if (name.equals("Development")) {
                    c.clickOn("#new-environment-description").write("Every commit");
                    c.shootDialog("new-environment", "dialog-new-environment");
                }
                c.clickOn("#new-environment-ok");
                c.idle();
            }
            c.clickOn("#new-environment");
            c.clickOn("#new-environment-name").write("test");
            c.clickOn("#new-environment-ok");
            c.idle();
            String refusal = c.<Label>node("#new-environment-error").getText();
            assertTrue(refusal.contains("already has an environment named 'Test'"), refusal);
            c.shootDialog("new-environment", "dialog-new-environment-refused");
            c.clickOn("#new-environment-cancel");

            c.clickOn("#new-remote-environment");
            c.idle();
            ComboBox<Space> owner = c.node("#new-remote-environment-space");
            assertEquals(List.of("Prod Space", "QA Space"), owner.getItems().stream().map(Space::name).sorted().toList(), "every other space");
            c.clickOn(owner).clickOn("Prod Space  (remote)");
            c.clickOn("#new-remote-environment-name").write("Production");
            assertEquals("Shown as 'Prod Space: Production'.", c.<Label>node("#new-remote-environment-preview").getText());
            c.shootDialog("new-remote-environment", "dialog-new-remote-environment");
            c.clickOn("#new-remote-environment-ok");
            c.idle();
            assertEquals(List.of("Development", "Test"),
                    c.<TableView<Environment>>node("#environments-table").getItems().stream().map(Environment::name).toList());
            assertEquals(List.of("Prod Space: Production"), c.<TableView<RemoteEnvironment>>node("#remote-environments-table").getItems()
                    .stream().map(RemoteEnvironment::displayName).toList());
            assertEquals("Added remote environment 'Prod Space: Production' to 'DevTest Space'.", c.<Label>node("#environments-message").getText());
            c.shoot("environments");

            c.open("nav-lifecycles");
            assertEquals("New lifecycle", c.<Label>node("#lifecycle-editor-title").getText());
            c.clickOn("#lifecycle-name").write("Test then Prod");
            c.clickOn(member(c, "phase-env", "Development"));
            c.clickOn("#phase-add");
            c.write("Test");
            c.clickOn(member(c, "phase-env", "Test"));
            assertEquals(List.of("Development", "Test"), phases(c));
            assertTrue(c.node("#lifecycle-unsaved").isVisible());
            c.clickOn("#lifecycle-save");
            c.idle();
            assertEquals("Created lifecycle 'Test then Prod' of 'DevTest Space'. It is the space's default lifecycle.",
                    c.<Label>node("#lifecycles-message").getText());
            assertEquals(List.of("Test then Prod"), c.<TableView<Lifecycle>>node("#lifecycles-table").getItems().stream().map(Lifecycle::name).toList());
            assertFalse(c.node("#lifecycle-unsaved").isVisible());

            c.console().context().projects().create(DEV, new ProjectDraft("Web Shop", "", "Test then Prod", List.of(), List.of(), List.of(), List.of()));
            c.open("nav-pipeline");
            LifecycleGraphView graph = c.node("#lifecycle-graph");
            GraphLayout before = graph.layoutProperty().get();
            assertNotNull(before);
            assertEquals("Web Shop", c.<ComboBox<String>>node("#pipeline-project").getValue());
            assertEquals(1, count(c, ".graph-group"));
            assertEquals(0, count(c, ".graph-remote-group"));
            assertEquals(0, count(c, ".graph-edge.graph-promotion"));
            c.shoot("pipeline-one-space");

            c.open("nav-lifecycles");
            c.clickOn(phaseCell(c, 2)); // Test: a new phase goes after it
            c.clickOn("#phase-add");
            c.write("Production");
            c.clickOn(member(c, "phase-target", "Prod Space"));
            c.clickOn(member(c, "phase-remote", "Prod Space: Production"));
            assertEquals(List.of("Development", "Test", "Production"), phases(c));
            c.clickOn(phaseCell(c, 3));
            c.press(KeyCode.ALT, KeyCode.UP).release(KeyCode.UP, KeyCode.ALT);
            assertEquals(List.of("Development", "Production", "Test"), phases(c), "Alt+Up moves the selected phase earlier");
            c.press(KeyCode.ALT, KeyCode.DOWN).release(KeyCode.DOWN, KeyCode.ALT);
            assertEquals(List.of("Development", "Test", "Production"), phases(c), "Alt+Down moves it back");
            c.clickOn("#phase-up");
            assertEquals(List.of("Development", "Production", "Test"), phases(c), "and so does Move up");
            c.clickOn("#phase-down");
            assertTrue(c.<Button>node("#phase-down").isDisabled(), "the last phase cannot move later");
            c.shoot("lifecycles-editing");

            c.clickOn("#new-lifecycle");
            c.idle();
            assertTrue(c.<Label>node("#discard-changes-question").getText().startsWith("Lifecycle 'Test then Prod' has changes that are not saved."));
            c.shootDialog("discard-changes", "dialog-discard-changes");
            c.clickOn("Keep editing");
            assertEquals(List.of("Development", "Test", "Production"), phases(c), "keeping goes on editing");
            c.press(KeyCode.CONTROL, KeyCode.S).release(KeyCode.S, KeyCode.CONTROL);
            c.idle();
            assertEquals("Saved lifecycle 'Test then Prod' of 'DevTest Space'. It is the space's default lifecycle.",
                    c.<Label>node("#lifecycles-message").getText());
            c.shoot("lifecycles");

            // Scrolled out of sight by the phase's members (two rows of them since templates, decision 0057): focused, then typed into.
            c.interact(() -> c.<javafx.scene.control.TextField>node("#lifecycle-description").requestFocus());
            c.write("Test here, produce there");
            ComboBox<String> picker = c.node("#current-space");
            c.interact(() -> picker.setValue("QA Space")); // as picking it from the list does
            c.idle();
            assertTrue(c.node("#discard-changes-question").isVisible(), "switching spaces asks first");
            c.clickOn("Keep editing");
            c.idle();
            assertEquals(DEV, picker.getValue(), "kept: still the same space");
            assertEquals("Test here, produce there", c.<javafx.scene.control.TextField>node("#lifecycle-description").getText());
            c.clickOn("#lifecycle-save");
            c.idle();

            c.open("nav-pipeline");
            GraphLayout after = graph.layoutProperty().get();
            assertFalse(before.equals(after), "drawn again");
            assertEquals(1, count(c, ".graph-group"));
            assertEquals(1, count(c, ".graph-remote-group"), "Prod Space joins the picture");
            assertEquals(1, count(c, ".graph-edge.graph-promotion"));
            assertEquals(1, count(c, ".graph-edge.graph-promotion.unknown"), "a remote space's trust cannot be checked from here");
            assertEquals(1, after.lines().stream().filter(l -> l.kind() == EdgeKind.PROMOTION).count());
            c.shoot("pipeline-with-promotion");

            c.open("nav-environments");
            c.clickOn("Test");
            c.clickOn("#delete-environment");
            c.clickOn("#delete-environment-ok");
            c.idle();
            String inUse = c.<Label>node("#delete-environment-error").getText();
            assertTrue(inUse.contains("while lifecycle 'Test then Prod' refers to it"), inUse);
            c.shootDialog("delete-environment", "dialog-delete-environment-refused");
            c.clickOn("#delete-environment-cancel");
        }
    }

    /**
     * Environment templates on the screens (decision 0057): a template made on the Environments screen (a bad name expression
     * said as typed), put in a lifecycle phase, an instance there once a release reaches the phase, de-provisioned by hand.
     */
    @Test
    void aTemplateInAPhaseGetsAnInstanceWhenAReleaseReachesIt() throws Exception {
        StoreLocation location = TestStores.location(tmp, "templates");
        try (AppContext ctx = AppContext.open(location)) {
            ctx.spaces().create(DEV, "", KeyAlgorithm.EC_P256);
            ctx.environments().create(DEV, "Development", "");
            ctx.environments().create(DEV, "Test", "");
        }
        try (ConsoleDriver c = new ConsoleDriver(location)) {
            c.open("nav-environments");
            assertTrue(c.<Label>node("#templates-empty").getText().startsWith("No environment templates yet."));
            c.clickOn("#new-template");
            c.clickOn("#new-template-name").write("Feature");
            javafx.scene.control.TextField expression = c.node("#new-template-expression");
            c.interact(expression::clear);
            c.clickOn(expression).write("#{Release.Numbr}");
            assertEquals("The name expression '#{Release.Numbr}' uses #{Release.Numbr}, which is not a name it knows; it knows Release.Number,"
                    + " Release.Channel, Project.Name, Template.Name, Space.Name (the template has no parameters).",
                    c.<Label>node("#new-template-problem").getText());
            assertTrue(c.<Button>node("#new-template-ok").isDisabled(), "nothing to create while the expression is wrong");
            c.interact(expression::clear);
            c.clickOn(expression).write("#{Template.Name}-#{Release.Number}");
            c.clickOn("#new-template-provisioning").write("Stack up:Run a script");
            c.clickOn("#new-template-deprovisioning").write("Stack down:Run a script");
            c.shootDialog("new-template", "dialog-new-template");
            c.clickOn("#new-template-ok");
            c.idle();
            assertEquals("Created environment template 'Feature' in 'DevTest Space'.", c.<Label>node("#environments-message").getText());

            c.open("nav-lifecycles");
            c.clickOn("#lifecycle-name").write("Branches");
            c.clickOn(member(c, "phase-env", "Development"));
            c.clickOn("#phase-add");
            c.write("Review");
            c.clickOn(member(c, "phase-template", "Feature"));
            c.clickOn("#phase-add");
            c.write("Test");
            c.clickOn(member(c, "phase-env", "Test"));
            c.clickOn(phaseCell(c, 2));
            assertTrue(phaseCell(c, 2).toString().contains("Feature (template)"), "the phase's summary names the template");
            c.shoot("lifecycle-with-template");
            c.clickOn("#lifecycle-save");
            c.idle();
            assertEquals("Created lifecycle 'Branches' of 'DevTest Space'. It is the space's default lifecycle.", c.<Label>node("#lifecycles-message").getText());

            AppContext ctx = c.console().context();
            ctx.projects().create(DEV, new ProjectDraft("Web Shop", "", "Branches", List.of(), List.of(), List.of(), List.of()));
            ctx.releases().create(DEV, "Web Shop", "1.2.0", "", null, List.of());
            c.clickOn("#nav-releases"); // Deploy… on the Releases screen: the release reaches phase Review, and the message says so
            c.idle();
            c.interact(() -> c.<TableView<?>>node("#releases-table").getSelectionModel().select(0));
            c.clickOn("#deploy");
            c.idle();
            assertEquals("Development", c.<ComboBox<String>>node("#deploy-environment").getValue());
            c.clickOn("#deploy-ok");
            c.idle();
            assertEquals("Recorded: release 1.2.0 deployed to Development, succeeded; instance 'Feature-1.2.0' of template 'Feature' provisioned.",
                    c.<Label>node("#releases-message").getText());
            c.shoot("releases-deployed-instance-provisioned");

            c.open("nav-environments");
            TableView<Environment> environments = c.node("#environments-table");
            assertEquals(List.of("Development", "Test", "Feature-1.2.0"), environments.getItems().stream().map(Environment::name).toList());
            assertEquals("Feature", environments.getItems().get(2).templateName(), "marked with its template");
            TableView<odcm.model.environment.EnvironmentTemplate> templates = c.node("#templates-table");
            assertEquals(1, templates.getItems().size());
            c.shoot("environments-with-instance");

            c.open("nav-pipeline");
            assertEquals(1, count(c, ".graph-template"), "the template, drawn as such");
            assertEquals(1, count(c, ".graph-instance"), "and its live instance");
            assertTrue(c.node("#graph-template-legend").isVisible(), "the legend names the template's look and the instance's");
            c.shoot("pipeline-with-template");
            c.open("nav-environments");

            c.interact(() -> environments.getSelectionModel().select(2));
            c.clickOn("#deprovision-environment");
            c.clickOn("#deprovision-run-process");
            c.shootDialog("deprovision", "dialog-deprovision");
            c.clickOn("#deprovision-ok");
            c.idle();
            assertEquals("De-provisioned 'Feature-1.2.0' of template 'Feature'.", c.<Label>node("#environments-message").getText());
            assertEquals(List.of("Development", "Test"), environments.getItems().stream().map(Environment::name).toList());
            assertEquals("de-provisioned (by hand; process skipped)", ctx.templates().history(DEV, "Feature").get(0).words());

            // Edit… (issue 18): filled in as it is, a wrong expression said as typed, renamed to a long name; the phase keeps it.
            String longName = "Feature branches of the checkout team, reviewed by hand";
            c.interact(() -> {
                templates.getSelectionModel().select(0);
                templates.requestFocus();
            });
            c.press(KeyCode.ENTER).release(KeyCode.ENTER); // review L4: Enter on the template opens Edit…
            javafx.scene.control.TextField name = c.node("#edit-template-name");
            assertEquals("Feature", name.getText());
            assertEquals("Stack up:Run a script", c.<javafx.scene.control.TextArea>node("#edit-template-provisioning").getText());
            c.interact(name::clear);
            c.clickOn(name).write(longName);
            javafx.scene.control.TextField edited = c.node("#edit-template-expression");
            c.interact(edited::clear);
            c.clickOn(edited).write("#{Tester}");
            assertEquals("The name expression '#{Tester}' uses #{Tester}, which is not a name it knows; it knows Release.Number, Release.Channel,"
                    + " Project.Name, Template.Name, Space.Name (the template has no parameters).", c.<Label>node("#edit-template-problem").getText());
            assertTrue(c.<Button>node("#edit-template-ok").isDisabled());
            c.shootDialog("edit-template", "dialog-edit-template-error");
            c.interact(edited::clear);
            c.clickOn(edited).write("pr-#{Release.Number}");
            c.clickOn("#edit-template-ok");
            c.idle();
            assertEquals("Saved environment template '" + longName + "'.", c.<Label>node("#environments-message").getText());
            assertEquals(longName, templates.getItems().get(0).name());
            assertEquals(List.of("Branches"), ctx.lifecycles().list(DEV).stream().filter(l -> l.templates().size() == 1).map(Lifecycle::name).toList(),
                    "still in its phase");
            c.shoot("environments-template-edited");

            // New instance…: a field per parameter, defaults filled in, a sensitive one masked and never recorded.
            ctx.templates().create(DEV, odcm.model.environment.EnvironmentTemplate.draft("Desk", "", List.of(
                    odcm.model.environment.EnvironmentTemplate.parameter("Tester"), odcm.model.environment.EnvironmentTemplate.parameter("Token:sensitive"),
                    odcm.model.environment.EnvironmentTemplate.parameter("Region:select(eu|us)=eu"),
                    odcm.model.environment.EnvironmentTemplate.parameter("Fast:checkbox")), List.of(), List.of(), "desk-#{Tester}", null, true, 0));
            ctx.templates().create(DEV, odcm.model.environment.EnvironmentTemplate.draft("Spare", "", List.of(), List.of(), List.of(), "spare", null, true, 0));
            c.clickOn("#nav-lifecycles");
            c.open("nav-environments");
            assertEquals(List.of("Desk", longName, "Spare"), templates.getItems().stream().map(odcm.model.environment.EnvironmentTemplate::name).toList());
            c.interact(() -> templates.getSelectionModel().select(0));
            c.clickOn("#new-instance");
            assertEquals("eu", c.<ComboBox<String>>node("#new-instance-parameter-Region").getValue(), "its default filled in");
            assertTrue(c.node("#new-instance-parameter-Token") instanceof javafx.scene.control.PasswordField, "masked");
            c.clickOn("#new-instance-parameter-Token").write("s3cret");
            assertEquals("Parameter 'Tester' of template 'Desk' needs a value.", c.<Label>node("#new-instance-problem").getText());
            assertTrue(c.<Button>node("#new-instance-ok").isDisabled());
            c.shootDialog("new-instance", "dialog-new-instance");
            c.clickOn("#new-instance-parameter-Tester").write("ann");
            c.clickOn("#new-instance-ok");
            c.idle();
            assertEquals("Provisioned 'desk-ann' from template 'Desk' (recorded).", c.<Label>node("#environments-message").getText());
            assertEquals(java.util.Map.of("Tester", "ann", "Token", "********", "Region", "eu", "Fast", "false"), ctx.templates().history(DEV, "Desk").get(0).parameters(),
                    "review L2: a mandatory check box left unticked is false, as it shows");

            // Delete…: confirmed; refused (in the dialog, nothing deleted) for a template that had instances.
            deleteTemplate(c, templates, 0);
            assertTrue(c.<Label>node("#delete-template-error").getText().startsWith("Template 'Desk' has instances (desk-ann), so it can never be deleted"));
            c.shootDialog("delete-template", "dialog-delete-template-refused");
            c.clickOn("#delete-template-cancel");
            deleteTemplate(c, templates, 2);
            assertEquals("Deleted the environment template 'Spare' of 'DevTest Space'.", c.<Label>node("#environments-message").getText());
            assertEquals(2, templates.getItems().size());
        }
    }

    /**
     * A remote template on the screens (decision 0058): Prod Space's Feature offered in the phase editor's remote list, put in
     * a phase, and the instance Prod Space reported drawn on the Pipeline after it — the template dashed, its instance dotted.
     */
    @Test
    void aRemoteTemplateInAPhaseIsDrawnWithTheInstanceItsSpaceReported() throws Exception {
        StoreLocation location = TestStores.location(tmp, "remote-templates");
        try (AppContext ctx = AppContext.open(location)) {
            ctx.spaces().create(DEV, "", KeyAlgorithm.EC_P256);
            ctx.spaces().create(PROD, "", KeyAlgorithm.EC_P256);
            ctx.environments().create(DEV, "Development", "");
            ctx.trusts().add(DEV, PROD, odcm.model.trust.TrustKind.DEPLOYMENT_RECEIPTS);
            ctx.remoteTemplates().create(DEV, PROD, odcm.model.environment.EnvironmentTemplate.draft("Feature", "", List.of(), List.of(), List.of(),
                    "feature-#{Release.Number}", odcm.model.environment.EnvironmentTemplate.OnExisting.SKIP, true, 0));
        }
        try (ConsoleDriver c = new ConsoleDriver(location)) {
            c.open("nav-lifecycles");
            c.clickOn("#lifecycle-name").write("Branches");
            c.clickOn(member(c, "phase-env", "Development"));
            c.clickOn("#phase-add");
            c.write("Prod");
            c.clickOn(member(c, "phase-remote", PROD + ": Feature (template)"));
            c.clickOn("#lifecycle-save");
            c.idle();
            assertEquals("Created lifecycle 'Branches' of 'DevTest Space'. It is the space's default lifecycle.", c.<Label>node("#lifecycles-message").getText());

            AppContext ctx = c.console().context();
            ctx.projects().create(DEV, new ProjectDraft("Web Shop", "", "Branches", List.of(), List.of(), List.of(), List.of()));
            ctx.store().write(tx -> { // what a receipt from Prod Space says (the two-store test brings it in a real receipt)
                long dev = tx.spaces().findByName(DEV).orElseThrow().id();
                long prod = tx.spaces().findByName(PROD).orElseThrow().id();
                tx.receipts().replaceInstances(dev, prod, List.of(new odcm.persistence.receipt.ReceiptRepository.RemoteInstance(prod, "feature-1.2.0",
                        "Feature", true, ctx.spaces().now())), ctx.spaces().now());
                return null;
            });

            c.open("nav-pipeline");
            assertEquals(1, count(c, ".graph-template"), "the remote template, drawn as a template");
            assertEquals(1, count(c, ".graph-instance"), "and its one live instance, not the de-provisioned one");
            c.shoot("pipeline-with-remote-template");
        }
    }
}

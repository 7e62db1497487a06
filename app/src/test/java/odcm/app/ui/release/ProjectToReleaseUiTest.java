package odcm.app.ui.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import odcm.app.apply.Demo;
import odcm.model.project.DeploymentStep;
import odcm.model.project.Project;
import odcm.model.project.Variable;
import odcm.model.release.Release;
import org.junit.jupiter.api.Test;

/**
 * A release manager's path through the two screens: edit a demo project (a step added and moved, a variable
 * changed), save, create a release, and read the new release's frozen snapshot with the change in it and the
 * sensitive values masked. Snapshots of every screen and dialog go to target/screenshots.
 */
class ProjectToReleaseUiTest extends DemoScreensTest {
    static final String HASH = "0123456789abcdef".repeat(4);

    private void tab(String id) throws Exception {
        TabPane tabs = ui.node("#project-tabs");
        ScreensHarness.fx(() -> {
            tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> id.equals(t.getId())).findFirst().orElseThrow());
            return null;
        });
        ui.idle();
    }

    private void replaceText(String query, String text) {
        ui.doubleClickOn(query).push(KeyCode.CONTROL, KeyCode.A).write(text);
    }

    @Test
    void editAProjectReleaseItAndReadTheFrozenSnapshot() throws Exception {
        ui.show(ui.projects);
        TableView<Project> projects = ui.node("#projects-table");
        assertEquals(4, projects.getItems().size());
        ui.clickOn("#projects-filter").write("web");
        assertEquals(1, projects.getItems().size());
        ui.clickOn("Web Shop");
        ui.idle();
        assertEquals("Project 'Web Shop'", ui.<Label>node("#project-editor-title").getText());
        ui.shoot("projects-general");

        // Process: add a step after "Deploy Web Shop", then move it up before it with Alt+Up.
        tab("tab-process");
        ListView<?> steps = ui.node("#steps-list");
        ui.clickOn("2. Deploy Web Shop");
        ui.clickOn("#step-add");
        replaceText("#step-name", "Notify team");
        replaceText("#step-action", "Acme.Notify");
        ui.clickOn("#property-add");
        ui.write("Channel").type(KeyCode.ENTER);
        ui.clickOn("#step-scope-0"); // Development
        ui.clickOn("3. Notify team").press(KeyCode.ALT, KeyCode.UP).release(KeyCode.UP, KeyCode.ALT);
        ui.idle();
        assertEquals("Notify team", steps.getItems().get(1).toString());
        assertFalse(ui.<Button>node("#step-up").isDisabled());
        ui.shoot("projects-process");

        // Variables: change LogLevel; the sensitive DbPassword shows masked and takes a password field.
        tab("tab-variables");
        TableView<?> variables = ui.node("#variables-table");
        ui.clickOn("Information");
        replaceText("#variable-value", "Error");
        ui.clickOn("DbPassword");
        assertTrue(ui.<PasswordField>node("#variable-secret").isVisible());
        assertFalse(ui.<TextField>node("#variable-value").isVisible());
        assertEquals("", ui.<PasswordField>node("#variable-secret").getText(), "the stored secret is not in the field");
        assertTrue(ui.lookup(Variable.MASK).tryQuery().isPresent(), "the table shows the mask");
        assertTrue(ui.lookup("dev-secret-2").tryQuery().isEmpty(), "never the value");
        // Its eye shows what is typed there (only ever the person's own typing): no audit entry.
        int entries = ctx.audit().list(odcm.model.audit.AuditFilter.ALL).size();
        ui.clickOn("#variable-secret").write("typed-now");
        ui.clickOn("#variable-secret-show");
        assertTrue(ui.<TextField>node("#variable-secret-shown").isVisible());
        assertEquals("typed-now", ui.<TextField>node("#variable-secret-shown").getText());
        assertEquals(entries, ctx.audit().list(odcm.model.audit.AuditFilter.ALL).size());
        ui.shoot("projects-variables");
        ui.clickOn("#variable-secret-shown").push(KeyCode.CONTROL, KeyCode.A).push(KeyCode.BACK_SPACE);
        ui.clickOn("#variable-secret-show");
        assertFalse(ui.<TextField>node("#variable-secret-shown").isVisible());
        assertEquals("", ui.<PasswordField>node("#variable-secret").getText(), "cleared: the stored secret is kept");
        tab("tab-templates");
        ui.clickOn("Region");
        ui.shoot("projects-templates");
        tab("tab-channels");
        ui.shoot("projects-channels");

        ui.clickOn("#project-save");
        ui.idle();
        assertEquals("", ui.<Label>node("#project-error").getText());
        assertTrue(ui.<Label>node("#projects-message").getText().startsWith("Saved project 'Web Shop'"));
        assertEquals(List.of("Run database migrations", "Notify team", "Deploy Web Shop", "Smoke test production"),
                ctx.projects().find(Demo.DEVTEST, "Web Shop").process().stream().map(DeploymentStep::name).toList());

        // Delete is refused while releases exist, in the service's words, inside the dialog.
        ui.clickOn("#project-delete");
        ui.clickOn("#delete-project-ok");
        ui.idle();
        assertEquals("Cannot delete project 'Web Shop' of 'DevTest Space': it has 3 releases, which are frozen.",
                ui.<Label>node("#delete-project-error").getText());
        ui.shootDialog("delete-project", "dialog-delete-project-refused");
        ui.clickOn("#delete-project-cancel");
        ui.clickOn("#new-project");
        assertEquals("New project", ui.<Label>node("#project-editor-title").getText());
        assertEquals("Test then Prod", ui.<javafx.scene.control.ComboBox<String>>node("#project-lifecycle").getValue());
        List<String> shownLifecycle = ui.lookup("#project-lifecycle .list-cell").queryAll().stream()
                .map(c -> ((javafx.scene.control.ListCell<?>) c).getText()).filter(java.util.Objects::nonNull).toList();
        assertTrue(shownLifecycle.stream().anyMatch(t -> t.startsWith("Test then Prod — ") && t.contains(" → ")), "with its phases: " + shownLifecycle);
        ui.shoot("projects-new");
        ui.clickOn("#project-revert");

        // Releases: create 2.0.1 with the suggested version.
        ui.show(ui.releases);
        ui.clickOn("#release-project").clickOn("Web Shop");
        ui.idle();
        TableView<Release> releases = ui.node("#releases-table");
        assertEquals(List.of("2.0.0", "1.1.0", "1.0.0"), releases.getItems().stream().map(Release::version).toList());
        ui.shoot("releases");
        ui.clickOn("#new-release");
        ui.idle();
        assertEquals("2.0.1", ui.<TextField>node("#release-version").getText());
        assertTrue(ui.<Button>node("#create-release-ok").isDisabled(), "Create waits for the package versions");
        ui.clickOn("#package-version-0").write("2.0.1");
        ui.clickOn("#package-sha-0").write("12345");
        assertTrue(ui.<Label>node("#create-release-problem").getText().contains("64 hexadecimal digits"));
        ui.shootDialog("create-release", "dialog-create-release-invalid");
        replaceText("#package-sha-0", HASH);
        ui.clickOn("#package-version-1").write("2.0.1");
        ui.clickOn("#package-sha-1").write(HASH);
        ui.clickOn("#release-notes").write("Notifies the team after deploying.");
        assertFalse(ui.<Button>node("#create-release-ok").isDisabled());
        ui.shootDialog("create-release", "dialog-create-release");
        ui.clickOn("#create-release-ok");
        ui.idle();

        assertEquals("2.0.1", releases.getItems().get(0).version());
        assertEquals("2.0.1", releases.getSelectionModel().getSelectedItem().version());
        assertEquals("Release 2.0.1 of 'Web Shop'", ui.<Label>node("#snapshot-title").getText());
        ListView<DeploymentStep> frozenSteps = ui.node("#snapshot-process");
        assertEquals(4, frozenSteps.getItems().size());
        ScreensHarness.fx(() -> { // the steps are a virtualised list: the second is shown once scrolled to, as a user would
            frozenSteps.scrollTo(1);
            return null;
        });
        ui.idle();
        assertEquals("2. Notify team", ui.<Label>node("#snapshot-step-1").getText());
        assertEquals("Development", ui.<Label>node("#snapshot-step-1-scope").getText());
        ui.shoot("releases-snapshot-process");
        ui.clickOn("Variables (6)"); // LogLevel twice, DbPassword, ApiKey, and the mandatory DbConnection and Host
        ui.idle();
        TableView<Variable> snapshotVariables = ui.node("#snapshot-variables");
        Variable db = snapshotVariables.getItems().stream().filter(v -> v.name().equals("DbPassword")).findFirst().orElseThrow();
        assertEquals(Variable.MASK, db.shownValue());
        assertTrue(ui.lookup("#snapshot-variables").lookup(Variable.MASK).tryQuery().isPresent());
        assertTrue(ui.lookup("dev-secret-2").tryQuery().isEmpty(), "the sensitive value is never shown");
        assertTrue(snapshotVariables.getItems().stream().anyMatch(v -> v.name().equals("LogLevel") && v.value().equals("Error")));
        Node snapshot = ui.node("#release-snapshot");
        assertTrue(ui.from(snapshot).lookup(".text-input").tryQuery().isEmpty(), "the snapshot has no editable field");
        ui.shoot("releases-snapshot-variables");
        ui.clickOn("Packages (2)");
        ui.shoot("releases-snapshot-packages");
    }
}

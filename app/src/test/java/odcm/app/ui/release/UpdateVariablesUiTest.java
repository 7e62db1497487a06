package odcm.app.ui.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import odcm.app.apply.Demo;
import odcm.model.project.Project;
import odcm.model.project.ProjectDraft;
import odcm.model.project.Variable;
import odcm.model.release.Release;
import org.junit.jupiter.api.Test;

/**
 * "Update variables…" on the Releases screen (issue 15 point 5): the confirmation lists what changes (sensitive values masked),
 * making the revision names it in the Version column, and asking again when nothing changed is refused in the message line.
 */
class UpdateVariablesUiTest extends DemoScreensTest {

    @Test
    void theConfirmationListsTheChangesAndTheListNamesTheNewRevision() throws Exception {
        Project p = ctx.projects().find(Demo.DEVTEST, "Payments");
        List<Variable> vars = new ArrayList<>(p.variables());
        int plain = java.util.stream.IntStream.range(0, vars.size()).filter(i -> !vars.get(i).sensitive()).findFirst().orElseThrow();
        Variable was = vars.get(plain);
        vars.set(plain, new Variable(was.name(), "changed-for-revision", false, was.scope()));
        ctx.projects().update(Demo.DEVTEST, "Payments", new ProjectDraft(p.name(), p.description(), ctx.lifecycles().list(Demo.DEVTEST).stream()
                .filter(l -> l.id() == p.lifecycleId()).findFirst().orElseThrow().name(), p.process(), vars, p.templates(), p.channels()));

        ui.show(ui.releases);
        ComboBox<String> project = ui.node("#release-project");
        ScreensHarness.fx(() -> {
            project.setValue("Payments");
            return null;
        });
        ui.idle();
        TableView<Release> releases = ui.node("#releases-table");
        ScreensHarness.fx(() -> {
            releases.getSelectionModel().select(0);
            return null;
        });
        ui.idle();
        String version = releases.getItems().get(0).version();
        assertFalse(ui.node("#update-variables").isDisabled());
        ui.clickOn("#update-variables");
        ui.idle();
        String question = ((Label) ui.node("#update-variables-question")).getText();
        assertTrue(question.startsWith("Make revision 2 of release " + version + " of 'Payments' with the project's current variables?"), question);
        assertTrue(question.contains("~ " + was.name() + " (" + was.scope() + "): " + was.value() + " → changed-for-revision"), question);
        ui.shootDialog("update-variables", "releases-update-variables-dialog");
        ui.clickOn("#update-variables-ok");
        ui.idle();
        assertEquals(2, ctx.releases().revision(Demo.DEVTEST, "Payments", version));
        assertTrue(((Label) ui.node("#releases-message")).getText().startsWith("Release " + version + " of 'Payments' is now revision 2 ("),
                ((Label) ui.node("#releases-message")).getText());
        assertTrue(ui.lookup(n -> n instanceof TableCell<?, ?> c && (version + " (revision 2)").equals(c.getText())).tryQuery().isPresent(),
                "the Version column names the revision");
        ui.shoot("releases-revision-2");

        ScreensHarness.fx(() -> {
            releases.getSelectionModel().select(0);
            return null;
        });
        ui.idle();
        ui.clickOn("#update-variables");
        ui.idle();
        assertEquals("Release " + version + " of Payments already has the project's current variables; nothing to update.",
                ((Label) ui.node("#releases-message")).getText());
        assertTrue(ui.lookup("#update-variables-dialog").tryQuery().isEmpty(), "no confirmation when nothing would change");
    }
}

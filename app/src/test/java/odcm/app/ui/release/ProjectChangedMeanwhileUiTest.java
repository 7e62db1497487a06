package odcm.app.ui.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import odcm.app.apply.Demo;
import odcm.app.service.AppContext;
import odcm.model.project.Project;
import odcm.model.project.ProjectDraft;
import org.junit.jupiter.api.Test;

/**
 * Optimistic versions on the screen (decision 0036): the project editor holds the version it loaded; when another
 * console saved the project meanwhile, Save is refused with the sentence shown in the editor, the typed edits stay, and
 * Revert reads the project again, after which a save goes through.
 */
class ProjectChangedMeanwhileUiTest extends DemoScreensTest {
    private void typeDescription(String text) {
        ui.clickOn("#project-description").push(KeyCode.CONTROL, KeyCode.A).write(text);
    }

    @Test
    void aSaveFromAProjectChangedMeanwhileIsRefusedInTheEditorAndRevertReadsItAgain() throws Exception {
        ui.show(ui.projects);
        ui.clickOn("Web Shop");
        ui.idle();
        assertEquals("Project 'Web Shop'", ui.<Label>node("#project-editor-title").getText());

        // Another console on the same store (Bob's) saves the project while it is open here.
        AppContext bob = new AppContext(ctx.store());
        Project p = bob.projects().find(Demo.DEVTEST, "Web Shop");
        bob.projects().update(Demo.DEVTEST, "Web Shop", new ProjectDraft(p.name(), "Bob's words", p.lifecycleName(), p.process(), p.variables(),
                p.templates(), p.channels()), p.seen());
        int entries = ctx.audit().list(null).size();

        typeDescription("Alice's words");
        ui.clickOn("#project-save");
        ui.idle();
        String shown = ui.<Label>node("#project-error").getText();
        assertTrue(Pattern.matches(Pattern.quote("Project 'Web Shop' of 'DevTest Space' was changed by someone else since you opened it ("
                + ctx.store().person().name() + ", ") + "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d" + Pattern.quote(": project.update); reload it and try again."),
                shown), shown);
        assertEquals("Alice's words", ui.<TextArea>node("#project-description").getText(), "the edits are not lost");
        assertEquals("Bob's words", ctx.projects().find(Demo.DEVTEST, "Web Shop").description(), "Bob's save is kept");
        assertEquals(entries, ctx.audit().list(null).size(), "no audit entry for the refused save");
        ui.shoot("project-changed-meanwhile");

        ui.clickOn("#project-revert");
        ui.idle();
        assertEquals("Bob's words", ui.<TextArea>node("#project-description").getText(), "Revert reads the project again");
        assertEquals("", ui.<Label>node("#project-error").getText());
        typeDescription("Alice's words");
        ui.clickOn("#project-save");
        ui.idle();
        assertEquals("", ui.<Label>node("#project-error").getText());
        assertEquals("Alice's words", ctx.projects().find(Demo.DEVTEST, "Web Shop").description());
    }
}

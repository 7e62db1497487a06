package odcm.app.ui.common;

import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.control.Label;
import javafx.stage.Window;
import odcm.app.ui.task.TaskRunner;

/** "Delete 'X'?" with the action (a service call) run in the background; a refusal stays in the dialog, in its words. */
public final class ConfirmDialog {
    private ConfirmDialog() {
    }

    public static FormDialog create(Window owner, TaskRunner runner, String id, String title, String question, String okText,
                                    String what, Runnable action, Runnable onDone) {
        FormState state = new FormState(runner);
        Label text = new Label(question);
        text.setId(id + "-question");
        text.setWrapText(true);
        text.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        return new FormDialog(owner, id, title, okText, text, new SimpleBooleanProperty(false), state,
                close -> state.submit(what, () -> {
                    action.run();
                    return null;
                }, r -> {
                    close.run();
                    onDone.run();
                }));
    }
}

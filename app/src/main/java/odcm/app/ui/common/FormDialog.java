package odcm.app.ui.common;

import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar.ButtonData;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.DialogPane;
import javafx.scene.Parent;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * A dialog whose OK runs an action in the background and stays open when the action is refused,
 * showing the refusal's sentence inline. Enter presses OK (the default button; also from the last field, whatever it is),
 * Escape cancels.
 */
public final class FormDialog {
    private final Dialog<ButtonType> dialog = new Dialog<>();
    private final ButtonType okType;
    private final Label error = new Label();

    /**
     * @param submit called when OK is pressed; gets the action that closes the dialog, to call on success
     */
    public FormDialog(Window owner, String id, String title, String okText, Node content, ObservableBooleanValue okDisabled,
                      FormState state, Consumer<Runnable> submit) {
        dialog.initOwner(owner);
        dialog.setTitle(title);
        dialog.setResizable(true);
        okType = new ButtonType(okText, ButtonData.OK_DONE);
        DialogPane pane = dialog.getDialogPane();
        pane.setId(id + "-dialog"); // the button that opens it often has the plain id
        pane.getStylesheets().add(Css.stylesheet());
        pane.getButtonTypes().setAll(okType, ButtonType.CANCEL);

        error.setId(id + "-error");
        error.getStyleClass().add(Css.ERROR);
        error.setWrapText(true);
        error.textProperty().bind(state.errorProperty());
        error.visibleProperty().bind(state.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        error.setMaxWidth(Double.MAX_VALUE);
        error.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        // A refusal or a preview appearing makes the content taller: grow the window with it, or the
        // fields below move out of sight.
        state.errorProperty().addListener((o, was, now) -> fit());
        VBox body = new VBox(12, content, error);
        body.getStyleClass().add(Css.FORM);
        pane.setContent(body);
        pane.setPrefWidth(560);
        pane.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // the window never squeezes the form

        Button ok = (Button) pane.lookupButton(okType);
        ok.setId(id + "-ok");
        ok.disableProperty().bind(Bindings.createBooleanBinding(() -> okDisabled.get() || state.submittingProperty().get(),
                okDisabled, state.submittingProperty()));
        Button cancel = (Button) pane.lookupButton(ButtonType.CANCEL);
        cancel.setId(id + "-cancel");
        // Consume OK so the dialog stays open; it closes only when the action succeeded.
        ok.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            submit.accept(this::closeWithOk);
        });
        pane.addEventFilter(KeyEvent.KEY_PRESSED, e -> enter(e, ok));
    }

    /**
     * Enter in the form's last field presses OK, whatever the field: a text area (where Shift+Enter makes a new line
     * instead), a list to choose from (unless its list is open), a check box. Elsewhere Enter keeps its meaning (a text
     * field's Enter presses OK already; a text area's makes a new line); Ctrl+Enter presses OK from any field
     * (decision 0053).
     */
    private void enter(KeyEvent e, Button ok) {
        if (e.getCode() != KeyCode.ENTER || e.isAltDown() || dialog.getDialogPane().getScene() == null) {
            return;
        }
        Node focused = dialog.getDialogPane().getScene().getFocusOwner();
        Node last = lastField(dialog.getDialogPane().getContent());
        boolean inLast = last != null && within(focused, last);
        if (!e.isShortcutDown() && !inLast || within(focused, ok.getParent()) || focused instanceof ComboBoxBase<?> c && c.isShowing()) {
            return;
        }
        e.consume();
        if (e.isShiftDown() && focused instanceof TextArea area) {
            area.replaceSelection("\n");
        } else if (!ok.isDisabled()) {
            ok.fire();
        }
    }

    /** The last field one can type in or choose with, in the order Tab walks them: shown, enabled, editable. */
    static Node lastField(Node content) {
        Node last = null;
        if (content == null || !content.isVisible() || content.isDisabled()) {
            return null;
        }
        if (content instanceof TextInputControl t ? t.isEditable() : content instanceof ComboBoxBase<?>
                || content instanceof CheckBox || content instanceof RadioButton || content instanceof Spinner<?>) {
            return content; // its parts (a combo box's editor) are not fields of their own
        }
        if (content instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                Node found = lastField(child);
                if (found != null) {
                    last = found;
                }
            }
        }
        return last;
    }

    private static boolean within(Node node, Node ancestor) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (n == ancestor) {
                return true;
            }
        }
        return false;
    }

    private void closeWithOk() {
        dialog.setResult(okType);
        dialog.close();
    }

    /**
     * Resizes the dialog window to its content, after the next layout pass, and moves it up if it grew past the
     * bottom of the screen: its buttons must stay in reach.
     */
    public void fit() {
        javafx.application.Platform.runLater(() -> {
            if (dialog.getDialogPane().getScene() != null && dialog.getDialogPane().getScene().getWindow() != null) {
                javafx.stage.Window w = dialog.getDialogPane().getScene().getWindow();
                w.sizeToScene();
                javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getScreensForRectangle(w.getX(), w.getY(), w.getWidth(), w.getHeight())
                        .stream().findFirst().orElse(javafx.stage.Screen.getPrimary()).getVisualBounds();
                if (w.getY() + w.getHeight() > screen.getMaxY()) {
                    w.setY(Math.max(screen.getMinY(), screen.getMaxY() - w.getHeight()));
                }
            }
        });
    }

    public DialogPane pane() {
        return dialog.getDialogPane();
    }

    public Dialog<ButtonType> dialog() {
        return dialog;
    }

    /** Not showAndWait: nothing waits on a nested event loop, the action's callback does the rest. */
    public void show() {
        dialog.show();
    }
}

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
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * A dialog whose OK runs an action in the background and stays open when the action is refused,
 * showing the refusal's sentence inline. Enter presses OK (the default button), Escape cancels.
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

package odcm.app.ui.common;

import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import odcm.app.ui.task.TaskProgress;

/**
 * A long action under way (decision 0052): what it does now, how far it is, and Cancel — which asks the work to stop at
 * its next unit, after which nothing it did remains. Shown while a view model's {@code running} holds a progress.
 */
public final class ProgressDialog {
    private ProgressDialog() {
    }

    /** How long work runs before its dialog shows: most imports and exports are done sooner, and a flash would only distract. */
    static final javafx.util.Duration SHOWS_AFTER = javafx.util.Duration.millis(300);

    /**
     * Opens the dialog once {@code running} has held a progress for {@link #SHOWS_AFTER}, over {@code owner}'s window;
     * closes it when cleared.
     */
    public static void follow(ReadOnlyObjectProperty<TaskProgress> running, Supplier<Window> owner, String title) {
        Stage[] open = new Stage[1];
        javafx.animation.PauseTransition wait = new javafx.animation.PauseTransition(SHOWS_AFTER);
        running.addListener((o, was, now) -> {
            wait.stop();
            if (open[0] != null) {
                open[0].close();
                open[0] = null;
            }
            if (now != null) {
                wait.setOnFinished(e -> {
                    Window w = owner.get();
                    if (running.get() == now && w != null && w.isShowing()) {
                        open[0] = stage(w, title, now);
                        open[0].show();
                    }
                });
                wait.playFromStart();
            }
        });
    }

    static Stage stage(Window owner, String title, TaskProgress p) {
        Label sentence = new Label();
        sentence.setId("progress-sentence");
        sentence.setWrapText(true);
        sentence.setPrefWidth(380);
        sentence.textProperty().bind(p.sentenceProperty().map(s -> s.isEmpty() ? title + "…" : s));
        ProgressBar bar = new ProgressBar();
        bar.setId("progress-bar");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(p.fractionProperty());
        Button cancel = new Button("Cancel");
        cancel.setId("progress-cancel");
        cancel.setCancelButton(true);
        cancel.disableProperty().bind(p.cancellingProperty());
        cancel.setOnAction(e -> p.cancel());
        HBox buttons = new HBox(cancel);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        VBox body = new VBox(12, sentence, bar, buttons);
        body.setId("progress-dialog");
        body.setPadding(new Insets(16));
        body.getStyleClass().add(Css.FORM);
        Scene scene = new Scene(body);
        scene.getStylesheets().setAll(owner.getScene() == null ? java.util.List.of(Css.stylesheet()) : owner.getScene().getStylesheets());
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle(title);
        stage.setScene(scene);
        stage.setResizable(false);
        stage.setOnCloseRequest(e -> {
            e.consume(); // closing the window is Cancel: it goes when the work has stopped
            p.cancel();
        });
        return stage;
    }
}

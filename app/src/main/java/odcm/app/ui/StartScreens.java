package odcm.app.ui;

import java.nio.file.Path;
import java.util.Optional;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.VBox;
import odcm.app.ui.common.Css;
import odcm.persistence.keys.MasterKeyState;

/** What is shown around opening a store: the wait, the refusal, and the missing-key warning. */
final class StartScreens {
    private StartScreens() {
    }

    private static final double PROGRESS_SIZE = 40;

    static Parent opening(String store) {
        // Turning only once the wait is long enough to notice: drawn all the time, the animation took CPU from the
        // store's opening and the main window's making on 2 cores (decision 0032). Until then an empty region of its size
        // holds its place: the indicator's skin (its segments, their styles, its animation) is made only if it turns,
        // not in the first window's longest moment (decision 0032, 2026-12-05 evening).
        javafx.scene.layout.Region place = new javafx.scene.layout.Region();
        place.setPrefSize(PROGRESS_SIZE, PROGRESS_SIZE);
        place.setMinSize(PROGRESS_SIZE, PROGRESS_SIZE);
        Label text = new Label("Opening store " + store + "…");
        text.setId("opening-store");
        VBox box = new VBox(16, place, text);
        javafx.animation.PauseTransition later = new javafx.animation.PauseTransition(javafx.util.Duration.seconds(1));
        later.setOnFinished(e -> {
            ProgressIndicator progress = new ProgressIndicator();
            progress.setId("opening-progress");
            progress.setPrefSize(PROGRESS_SIZE, PROGRESS_SIZE);
            box.getChildren().set(0, progress);
        });
        later.play();
        // Nothing to make once the window shows the console instead (its scene leaves the window).
        box.sceneProperty().addListener((o, was, scene) -> {
            if (scene != null) {
                scene.windowProperty().addListener((w, had, now) -> {
                    if (had != null && now == null) {
                        later.stop();
                    }
                });
            }
        });
        box.setAlignment(Pos.CENTER);
        box.getStyleClass().add(Css.CENTER_MESSAGE);
        return box;
    }

    /** In a screen's place while it is made for its first showing (decision 0033): a line, nothing to lay out. */
    static Parent making(String line) {
        Label text = new Label(line);
        text.setWrapText(true);
        text.setId("screen-opening");
        VBox box = new VBox(text);
        box.setAlignment(Pos.CENTER);
        box.getStyleClass().add(Css.CENTER_MESSAGE);
        return box;
    }

    /** The store could not be opened: say so in the store's own sentence; OK exits. */
    static Parent refused(String store, String sentence, Runnable exit) {
        Label title = new Label("The console cannot open the store " + store + ".");
        title.setId("store-refused-title");
        title.getStyleClass().add(Css.SECTION_TITLE);
        title.setWrapText(true);
        Label why = new Label(sentence);
        why.setId("store-refused");
        why.getStyleClass().add(Css.ERROR);
        why.setWrapText(true);
        Label nothing = new Label("Nothing in the store was changed.");
        nothing.getStyleClass().add(Css.HINT);
        Button ok = new Button("OK");
        ok.setId("store-refused-ok");
        ok.setDefaultButton(true);
        ok.setOnAction(e -> exit.run());
        VBox box = new VBox(14, title, why, nothing, ok);
        box.setMaxWidth(640);
        box.setAlignment(Pos.CENTER_LEFT);
        box.getStyleClass().add(Css.CENTER_MESSAGE);
        VBox outer = new VBox(box);
        outer.setAlignment(Pos.CENTER);
        return outer;
    }

    /** A persistent banner when the master key is missing or wrong; empty when it is present. */
    static Optional<Node> keyWarning(MasterKeyState state, Path keyFile) {
        if (state == MasterKeyState.PRESENT) {
            return Optional.empty();
        }
        String what = state == MasterKeyState.MISSING
                ? "The master key file of this store is missing"
                : "The master key file in the key folder is not this store's key";
        return Optional.of(banner("key-warning", what + " (expected " + keyFile + ")." + odcm.persistence.Store.KEY_CONSEQUENCE));
    }

    /** The store ends before its audit head (an older copy, a lost commit): said above every screen; changes are refused. */
    static Optional<Node> auditWarning(Optional<String> sentence) {
        return sentence.<Node>map(s -> banner("audit-warning", s + " No change can be made until the newer store is put back or the"
                + " rollback is accepted (odcm audit accept-rollback)."));
    }

    /** A line above the screens, like a warning, that the person closes when read (a file the console could not show). */
    static Node dismissable(String id, String sentence, java.util.function.Consumer<Node> remove) {
        Label text = banner(id, sentence);
        javafx.scene.control.Button close = new javafx.scene.control.Button("Dismiss");
        close.setId(id + "-dismiss");
        javafx.scene.layout.HBox line = new javafx.scene.layout.HBox(8, text, close);
        line.setAlignment(Pos.CENTER_LEFT);
        javafx.scene.layout.HBox.setHgrow(text, javafx.scene.layout.Priority.ALWAYS);
        close.setOnAction(e -> remove.accept(line));
        return line;
    }

    private static Label banner(String id, String sentence) {
        Label text = new Label(sentence);
        text.setId(id);
        text.setWrapText(true);
        text.getStyleClass().add(Css.BANNER);
        text.setMaxWidth(Double.MAX_VALUE);
        return text;
    }
}

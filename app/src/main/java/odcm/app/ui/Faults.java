package odcm.app.ui;

import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import odcm.app.io.ErrorLog;

/**
 * A fault no code caught, on any thread of the console (the FX thread, the worker, the Inbox's watcher): logged with its
 * causes, and the one sentence shown in a dialog — one at a time, however many follow while it is open.
 */
final class Faults {
    private static Alert open;

    private Faults() {
    }

    /** For every thread of this process, the FX thread included (JavaFX hands its handlers' faults to it). */
    static void install() {
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            String sentence = ErrorLog.unexpected(e);
            System.err.println("odcm: " + sentence);
            if (Platform.isFxApplicationThread()) {
                show(sentence);
            } else {
                Platform.runLater(() -> show(sentence));
            }
        });
    }

    static void show(String sentence) {
        if (open != null && open.isShowing()) {
            return; // already saying so: the log has this one too
        }
        open = new Alert(Alert.AlertType.ERROR, sentence, ButtonType.OK);
        open.setTitle("Unexpected error");
        open.setHeaderText(null);
        open.getDialogPane().setId("fault-dialog");
        open.show();
    }
}

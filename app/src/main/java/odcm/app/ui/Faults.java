package odcm.app.ui;

import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import odcm.app.io.ErrorLog;

/**
 * A fault no code caught, on any thread of the console (the FX thread, the worker, the Inbox's watcher): logged with its
 * causes, and the one sentence shown in a dialog — one at a time, however many follow while it is open. A fault of the FX
 * thread is written to the log by a thread of its own, the dialog shown after: the FX thread never waits on the disk.
 */
final class Faults {
    private static Alert open;
    /** Writes the FX thread's faults to the log; a daemon, so a console closing never waits for it. */
    private static final Executor LOGGER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "odcm-fault-log");
        t.setDaemon(true);
        return t;
    });

    private Faults() {
    }

    /** For every thread of this process, the FX thread included (JavaFX hands its handlers' faults to it). */
    static void install() {
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            if (Platform.isFxApplicationThread()) {
                LOGGER.execute(() -> said(e));
            } else {
                said(e);
            }
        });
    }

    /** Logged, the sentence on stderr, then in the dialog (on the FX thread). */
    private static void said(Throwable e) {
        String sentence = ErrorLog.unexpected(e);
        System.err.println("odcm: " + sentence);
        Platform.runLater(() -> show(sentence));
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

package odcm.app.ui;

import java.nio.file.Path;
import java.util.Map;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import odcm.app.ui.common.FxFilePicker;
import odcm.app.ui.task.FxTaskRunner;
import odcm.persistence.ServerAddress;
import odcm.persistence.StoreLocation;

/** The JavaFX application: one console window on one store. */
public final class ConsoleApp extends Application {
    private static final String STORE = "store";
    private static final String KEYS = "keys";
    private static final String SERVER = "server";
    private static final String FILE = "file";
    private Console console;
    /** Where the window was, read by {@link ConsoleLauncher} before JavaFX starts (never on the FX thread). */
    static volatile Remembered remembered;

    record Remembered(Path folder, WindowPlace place) {
    }

    static String[] arguments(StoreLocation location, Path file) {
        java.util.List<String> named = new java.util.ArrayList<>(java.util.List.of("--" + STORE + "=" + location.storeDir(),
                "--" + KEYS + "=" + location.keyDir()));
        if (location.onServer()) {
            named.add("--" + SERVER + "=" + location.server()); // an address holds no password
        }
        if (file != null) {
            named.add("--" + FILE + "=" + file);
        }
        return named.toArray(String[]::new);
    }

    /** On JavaFX's launcher thread, before {@link #start}: what the first window needs that need not be on the FX thread. */
    @Override
    public void init() {
        try {
            Console.loadFonts();
        } catch (RuntimeException e) {
            // the FX thread loads them when the first window needs them, as it did before, and says what fails there
            java.util.logging.Logger.getLogger("odcm.app").log(java.util.logging.Level.WARNING,
                    "JavaFX's fonts could not be loaded before the first window; the FX thread loads them then", e);
        }
    }

    @Override
    public void start(Stage stage) {
        Faults.install();
        Map<String, String> named = getParameters().getNamed();
        String server = named.get(SERVER);
        StoreLocation location = new StoreLocation(Path.of(named.get(STORE)), Path.of(named.get(KEYS)),
                server == null ? null : ServerAddress.parse(server));
        console = new Console(stage, location, new FxTaskRunner(), new FxFilePicker(), Platform::exit);
        if (remembered != null && !Boolean.getBoolean("odcm.cds.training")) {
            console.remembers(remembered.folder(), remembered.place());
        }
        if (named.containsKey(FILE)) {
            console.showFile(Path.of(named.get(FILE)));
        }
        console.start();
        if (Boolean.getBoolean("odcm.cds.training")) {
            stopOnceOpened(60);
        }
    }

    /**
     * Only for ./odcm's class-data-sharing step (docs/decisions/0020), which records the classes a start loads: stops the
     * console within a second of its main window being there (after a minute in any case).
     */
    private void stopOnceOpened(int secondsLeft) {
        javafx.animation.PauseTransition second = new javafx.animation.PauseTransition(javafx.util.Duration.seconds(1));
        second.setOnFinished(e -> {
            if (console.main() != null || secondsLeft == 0) {
                Platform.exit();
            } else {
                stopOnceOpened(secondsLeft - 1);
            }
        });
        second.play();
    }

    @Override
    public void stop() {
        if (console != null) {
            console.close();
        }
    }
}

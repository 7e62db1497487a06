package odcm.app.ui;

import java.nio.file.Path;
import java.util.Map;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import odcm.app.ui.common.FxFilePicker;
import odcm.app.ui.task.FxTaskRunner;
import odcm.persistence.StoreLocation;

/** The JavaFX application: one console window on one store. */
public final class ConsoleApp extends Application {
    private static final String STORE = "store";
    private static final String KEYS = "keys";
    private Console console;

    static String[] arguments(StoreLocation location) {
        return new String[] {"--" + STORE + "=" + location.storeDir(), "--" + KEYS + "=" + location.keyDir()};
    }

    @Override
    public void start(Stage stage) {
        Map<String, String> named = getParameters().getNamed();
        StoreLocation location = new StoreLocation(Path.of(named.get(STORE)), Path.of(named.get(KEYS)));
        console = new Console(stage, location, new FxTaskRunner(), new FxFilePicker(), Platform::exit);
        console.start();
    }

    @Override
    public void stop() {
        if (console != null) {
            console.close();
        }
    }
}

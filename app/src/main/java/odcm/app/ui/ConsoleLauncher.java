package odcm.app.ui;

import javafx.application.Application;
import odcm.persistence.StoreLocation;

/**
 * What the command line calls when {@code odcm} runs with no command. Not an {@link Application} itself,
 * so a jpackage launcher works without JavaFX on the module path at start-up.
 */
public final class ConsoleLauncher {
    private ConsoleLauncher() {
    }

    /** Opens the console on this store and returns when its window closed. */
    public static void launch(StoreLocation location) {
        java.nio.file.Path folder = WindowPlace.folder(System.getenv(), System.getProperty("user.home", "."));
        ConsoleApp.remembered = new ConsoleApp.Remembered(folder, WindowPlace.read(folder, location.describe()));
        Application.launch(ConsoleApp.class, ConsoleApp.arguments(location));
    }
}

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
        Application.launch(ConsoleApp.class, ConsoleApp.arguments(location));
    }
}

package odcm.app.ui;

import java.nio.file.Path;
import javafx.application.Application;
import odcm.model.Refusal;
import odcm.persistence.StoreLocation;

/**
 * What the command line calls when {@code odcm} runs with no command. Not an {@link Application} itself,
 * so a jpackage launcher works without JavaFX on the module path at start-up.
 */
public final class ConsoleLauncher {
    /** Said (by ./odcm too, before it builds) when there is no display to open the window on. */
    public static final String NO_DISPLAY = "no display to open the console on (neither DISPLAY nor WAYLAND_DISPLAY is set, or it cannot be "
            + "reached); commands work without one: odcm --help";
    /** Said when JavaFX finds no GTK 3 (a server's installation: the package only recommends it). */
    static final String NO_GTK = "the console needs GTK 3, which is not installed (apt-get install libgtk-3-0); commands work without it: "
            + "odcm --help";

    private ConsoleLauncher() {
    }

    /**
     * Opens the console on this store and returns when its window closed; with {@code file} (a release bundle or a
     * deployment receipt, or null) shown as its screen shows such a file (docs/decisions/0050). Refused, in one sentence,
     * where there is no display.
     */
    public static void launch(StoreLocation location, Path file) {
        if (!displayKnown(System.getenv(), System.getProperty("os.name", ""), System.getProperty("glass.platform"))) {
            throw new Refusal("odcm: " + NO_DISPLAY);
        }
        java.nio.file.Path folder = WindowPlace.folder(System.getenv(), System.getProperty("user.home", "."));
        ConsoleApp.remembered = new ConsoleApp.Remembered(folder, WindowPlace.read(folder, location.describe()));
        try {
            Application.launch(ConsoleApp.class, ConsoleApp.arguments(location, file));
        } catch (UnsupportedOperationException e) {
            // JavaFX's "Unable to open DISPLAY" (the variable names no display that answers), "Unable to load glass GTK library".
            String message = String.valueOf(e.getMessage());
            if (message.contains("DISPLAY") || message.contains("GTK")) {
                throw new Refusal("odcm: " + (message.contains("DISPLAY") ? NO_DISPLAY : NO_GTK));
            }
            throw e;
        }
    }

    /** Whether a window can be shown: not on Linux without DISPLAY and WAYLAND_DISPLAY (unless headless, Monocle). */
    public static boolean displayKnown(java.util.Map<String, String> env, String os, String glassPlatform) {
        return !os.toLowerCase(java.util.Locale.ROOT).contains("linux") || "Monocle".equals(glassPlatform)
                || !env.getOrDefault("DISPLAY", "").isEmpty() || !env.getOrDefault("WAYLAND_DISPLAY", "").isEmpty();
    }
}

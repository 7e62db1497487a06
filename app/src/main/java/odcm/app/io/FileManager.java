package odcm.app.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The platform's own file manager, started as a separate program (no AWT next to JavaFX). */
public final class FileManager {
    private FileManager() {
    }

    /** Opens {@code dir} (made first if missing) in the file manager; a refusal when none can be started. */
    public static Path open(Path dir) throws IOException {
        Files.createDirectories(dir);
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        String program = os.contains("win") ? "explorer" : os.contains("mac") ? "open" : "xdg-open";
        try {
            new ProcessBuilder(program, dir.toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new odcm.model.Refusal("No file manager could be started (" + program + " is not available); the folder is " + dir + ".");
        }
        return dir;
    }
}

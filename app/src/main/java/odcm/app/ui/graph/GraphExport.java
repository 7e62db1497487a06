package odcm.app.ui.graph;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.stage.FileChooser.ExtensionFilter;
import javafx.stage.Window;
import odcm.app.graph.GraphFiles;
import odcm.app.graph.GraphLayout;
import odcm.app.ui.common.FilePicker;
import odcm.app.ui.task.TaskRunner;

/** Export PNG… and Export SVG…: asks for a file, then draws and writes it off the FX thread. */
final class GraphExport {
    private GraphExport() {
    }

    /** @param extension "png" or "svg" */
    static void export(Window owner, FilePicker files, TaskRunner runner, GraphLayout layout, String title, String extension,
                       Consumer<String> message) {
        String upper = extension.toUpperCase(Locale.ROOT);
        files.save(owner, "Export " + upper, fileName(title) + "." + extension, List.of(new ExtensionFilter(upper + " image", "*." + extension)))
                .ifPresent(chosen -> {
                    Path file = chosen.getFileName().toString().toLowerCase(Locale.ROOT).endsWith("." + extension)
                            ? chosen : chosen.resolveSibling(chosen.getFileName() + "." + extension);
                    runner.run("Exporting the lifecycle graph to " + file.getFileName(), () -> {
                        GraphFiles.write(layout, title, file);
                        return file;
                    }, done -> message.accept("Exported " + upper + " to " + done + "."), message);
                });
    }

    static String fileName(String title) {
        String s = title.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^-+|-+$", "");
        return s.isEmpty() ? "lifecycle" : s;
    }
}

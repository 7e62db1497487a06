package odcm.app.ui.common;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.stage.FileChooser;
import javafx.stage.FileChooser.ExtensionFilter;
import javafx.stage.Window;

/** The platform's file chooser; remembers the last folder for the session. */
public final class FxFilePicker implements FilePicker {
    private File lastFolder;

    @Override
    public Optional<Path> open(Window owner, String title, List<ExtensionFilter> filters) {
        return remember(chooser(title, filters).showOpenDialog(owner));
    }

    @Override
    public Optional<Path> save(Window owner, String title, String suggestedName, List<ExtensionFilter> filters) {
        FileChooser chooser = chooser(title, filters);
        chooser.setInitialFileName(suggestedName);
        return remember(chooser.showSaveDialog(owner));
    }

    private FileChooser chooser(String title, List<ExtensionFilter> filters) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().setAll(filters);
        if (lastFolder != null && lastFolder.isDirectory()) {
            chooser.setInitialDirectory(lastFolder);
        }
        return chooser;
    }

    private Optional<Path> remember(File chosen) {
        if (chosen == null) {
            return Optional.empty();
        }
        lastFolder = chosen.getParentFile();
        return Optional.of(chosen.toPath());
    }
}

package odcm.app.ui.common;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javafx.stage.FileChooser;
import javafx.stage.FileChooser.ExtensionFilter;
import javafx.stage.Window;

/**
 * The platform's file chooser; starts in the folder of the last file chosen in this session. That folder is not
 * checked on disk (this runs on the FX thread, and a network folder can hang a check): a chooser that refuses
 * it is shown again without it.
 */
public final class FxFilePicker implements FilePicker {
    private File lastFolder;

    @Override
    public Optional<Path> open(Window owner, String title, List<ExtensionFilter> filters) {
        return show(title, filters, null, c -> c.showOpenDialog(owner));
    }

    @Override
    public Optional<Path> save(Window owner, String title, String suggestedName, List<ExtensionFilter> filters) {
        return show(title, filters, suggestedName, c -> c.showSaveDialog(owner));
    }

    @Override
    public Optional<Path> folder(Window owner, String title, Path initial) {
        javafx.stage.DirectoryChooser c = new javafx.stage.DirectoryChooser();
        c.setTitle(title);
        return Optional.ofNullable(c.showDialog(owner)).map(File::toPath);
    }

    private Optional<Path> show(String title, List<ExtensionFilter> filters, String suggestedName, Function<FileChooser, File> shown) {
        File chosen;
        try {
            chosen = shown.apply(chooser(title, filters, suggestedName, lastFolder));
        } catch (IllegalArgumentException goneMeanwhile) {
            // Some platforms refuse an initial folder that no longer exists; the platform's default then.
            lastFolder = null;
            chosen = shown.apply(chooser(title, filters, suggestedName, null));
        }
        if (chosen == null) {
            return Optional.empty();
        }
        lastFolder = chosen.getParentFile();
        return Optional.of(chosen.toPath());
    }

    private static FileChooser chooser(String title, List<ExtensionFilter> filters, String suggestedName, File folder) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().setAll(filters);
        if (suggestedName != null) {
            chooser.setInitialFileName(suggestedName);
        }
        if (folder != null) {
            chooser.setInitialDirectory(folder);
        }
        return chooser;
    }
}

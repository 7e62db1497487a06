package odcm.app.ui.common;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.stage.FileChooser.ExtensionFilter;
import javafx.stage.Window;

/**
 * Asks the user for a file. Behind an interface because native file choosers cannot be driven in
 * headless UI tests; tests inject a picker that answers with prepared paths.
 */
public interface FilePicker {
    Optional<Path> open(Window owner, String title, List<ExtensionFilter> filters);

    Optional<Path> save(Window owner, String title, String suggestedName, List<ExtensionFilter> filters);

    /** A folder; pickers that cannot choose folders answer with none. */
    default Optional<Path> folder(Window owner, String title, Path initial) {
        return Optional.empty();
    }
}

package odcm.app.ui;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import javafx.stage.FileChooser.ExtensionFilter;
import javafx.stage.Window;
import odcm.app.ui.common.FilePicker;

/** Answers file choosers with paths the test prepared: native choosers cannot be driven headless. */
public final class ScriptedFilePicker implements FilePicker {
    private final Deque<Path> answers = new ArrayDeque<>();

    public void next(Path path) {
        answers.add(path);
    }

    @Override
    public Optional<Path> open(Window owner, String title, List<ExtensionFilter> filters) {
        return Optional.ofNullable(answers.poll());
    }

    @Override
    public Optional<Path> save(Window owner, String title, String suggestedName, List<ExtensionFilter> filters) {
        return Optional.ofNullable(answers.poll());
    }
}

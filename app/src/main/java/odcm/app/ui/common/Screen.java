package odcm.app.ui.common;

import java.util.Optional;
import javafx.scene.Node;

/** One screen of the main window's navigation. */
public interface Screen {
    String title();

    Node node();

    /** Called each time the screen is shown, so it shows what the store holds now. */
    void shown();

    /** What Ctrl+N does on this screen, if anything. */
    default Optional<Runnable> newAction() {
        return Optional.empty();
    }
}

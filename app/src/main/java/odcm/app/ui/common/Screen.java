package odcm.app.ui.common;

import java.util.Optional;
import javafx.scene.Node;

/**
 * One screen of the main window's navigation.
 *
 * @param onShown   called each time the screen is shown, so it shows what the store holds now
 * @param newAction what Ctrl+N does on this screen, if anything
 */
public record Screen(String title, Node node, Runnable onShown, Optional<Runnable> newAction) {
    public Screen(String title, Node node, Runnable onShown) {
        this(title, node, onShown, Optional.empty());
    }

    public Screen(String title, Node node, Runnable onShown, Runnable newAction) {
        this(title, node, onShown, Optional.of(newAction));
    }

    public void shown() {
        onShown.run();
    }
}

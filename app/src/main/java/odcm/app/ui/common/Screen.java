package odcm.app.ui.common;

import java.util.Optional;
import javafx.scene.Node;

/**
 * One screen of the main window's navigation.
 *
 * @param onShown   called each time the screen is shown, so it shows what the store holds now
 * @param newAction what Ctrl+N does on this screen, if anything
 * @param onHidden  called each time another screen takes its place or the window closes, so what it runs stops
 */
public record Screen(String title, Node node, Runnable onShown, Optional<Runnable> newAction, Runnable onHidden) {
    public Screen(String title, Node node, Runnable onShown, Optional<Runnable> newAction) {
        this(title, node, onShown, newAction, () -> { });
    }

    public Screen(String title, Node node, Runnable onShown) {
        this(title, node, onShown, Optional.empty());
    }

    public Screen(String title, Node node, Runnable onShown, Runnable newAction) {
        this(title, node, onShown, Optional.of(newAction));
    }

    /** This screen, with {@code hidden} called each time it goes out of sight. */
    public Screen whenHidden(Runnable hidden) {
        return new Screen(title, node, onShown, newAction, hidden);
    }

    public void shown() {
        onShown.run();
    }

    public void hidden() {
        onHidden.run();
    }
}

package odcm.app.ui.common;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * A per-space screen's content, or, while the store has no local space, a sentence pointing to the Spaces
 * screen with a button that goes there.
 */
public final class NoSpaceState {
    private NoSpaceState() {
    }

    /**
     * @param what        what the screen holds, e.g. "Environments"
     * @param goToSpaces  shows the Spaces screen
     */
    public static StackPane wrap(String idPrefix, Node content, CurrentSpace current, String what, Runnable goToSpaces) {
        Label text = Forms.emptyState(idPrefix + "-no-space", "There is no local space yet. " + what
                + " belong to a space: create one on the Spaces screen first.");
        Button go = Forms.button(idPrefix + "-go-to-spaces", "Go to _Spaces", "Show the Spaces screen", goToSpaces);
        VBox none = new VBox(12, text, go);
        none.setAlignment(Pos.CENTER);
        none.visibleProperty().bind(current.nameProperty().isEmpty());
        content.visibleProperty().bind(current.nameProperty().isNotEmpty());
        return new StackPane(content, none);
    }
}

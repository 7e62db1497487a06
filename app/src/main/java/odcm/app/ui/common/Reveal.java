package odcm.app.ui.common;

import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.ScrollPane;

/** Scrolls a vertical scroll pane just enough that a node in it is in sight, after the next layout. */
public final class Reveal {
    private Reveal() {
    }

    public static void later(ScrollPane scroll, Node node) {
        Platform.runLater(() -> now(scroll, node));
    }

    static void now(ScrollPane scroll, Node node) {
        Node content = scroll.getContent();
        if (content == null || node.getScene() == null) {
            return;
        }
        scroll.applyCss();
        scroll.layout();
        double viewport = scroll.getViewportBounds().getHeight();
        double extra = content.getLayoutBounds().getHeight() - viewport;
        if (extra <= 0) {
            return;
        }
        Bounds b = content.sceneToLocal(node.localToScene(node.getLayoutBounds()));
        double top = scroll.getVvalue() * extra;
        if (b.getMaxY() > top + viewport) {
            scroll.setVvalue(Math.min(1, Math.min(b.getMinY(), b.getMaxY() - viewport) / extra));
        } else if (b.getMinY() < top) {
            scroll.setVvalue(Math.max(0, b.getMinY() / extra));
        }
    }
}

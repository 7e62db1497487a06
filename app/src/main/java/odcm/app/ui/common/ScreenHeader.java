package odcm.app.ui.common;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** A screen's title, one line saying what it is for, and its toolbar. */
public final class ScreenHeader {
    private ScreenHeader() {
    }

    /** Lays out a screen: its id, the margin, and on top the header with the outcome line below it. */
    public static void place(javafx.scene.layout.BorderPane root, String id, VBox header, Node message) {
        root.setId(id);
        root.setPadding(new javafx.geometry.Insets(16));
        VBox top = new VBox(8, header, message);
        top.setPadding(new javafx.geometry.Insets(0, 0, 12, 0));
        root.setTop(top);
    }

    public static VBox create(String title, String purpose, Node... tools) {
        Label t = new Label(title);
        t.getStyleClass().add(Css.SCREEN_TITLE);
        Label p = new Label(purpose);
        p.getStyleClass().add(Css.HINT);
        p.setWrapText(true);
        HBox bar = new HBox(8);
        bar.setAlignment(Pos.CENTER_LEFT);
        for (Node n : tools) {
            if (n == null) {
                Region spring = new Region();
                HBox.setHgrow(spring, Priority.ALWAYS);
                bar.getChildren().add(spring);
            } else {
                bar.getChildren().add(n);
            }
        }
        return new VBox(6, t, p, bar);
    }
}

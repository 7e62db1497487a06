package odcm.app.ui.graph;

import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import odcm.app.graph.GraphDescriptions.Description;
import odcm.app.ui.common.Css;
import odcm.model.lifecycle.composite.CompositeLifecycle.Finding;
import odcm.model.lifecycle.composite.CompositeLifecycle.Severity;

/** The side pane: what the selected space, phase, environment or promotion is, and what is wrong with it. */
final class GraphDetailsPane extends VBox {
    GraphDetailsPane() {
        super(8);
        setId("graph-details");
        getStyleClass().addAll(Css.DETAIL, "graph-details");
        setPrefWidth(280);
        setMinWidth(200);
        clear();
    }

    void clear() {
        Label hint = new Label("Select a phase, an environment or a promotion (click, or Tab) to see its details.");
        hint.setWrapText(true);
        hint.getStyleClass().add(Css.HINT);
        getChildren().setAll(hint);
    }

    void show(Description d) {
        Label title = new Label(d.title());
        title.setId("graph-details-title");
        title.setWrapText(true);
        title.getStyleClass().add(Css.SECTION_TITLE);
        getChildren().setAll(title);
        for (String line : d.lines()) {
            Label l = new Label(line);
            l.setWrapText(true);
            getChildren().add(l);
        }
        for (Finding f : d.findings()) {
            getChildren().add(finding(f));
        }
    }

    static Label finding(Finding f) {
        Label l = new Label(words(f.severity()) + f.sentence());
        l.setWrapText(true);
        l.getStyleClass().add(f.severity() == Severity.ERROR ? Css.ERROR : Css.HINT);
        return l;
    }

    static String words(Severity s) {
        return switch (s) {
            case ERROR -> "Error: ";
            case WARNING -> "Warning: ";
            case INFO -> "Note: ";
        };
    }
}

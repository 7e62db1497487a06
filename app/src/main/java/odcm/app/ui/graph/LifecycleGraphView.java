package odcm.app.ui.graph;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Shape;
import odcm.app.graph.GraphDescriptions;
import odcm.app.graph.GraphLayout;
import odcm.app.graph.LifecycleLayout;
import odcm.app.ui.common.Css;
import odcm.app.ui.common.FilePicker;
import odcm.app.ui.task.TaskRunner;
import odcm.model.lifecycle.composite.CompositeLifecycle;
import odcm.model.lifecycle.composite.CompositeLifecycle.Finding;

/**
 * The composite lifecycle drawn as a graph: spaces as groups, phases with their environments, promotions across
 * spaces marked trusted or not. Zoom, pan, fit, select for details, the findings below, export as PNG or SVG.
 * Layout runs off the FX thread through the {@link TaskRunner}.
 */
public final class LifecycleGraphView extends BorderPane {
    public static final String STYLESHEET = "/odcm/app/ui/graph/graph.css";

    private final TaskRunner runner;
    private final FilePicker files;
    private final GraphCanvas canvas = new GraphCanvas(this::select, this::step);
    private final GraphDetailsPane details = new GraphDetailsPane();
    private final ListView<Finding> findings = new ListView<>();
    private final Label zoomLabel = new Label("100 %");
    private final Label message = new Label();
    private final Label empty = new Label("No lifecycle to draw yet.");
    private final javafx.scene.layout.HBox statusLegend = statusLegend();
    private final javafx.scene.layout.HBox templateLegend = templateLegend();
    private final ReadOnlyObjectWrapper<GraphLayout> layout = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper selected = new ReadOnlyStringWrapper();
    private CompositeLifecycle composite;
    private GraphShapes shapes;
    private int generation;

    public LifecycleGraphView(TaskRunner runner, FilePicker files) {
        this.runner = runner;
        this.files = files;
        setId("lifecycle-graph");
        getStyleClass().add("lifecycle-graph");
        getStylesheets().add(Objects.requireNonNull(getClass().getResource(STYLESHEET)).toExternalForm());
        // Above the drawing, not in it: never panned, zoomed or scrolled out of sight, at any window size (issue 16).
        javafx.scene.layout.FlowPane legend = new javafx.scene.layout.FlowPane(24, 4, promotionLegend(), statusLegend, templateLegend);
        legend.setId("graph-legend");
        legend.setPadding(new javafx.geometry.Insets(4, 8, 4, 8));
        setTop(new VBox(toolbar(), legend));
        empty.getStyleClass().add(Css.CENTER_MESSAGE);
        StackPane drawing = new StackPane(canvas, empty);
        ScrollPane side = new ScrollPane(details);
        side.setFitToWidth(true);
        side.setMinWidth(220);
        SplitPane split = new SplitPane(drawing, side);
        split.setDividerPositions(0.75);
        SplitPane.setResizableWithParent(side, false);
        findings.setId("graph-findings");
        findings.setPrefHeight(120);
        findings.setPlaceholder(new Label("No findings: the lifecycle is complete and every promotion is trusted."));
        findings.setCellFactory(v -> {
            FindingCell cell = new FindingCell();
            cell.setWrapText(true); // a finding is a sentence: read whole, not scrolled sideways
            cell.setPrefWidth(0);
            return cell;
        });
        findings.getSelectionModel().selectedItemProperty().addListener((o, was, f) -> {
            if (f != null && f.nodeId() != null) {
                select(f.nodeId());
            }
        });
        VBox.setVgrow(split, Priority.ALWAYS);
        Label findingsTitle = new Label("Findings");
        findingsTitle.getStyleClass().add("graph-findings-title");
        setCenter(new VBox(split, findingsTitle, findings));
        canvas.scaleProperty().addListener((o, was, s) -> zoomLabel.setText(Math.round(s.doubleValue() * 100) + " %"));
    }

    private ToolBar toolbar() {
        Button out = button("graph-zoom-out", "−", "Zoom out (−, or Ctrl+wheel)", () -> canvas.zoomBy(1 / GraphCanvas.STEP));
        Button in = button("graph-zoom-in", "+", "Zoom in (+, or Ctrl+wheel)", () -> canvas.zoomBy(GraphCanvas.STEP));
        Button fit = button("graph-fit", "Fit", "Show the whole graph (0)", canvas::fit);
        Button png = button("graph-export-png", "Export PNG…", "Save the graph as a PNG picture", () -> export("png"));
        Button svg = button("graph-export-svg", "Export SVG…", "Save the graph as an SVG drawing", () -> export("svg"));
        zoomLabel.setId("graph-zoom");
        message.setId("graph-message");
        png.disableProperty().bind(layout.isNull());
        svg.disableProperty().bind(layout.isNull());
        return new ToolBar(out, zoomLabel, in, fit, new Separator(Orientation.VERTICAL), png, svg, message);
    }

    /** What the promotions' lines mean, as they are drawn. */
    private static javafx.scene.layout.HBox promotionLegend() {
        Label title = new Label("Promotion:");
        javafx.scene.layout.HBox box = new javafx.scene.layout.HBox(6, title);
        String[][] kinds = {{"trusted", odcm.app.graph.GraphStyle.TRUSTED_WORDS}, {"not-trusted", odcm.app.graph.GraphStyle.NOT_TRUSTED_WORDS},
            {"unknown", odcm.app.graph.GraphStyle.UNKNOWN_WORDS}};
        for (String[] k : kinds) {
            javafx.scene.shape.Line line = new javafx.scene.shape.Line(0, 0, 28, 0);
            line.getStyleClass().addAll("graph-legend-line", k[0]);
            box.getChildren().addAll(line, new Label(k[1]));
        }
        box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        box.getStyleClass().add("graph-status-legend");
        return box;
    }

    /** What the environments' colours mean, in words too; shown when any environment has a deployment status. */
    private static javafx.scene.layout.HBox statusLegend() {
        Label title = new Label("Latest deployment:");
        Label ok = new Label("✓ succeeded");
        ok.getStyleClass().add("succeeded");
        Label failed = new Label("✗ failed");
        failed.getStyleClass().add("failed");
        Label none = new Label("not deployed");
        none.getStyleClass().add("not-deployed");
        return shownWhenNeeded("graph-status-legend", title, ok, failed, none);
    }

    /** What an environment template's box (dashed) and its instances' boxes (dotted) look like; shown when the graph has any (0057). */
    private static javafx.scene.layout.HBox templateLegend() {
        return shownWhenNeeded("graph-template-legend", new Label("Environments on demand:"), sample("graph-legend-template"),
                new Label("template"), sample("graph-legend-instance"), new Label("its instance"));
    }

    /** A legend's row, hidden (and taking no room) until {@link #show} makes it visible. */
    private static javafx.scene.layout.HBox shownWhenNeeded(String id, javafx.scene.Node... parts) {
        javafx.scene.layout.HBox box = new javafx.scene.layout.HBox(6, parts);
        box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        box.setId(id);
        box.getStyleClass().add("graph-status-legend");
        box.setVisible(false);
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private static javafx.scene.shape.Rectangle sample(String kind) {
        javafx.scene.shape.Rectangle r = new javafx.scene.shape.Rectangle(28, 14);
        r.setArcWidth(6);
        r.setArcHeight(6);
        r.getStyleClass().add(kind); // not graph-box: the drawing's boxes are counted and selected by that class
        return r;
    }

    private static Button button(String id, String text, String tip, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        odcm.app.ui.common.Icons.onAction(b);
        return b;
    }

    /** Shows another composite lifecycle: lays it out in the background, then redraws and fits it. */
    public void setComposite(CompositeLifecycle c) {
        setComposite(c, java.util.Map.of());
    }

    /** The same, with environments coloured by the project's latest deployment there (by node id, see {@code GraphStatus}). */
    public void setComposite(CompositeLifecycle c, java.util.Map<String, odcm.app.graph.GraphStatus.Of> status) {
        int mine = ++generation;
        runner.run("Laying out the lifecycle graph", () -> LifecycleLayout.layout(c, status), l -> {
            if (mine == generation) {
                show(c, l);
            }
        }, message::setText);
    }

    private void show(CompositeLifecycle c, GraphLayout l) {
        String keep = selected.get();
        composite = c;
        shapes = new GraphShapes(l);
        canvas.show(shapes);
        empty.setVisible(false);
        layout.set(l);
        findings.getItems().setAll(c.findings());
        statusLegend.setVisible(l.hasStatus());
        templateLegend.setVisible(!l.boxes(GraphLayout.BoxKind.TEMPLATE).isEmpty() || !l.boxes(GraphLayout.BoxKind.INSTANCE).isEmpty());
        selected.set(null);
        details.clear();
        canvas.applyCss();
        canvas.layout();
        canvas.fit();
        if (keep != null && shapes.outlines.containsKey(keep)) {
            select(keep);
        }
    }

    /** Selects a space, phase, environment or promotion by id (null clears) and shows its details. */
    public void select(String id) {
        if (shapes == null) {
            return;
        }
        if (selected.get() != null && shapes.outlines.containsKey(selected.get())) {
            shapes.outlines.get(selected.get()).getStyleClass().remove("selected");
        }
        Shape outline = id == null ? null : shapes.outlines.get(id);
        if (outline == null) {
            selected.set(null);
            details.clear();
            return;
        }
        outline.getStyleClass().add("selected");
        selected.set(id);
        GraphDescriptions.describe(composite, id).ifPresentOrElse(details::show, details::clear);
        canvas.reveal(outline.getBoundsInParent());
    }

    private void step(int direction) {
        if (shapes == null || shapes.order.isEmpty()) {
            return;
        }
        List<String> order = shapes.order;
        int at = selected.get() == null ? -1 : order.indexOf(selected.get());
        int next = at < 0 ? (direction > 0 ? 0 : order.size() - 1) : Math.floorMod(at + direction, order.size());
        select(order.get(next));
    }

    private void export(String extension) {
        if (layout.get() != null) {
            String title = composite.projectName() + " lifecycle";
            GraphExport.export(getScene().getWindow(), files, runner, layout.get(), title, extension, message::setText);
        }
    }

    public void zoomIn() {
        canvas.zoomBy(GraphCanvas.STEP);
    }

    public void zoomOut() {
        canvas.zoomBy(1 / GraphCanvas.STEP);
    }

    public void fit() {
        canvas.fit();
    }

    /** Moves the drawing by a number of pixels, as dragging does. */
    public void panBy(double dx, double dy) {
        canvas.panBy(dx, dy);
    }

    public double zoom() {
        return canvas.scaleProperty().get();
    }

    /** The pan offset of the drawing, in pixels. */
    public double[] offset() {
        return new double[] {canvas.translateX(), canvas.translateY()};
    }

    public ReadOnlyObjectProperty<GraphLayout> layoutProperty() {
        return layout.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    /** The drawing area, for keyboard focus. */
    public javafx.scene.Node drawing() {
        return canvas;
    }

    private static final class FindingCell extends ListCell<Finding> {
        @Override
        protected void updateItem(Finding f, boolean isEmpty) {
            super.updateItem(f, isEmpty);
            getStyleClass().removeAll("graph-finding-error", "graph-finding-warning", "graph-finding-info");
            if (isEmpty || f == null) {
                setText(null);
                return;
            }
            setText(GraphDetailsPane.words(f.severity()) + f.sentence());
            getStyleClass().add("graph-finding-" + f.severity().name().toLowerCase(Locale.ROOT));
        }
    }
}

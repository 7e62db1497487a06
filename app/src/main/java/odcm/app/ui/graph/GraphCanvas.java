package odcm.app.ui.graph;

import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.geometry.Bounds;
import javafx.scene.Group;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Rectangle;
import javafx.scene.transform.Scale;
import javafx.scene.transform.Translate;

/**
 * The drawing area: holds the graph's shapes under a pan (translate) and zoom (scale) transform. Mouse: drag pans,
 * Ctrl+wheel zooms around the pointer, the wheel alone scrolls, a click selects. Keys: arrows pan, +/- zoom, 0 fits,
 * Tab and Shift+Tab step through phases, environments and promotions.
 */
final class GraphCanvas extends Pane {
    static final double MIN_ZOOM = 0.1;
    static final double MAX_ZOOM = 4;
    static final double STEP = 1.25;
    static final double PAN = 48;

    private final Group content = new Group();
    private final Translate pan = new Translate();
    private final Scale zoom = new Scale(1, 1, 0, 0);
    private final ReadOnlyDoubleWrapper scale = new ReadOnlyDoubleWrapper(1);
    private final Consumer<String> onPick;
    private final Consumer<Integer> onStep;
    private GraphShapes shapes;
    private double pressX;
    private double pressY;
    private boolean dragged;

    /**
     * @param onPick gets the id of a clicked element, or null for a click on empty space
     * @param onStep gets +1 or -1 for Tab or Shift+Tab
     */
    GraphCanvas(Consumer<String> onPick, Consumer<Integer> onStep) {
        this.onPick = onPick;
        this.onStep = onStep;
        getStyleClass().add("graph-canvas");
        content.getTransforms().addAll(pan, zoom);
        getChildren().add(content);
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(widthProperty());
        clip.heightProperty().bind(heightProperty());
        setClip(clip);
        setFocusTraversable(true);
        setMinSize(100, 100);
        addEventFilter(MouseEvent.MOUSE_PRESSED, this::pressed);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        addEventHandler(MouseEvent.MOUSE_CLICKED, this::clicked);
        addEventHandler(ScrollEvent.SCROLL, this::scrolled);
        addEventFilter(KeyEvent.KEY_PRESSED, this::key);
    }

    void show(GraphShapes shapes) {
        this.shapes = shapes;
        content.getChildren().setAll(shapes.root);
    }

    ReadOnlyDoubleProperty scaleProperty() {
        return scale.getReadOnlyProperty();
    }

    double translateX() {
        return pan.getX();
    }

    double translateY() {
        return pan.getY();
    }

    void zoomBy(double factor) {
        zoomAround(factor, getWidth() / 2, getHeight() / 2);
    }

    void zoomAround(double factor, double x, double y) {
        double s = clamp(zoom.getX() * factor);
        double k = s / zoom.getX();
        pan.setX(x - (x - pan.getX()) * k);
        pan.setY(y - (y - pan.getY()) * k);
        setZoom(s);
    }

    void panBy(double dx, double dy) {
        pan.setX(pan.getX() + dx);
        pan.setY(pan.getY() + dy);
    }

    /** Shows the whole graph, centred, at most at natural size. */
    void fit() {
        if (shapes == null) {
            return;
        }
        Bounds b = shapes.root.getLayoutBounds();
        double w = Math.max(1, getWidth());
        double h = Math.max(1, getHeight());
        double s = clamp(Math.min(1, Math.min((w - 32) / Math.max(1, b.getWidth()), (h - 32) / Math.max(1, b.getHeight()))));
        setZoom(s);
        pan.setX((w - b.getWidth() * s) / 2 - b.getMinX() * s);
        pan.setY((h - b.getHeight() * s) / 2 - b.getMinY() * s);
    }

    /** Moves the view just enough to show an element, at the current zoom. */
    void reveal(Bounds inContent) {
        Bounds b = content.localToParent(inContent);
        double dx = b.getMinX() < 8 ? 8 - b.getMinX() : b.getMaxX() > getWidth() - 8 ? getWidth() - 8 - b.getMaxX() : 0;
        double dy = b.getMinY() < 8 ? 8 - b.getMinY() : b.getMaxY() > getHeight() - 8 ? getHeight() - 8 - b.getMaxY() : 0;
        panBy(dx, dy);
    }

    private void setZoom(double s) {
        zoom.setX(s);
        zoom.setY(s);
        scale.set(s);
    }

    private static double clamp(double s) {
        return Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, s));
    }

    private void pressed(MouseEvent e) {
        requestFocus();
        pressX = e.getX();
        pressY = e.getY();
        dragged = false;
    }

    private void dragged(MouseEvent e) {
        if (!e.isPrimaryButtonDown() && !e.isMiddleButtonDown()) {
            return;
        }
        double dx = e.getX() - pressX;
        double dy = e.getY() - pressY;
        if (dragged || Math.abs(dx) + Math.abs(dy) > 3) {
            dragged = true;
            panBy(dx, dy);
            pressX = e.getX();
            pressY = e.getY();
            setCursor(javafx.scene.Cursor.CLOSED_HAND);
        }
    }

    private void clicked(MouseEvent e) {
        setCursor(null);
        if (!dragged && e.getButton() == MouseButton.PRIMARY && shapes != null) {
            onPick.accept(e.getPickResult().getIntersectedNode() == null ? null : shapes.idOf(e.getPickResult().getIntersectedNode()));
        }
    }

    private void scrolled(ScrollEvent e) {
        if (e.isControlDown() || e.isShortcutDown()) {
            zoomAround(e.getDeltaY() > 0 ? STEP : 1 / STEP, e.getX(), e.getY());
        } else {
            panBy(e.getDeltaX(), e.getDeltaY());
        }
        e.consume();
    }

    private void key(KeyEvent e) {
        KeyCode k = e.getCode();
        switch (k) {
            case PLUS, ADD, EQUALS -> zoomBy(STEP);
            case MINUS, SUBTRACT -> zoomBy(1 / STEP);
            case DIGIT0, NUMPAD0 -> fit();
            case LEFT -> panBy(PAN, 0);
            case RIGHT -> panBy(-PAN, 0);
            case UP -> panBy(0, PAN);
            case DOWN -> panBy(0, -PAN);
            case TAB -> onStep.accept(e.isShiftDown() ? -1 : 1);
            default -> {
                return;
            }
        }
        e.consume();
    }
}

package odcm.app.ui.graph;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polygon;
import javafx.scene.shape.Polyline;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;
import javafx.scene.text.TextBoundsType;
import odcm.app.graph.GraphGeometry;
import odcm.app.graph.GraphLayout;
import odcm.app.graph.GraphLayout.Box;
import odcm.app.graph.GraphLayout.BoxKind;
import odcm.app.graph.GraphLayout.Point;
import odcm.app.graph.GraphStyle;
import odcm.model.lifecycle.composite.CompositeLifecycle.EdgeKind;
import odcm.model.lifecycle.composite.CompositeLifecycle.TrustState;

/**
 * Turns a laid-out lifecycle into JavaFX shapes with style classes (graph.css); positions and arrow geometry come
 * from the shared layout, colours from the theme.
 */
final class GraphShapes {
    /** The outline shape of each selectable element, by id: phases, environments, spaces and promotions. */
    final Map<String, javafx.scene.shape.Shape> outlines = new LinkedHashMap<>();
    /** Ids in Tab order: phases and their environments left to right, then promotions. */
    final List<String> order = new ArrayList<>();
    final Group root = new Group();

    GraphShapes(GraphLayout layout) {
        for (BoxKind kind : BoxKind.values()) {
            layout.boxes(kind).forEach(this::box);
        }
        layout.boxes().stream().filter(b -> b.kind().isPhase()).sorted(Comparator.comparingDouble(Box::x).thenComparingDouble(Box::y))
                .forEach(p -> {
                    order.add(p.id());
                    layout.boxes().stream().filter(e -> p.id().equals(e.parentId())).forEach(e -> order.add(e.id()));
                });
        layout.lines().stream().filter(l -> l.kind() != EdgeKind.PROMOTION).forEach(this::line);
        layout.lines().stream().filter(l -> l.kind() == EdgeKind.PROMOTION).forEach(this::line);
        layout.lines().stream().filter(l -> l.kind() == EdgeKind.PROMOTION).forEach(l -> order.add(l.id()));
    }

    private static String kindClass(BoxKind kind) {
        return "graph-" + kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private void box(Box b) {
        Rectangle r = new Rectangle(b.x(), b.y(), b.width(), b.height());
        double arc = GraphStyle.radius(b.kind()) * 2;
        r.setArcWidth(arc);
        r.setArcHeight(arc);
        r.getStyleClass().addAll("graph-box", kindClass(b.kind()));
        if (b.error()) {
            r.getStyleClass().add("graph-error");
        }
        if (b.status() != GraphLayout.Status.NONE) {
            r.getStyleClass().add("graph-status-" + b.status().name().toLowerCase(Locale.ROOT));
        }
        r.setId("graph-" + b.id().replace('/', '-'));
        r.setUserData(b.id());
        outlines.put(b.id(), r);
        root.getChildren().add(r);
        if (b.kind().isGroup()) {
            text(b.x() + GraphStyle.PAD * 1.6, b.y() + 22, b.title(), "graph-group-title");
            text(b.x() + GraphStyle.PAD * 1.6, b.y() + 39, b.subtitle(), b.kind() == BoxKind.REMOTE_GROUP ? "graph-remote-subtitle" : "graph-subtitle");
        } else if (b.kind().isPhase()) {
            text(b.x() + GraphStyle.PAD, b.y() + 18, b.title(), b.error() ? "graph-phase-title graph-error-text" : "graph-phase-title");
            text(b.x() + GraphStyle.PAD, b.y() + 33, b.subtitle(), "graph-subtitle");
        } else {
            text(b.x() + GraphStyle.PAD, b.y() + b.height() / 2 + 4.3, b.title(), b.error() ? "graph-environment-name graph-error-text" : "graph-environment-name");
            if (b.status() != GraphLayout.Status.NONE) {
                Text t = new Text(b.statusText());
                t.getStyleClass().addAll("graph-status-text", b.status().name().toLowerCase(Locale.ROOT));
                t.setId("graph-status-" + b.id().replace('/', '-'));
                t.setMouseTransparent(true);
                t.setBoundsType(TextBoundsType.LOGICAL);
                root.getChildren().add(t);
                // right-aligned once the stylesheet has given it its font
                t.layoutBoundsProperty().addListener((o, was, now) -> t.setX(b.maxX() - GraphStyle.PAD * 0.8 - now.getWidth()));
                t.setX(b.maxX() - GraphStyle.PAD * 0.8 - t.getLayoutBounds().getWidth());
                t.setY(b.y() + b.height() / 2 + 4);
            }
        }
    }

    private void text(double x, double y, String s, String classes) {
        Text t = new Text(x, y, s);
        t.setBoundsType(TextBoundsType.LOGICAL);
        t.setMouseTransparent(true);
        t.getStyleClass().addAll(classes.split(" "));
        root.getChildren().add(t);
    }

    private void line(GraphLayout.Line l) {
        if (l.points().size() < 2) {
            return;
        }
        String kind = "graph-" + l.kind().name().toLowerCase(Locale.ROOT);
        String trust = l.trust().name().toLowerCase(Locale.ROOT).replace('_', '-');
        List<Point> pts = l.points();
        Point before = pts.get(pts.size() - 2);
        Point end = pts.get(pts.size() - 1);
        double head = l.kind() == EdgeKind.PROMOTION ? 12 : 9;
        List<Point> route = new ArrayList<>(pts);
        route.set(route.size() - 1, GraphGeometry.towards(end, before, head * 0.8));
        Polyline p = new Polyline(flat(route));
        p.getStyleClass().addAll("graph-edge", kind, trust);
        p.setId("graph-" + l.id().replace('/', '-'));
        p.setUserData(l.id());
        Polygon arrow = new Polygon(flat(GraphGeometry.arrowHead(before, end, head, head * 0.45)));
        arrow.getStyleClass().addAll("graph-arrow", kind, trust);
        root.getChildren().addAll(p, arrow);
        if (l.kind() != EdgeKind.PROMOTION) {
            p.setMouseTransparent(true);
            arrow.setMouseTransparent(true);
            return;
        }
        outlines.put(l.id(), p);
        Polyline hit = new Polyline(flat(pts));
        hit.getStyleClass().add("graph-edge-hit");
        hit.setUserData(l.id());
        root.getChildren().add(hit);
        if (l.labelAt() != null) {
            Text t = new Text(l.labelAt().x() + 5, l.labelAt().y() + (GraphStyle.EDGE_LABEL_SIZE + 8) / 2 + 4, l.label());
            t.getStyleClass().addAll("graph-edge-label", trust);
            t.setMouseTransparent(true);
            Rectangle bg = new Rectangle(l.labelAt().x(), l.labelAt().y(), t.getLayoutBounds().getWidth() + 10, GraphStyle.EDGE_LABEL_SIZE + 8);
            bg.getStyleClass().addAll("graph-edge-label-box", trust);
            bg.setArcWidth(8);
            bg.setArcHeight(8);
            bg.setUserData(l.id());
            root.getChildren().addAll(bg, t);
        }
        if (l.trust() == TrustState.NOT_TRUSTED) {
            Point m = GraphGeometry.markerPoint(pts);
            Circle c = new Circle(m.x(), m.y(), 8);
            c.getStyleClass().add("graph-not-trusted-marker");
            Line a = new Line(m.x() - 3.5, m.y() - 3.5, m.x() + 3.5, m.y() + 3.5);
            Line b = new Line(m.x() - 3.5, m.y() + 3.5, m.x() + 3.5, m.y() - 3.5);
            a.getStyleClass().add("graph-not-trusted-cross");
            b.getStyleClass().add("graph-not-trusted-cross");
            a.setMouseTransparent(true);
            b.setMouseTransparent(true);
            c.setUserData(l.id());
            root.getChildren().addAll(c, a, b);
        }
    }

    /** The id an element under the mouse stands for, or null. */
    String idOf(Node picked) {
        for (Node n = picked; n != null && n != root; n = n.getParent()) {
            if (n.getUserData() instanceof String id) {
                return id;
            }
        }
        return null;
    }

    private static double[] flat(List<Point> points) {
        double[] d = new double[points.size() * 2];
        for (int i = 0; i < points.size(); i++) {
            d[2 * i] = points.get(i).x();
            d[2 * i + 1] = points.get(i).y();
        }
        return d;
    }
}

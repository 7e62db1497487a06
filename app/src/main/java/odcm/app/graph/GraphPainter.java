package odcm.app.graph;

import static odcm.app.graph.GraphStyle.LEGEND_SIZE;
import static odcm.app.graph.GraphStyle.MARGIN;
import static odcm.app.graph.GraphStyle.PAD;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import odcm.app.graph.GraphLayout.Box;
import odcm.app.graph.GraphLayout.BoxKind;
import odcm.app.graph.GraphLayout.Line;
import odcm.app.graph.GraphLayout.Point;
import odcm.app.graph.GraphLayout.Status;
import odcm.model.lifecycle.composite.CompositeLifecycle.EdgeKind;
import odcm.model.lifecycle.composite.CompositeLifecycle.TrustState;

/**
 * Paints a laid-out lifecycle, legend on top, onto a {@link Canvas}: the one drawing routine behind both the SVG
 * and the PNG export.
 */
public final class GraphPainter {
    private static final double ROW1 = MARGIN + 14;
    private static final double ROW2 = MARGIN + 36;

    private GraphPainter() {
    }

    public static double pictureWidth(GraphLayout layout) {
        return Math.ceil(Math.max(layout.width(), legendWidth()) + 2 * MARGIN);
    }

    public static double pictureHeight(GraphLayout layout) {
        return Math.ceil(layout.height() + legendHeight(layout) + 2 * MARGIN);
    }

    /** Two rows, and a third explaining the deployment colours when any environment shows a status. */
    public static double legendHeight(GraphLayout layout) {
        return GraphStyle.LEGEND_HEIGHT + (layout.hasStatus() ? GraphStyle.STATUS_LEGEND_HEIGHT : 0);
    }

    public static void paint(GraphLayout layout, Canvas c) {
        c.rect(0, 0, pictureWidth(layout), pictureHeight(layout), 0, GraphStyle.BACKGROUND, null, 0, null);
        legend(c, layout.hasStatus());
        Canvas g = new Shifted(c, MARGIN, MARGIN + legendHeight(layout));
        for (BoxKind kind : BoxKind.values()) {
            layout.boxes(kind).forEach(b -> box(g, b));
        }
        layout.lines().stream().filter(l -> l.kind() != EdgeKind.PROMOTION).forEach(l -> line(g, l));
        layout.lines().stream().filter(l -> l.kind() == EdgeKind.PROMOTION).forEach(l -> line(g, l));
    }

    static void box(Canvas c, Box b) {
        BoxKind k = b.kind();
        c.begin(b.id(), "node " + k.name().toLowerCase(Locale.ROOT).replace('_', '-') + (b.error() ? " error" : ""));
        String stroke = b.error() ? GraphStyle.ERROR : GraphStyle.stroke(k, b.status());
        c.rect(b.x(), b.y(), b.width(), b.height(), GraphStyle.radius(k), GraphStyle.fill(k, b.status()), stroke,
                b.error() ? 2.5 : k.isGroup() ? 1.5 : b.status() != Status.NONE ? 1.5 : 1,
                b.error() ? null : GraphStyle.outline(k));
        if (k.isGroup()) {
            double left = b.x() + PAD * 1.6;
            c.text(left, b.y() + 22, b.title(), GraphStyle.GROUP_TITLE_SIZE, true, GraphStyle.TEXT);
            c.text(left, b.y() + 39, b.subtitle(), GraphStyle.GROUP_SUBTITLE_SIZE, false,
                    k == BoxKind.REMOTE_GROUP ? GraphStyle.UNKNOWN : GraphStyle.MUTED_TEXT);
        } else if (k.isPhase()) {
            c.text(b.x() + PAD, b.y() + 18, b.title(), GraphStyle.PHASE_TITLE_SIZE, true, b.error() ? GraphStyle.ERROR : GraphStyle.TEXT);
            c.text(b.x() + PAD, b.y() + 33, b.subtitle(), GraphStyle.PHASE_SUBTITLE_SIZE, false, GraphStyle.MUTED_TEXT);
        } else {
            c.text(b.x() + PAD, b.y() + b.height() / 2 + GraphStyle.ENVIRONMENT_SIZE * 0.36, b.title(), GraphStyle.ENVIRONMENT_SIZE, false,
                    b.error() ? GraphStyle.ERROR : GraphStyle.TEXT);
            if (b.status() != Status.NONE) {
                double w = TextMeasure.width(b.statusText(), GraphStyle.STATUS_SIZE, true);
                c.text(b.maxX() - PAD * 0.8 - w, b.y() + b.height() / 2 + GraphStyle.STATUS_SIZE * 0.36, b.statusText(), GraphStyle.STATUS_SIZE, true,
                        GraphStyle.stroke(k, b.status()));
            }
        }
        c.end();
    }

    static void line(Canvas c, Line l) {
        if (l.points().size() < 2) {
            return;
        }
        c.begin(l.id(), "edge " + l.kind().name().toLowerCase(Locale.ROOT) + " " + l.trust().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        String colour = GraphStyle.colour(l.kind(), l.trust());
        double width = GraphStyle.width(l.kind());
        double head = l.kind() == EdgeKind.PROMOTION ? 12 : 9;
        List<Point> route = new ArrayList<>(l.points());
        Point end = route.get(route.size() - 1);
        Point before = route.get(route.size() - 2);
        route.set(route.size() - 1, GraphGeometry.towards(end, before, head * 0.8));
        c.polyline(route, colour, width, GraphStyle.dash(l.kind(), l.trust()));
        c.polygon(GraphGeometry.arrowHead(before, end, head, head * 0.45), colour);
        if (l.labelAt() != null && !l.label().isEmpty()) {
            double w = TextMeasure.width(l.label(), GraphStyle.EDGE_LABEL_SIZE, true) + 10;
            double h = GraphStyle.EDGE_LABEL_SIZE + 8;
            c.rect(l.labelAt().x(), l.labelAt().y(), w, h, 4, GraphStyle.BACKGROUND, colour, 1.2, null);
            c.text(l.labelAt().x() + 5, l.labelAt().y() + h / 2 + GraphStyle.EDGE_LABEL_SIZE * 0.36, l.label(), GraphStyle.EDGE_LABEL_SIZE, true, colour);
        }
        if (l.kind() == EdgeKind.PROMOTION && l.trust() == TrustState.NOT_TRUSTED) {
            Point m = GraphGeometry.markerPoint(l.points());
            notTrustedMarker(c, m.x(), m.y());
        }
        c.end();
    }

    static void notTrustedMarker(Canvas c, double x, double y) {
        c.circle(x, y, 8, GraphStyle.NOT_TRUSTED, GraphStyle.BACKGROUND, 1.5);
        c.line(x - 3.5, y - 3.5, x + 3.5, y + 3.5, GraphStyle.BACKGROUND, 2);
        c.line(x - 3.5, y + 3.5, x + 3.5, y - 3.5, GraphStyle.BACKGROUND, 2);
    }

    private static final String PROMOTIONS = "Promotion of a release bundle:";
    private static final String[] ROW2_WORDS = {"next phase", "back after the other space", "has an error", "remote space"};

    private static double legendWidth() {
        double w = TextMeasure.width(PROMOTIONS, LEGEND_SIZE, true) + 12;
        for (String s : new String[] {GraphStyle.TRUSTED_WORDS, GraphStyle.NOT_TRUSTED_WORDS, GraphStyle.UNKNOWN_WORDS}) {
            w += 44 + TextMeasure.width(s, LEGEND_SIZE, false) + 20;
        }
        return w;
    }

    private static final double ROW3 = MARGIN + 58;
    private static final String DEPLOYMENTS = "Latest deployment of the project:";
    private static final String[][] STATUS_WORDS = {{"1.0 ✓", "succeeded"}, {"1.0 ✗", "failed"}, {"", "not deployed"}};

    private static void statusLegend(Canvas c) {
        double x = MARGIN;
        c.text(x, ROW3 + 4, DEPLOYMENTS, LEGEND_SIZE, true, GraphStyle.TEXT);
        x += TextMeasure.width(DEPLOYMENTS, LEGEND_SIZE, true) + 12;
        Status[] all = {Status.SUCCEEDED, Status.FAILED, Status.NONE};
        for (int i = 0; i < all.length; i++) {
            c.rect(x, ROW3 - 8, 48, 16, 3, GraphStyle.fill(BoxKind.ENVIRONMENT, all[i]), GraphStyle.stroke(BoxKind.ENVIRONMENT, all[i]), 1.5, null);
            if (!STATUS_WORDS[i][0].isEmpty()) {
                c.text(x + 4, ROW3 + 4, STATUS_WORDS[i][0], GraphStyle.STATUS_SIZE, true, GraphStyle.stroke(BoxKind.ENVIRONMENT, all[i]));
            }
            x = legendWords(c, x + 56, ROW3, STATUS_WORDS[i][1]);
        }
    }

    private static void legend(Canvas c, boolean status) {
        c.begin("legend", "legend");
        double x = MARGIN;
        c.text(x, ROW1 + 4, PROMOTIONS, LEGEND_SIZE, true, GraphStyle.TEXT);
        x += TextMeasure.width(PROMOTIONS, LEGEND_SIZE, true) + 12;
        x = sample(c, x, ROW1, EdgeKind.PROMOTION, TrustState.TRUSTED, GraphStyle.TRUSTED_WORDS);
        double marker = x + 18;
        x = sample(c, x, ROW1, EdgeKind.PROMOTION, TrustState.NOT_TRUSTED, GraphStyle.NOT_TRUSTED_WORDS);
        notTrustedMarker(c, marker, ROW1);
        sample(c, x, ROW1, EdgeKind.PROMOTION, TrustState.UNKNOWN, GraphStyle.UNKNOWN_WORDS);
        x = MARGIN;
        x = sample(c, x, ROW2, EdgeKind.NEXT, TrustState.NOT_APPLICABLE, ROW2_WORDS[0]);
        x = sample(c, x, ROW2, EdgeKind.CONTINUES, TrustState.NOT_APPLICABLE, ROW2_WORDS[1]);
        c.rect(x, ROW2 - 7, 30, 14, 3, GraphStyle.BACKGROUND, GraphStyle.ERROR, 2.5, null);
        x = legendWords(c, x + 38, ROW2, ROW2_WORDS[2]);
        c.rect(x, ROW2 - 7, 30, 14, 3, GraphStyle.fill(BoxKind.REMOTE_GROUP), GraphStyle.stroke(BoxKind.REMOTE_GROUP), 1.5, new double[] {6, 4});
        legendWords(c, x + 38, ROW2, ROW2_WORDS[3]);
        if (status) {
            statusLegend(c);
        }
        c.end();
    }

    private static double sample(Canvas c, double x, double y, EdgeKind kind, TrustState trust, String words) {
        String colour = GraphStyle.colour(kind, trust);
        double head = kind == EdgeKind.PROMOTION ? 10 : 8;
        c.polyline(List.of(new Point(x, y), new Point(x + 36 - head * 0.8, y)), colour, GraphStyle.width(kind), GraphStyle.dash(kind, trust));
        c.polygon(GraphGeometry.arrowHead(new Point(x, y), new Point(x + 36, y), head, head * 0.45), colour);
        return legendWords(c, x + 44, y, words);
    }

    private static double legendWords(Canvas c, double x, double y, String words) {
        c.text(x, y + 4, words, LEGEND_SIZE, false, GraphStyle.TEXT);
        return x + TextMeasure.width(words, LEGEND_SIZE, false) + 20;
    }

    /** Draws onto another canvas moved by an offset. */
    private record Shifted(Canvas to, double dx, double dy) implements Canvas {
        private List<Point> move(List<Point> points) {
            return points.stream().map(p -> new Point(p.x() + dx, p.y() + dy)).toList();
        }

        @Override
        public void rect(double x, double y, double width, double height, double radius, String fill, String stroke, double strokeWidth, double[] dash) {
            to.rect(x + dx, y + dy, width, height, radius, fill, stroke, strokeWidth, dash);
        }

        @Override
        public void polyline(List<Point> points, String stroke, double width, double[] dash) {
            to.polyline(move(points), stroke, width, dash);
        }

        @Override
        public void polygon(List<Point> points, String fill) {
            to.polygon(move(points), fill);
        }

        @Override
        public void circle(double cx, double cy, double r, String fill, String stroke, double strokeWidth) {
            to.circle(cx + dx, cy + dy, r, fill, stroke, strokeWidth);
        }

        @Override
        public void line(double x1, double y1, double x2, double y2, String stroke, double width) {
            to.line(x1 + dx, y1 + dy, x2 + dx, y2 + dy, stroke, width);
        }

        @Override
        public void text(double x, double baseline, String text, double size, boolean bold, String colour) {
            to.text(x + dx, baseline + dy, text, size, bold, colour);
        }

        @Override
        public void begin(String id, String classes) {
            to.begin(id, classes);
        }

        @Override
        public void end() {
            to.end();
        }
    }
}

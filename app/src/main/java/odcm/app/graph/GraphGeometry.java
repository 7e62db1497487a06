package odcm.app.graph;

import java.util.List;
import odcm.app.graph.GraphLayout.Point;

/** Small geometry shared by every renderer, the console's included: arrow heads and where a marker sits on a route. */
public final class GraphGeometry {
    private GraphGeometry() {
    }

    /** The triangle of an arrow pointing from {@code from} to its tip {@code tip}. */
    public static List<Point> arrowHead(Point from, Point tip, double length, double halfWidth) {
        double dx = tip.x() - from.x();
        double dy = tip.y() - from.y();
        double d = Math.hypot(dx, dy);
        if (d == 0) {
            dx = 1;
            d = 1;
        }
        double ux = dx / d;
        double uy = dy / d;
        double bx = tip.x() - ux * length;
        double by = tip.y() - uy * length;
        return List.of(tip, new Point(bx - uy * halfWidth, by + ux * halfWidth), new Point(bx + uy * halfWidth, by - ux * halfWidth));
    }

    /** The point {@code distance} from {@code p} in the direction of {@code towards}. */
    public static Point towards(Point p, Point towards, double distance) {
        double d = Math.hypot(towards.x() - p.x(), towards.y() - p.y());
        if (d == 0) {
            return p;
        }
        double t = Math.min(1, distance / d);
        return new Point(p.x() + (towards.x() - p.x()) * t, p.y() + (towards.y() - p.y()) * t);
    }

    /** Where a marker on a route reads best: a little after the start of its first long enough segment. */
    public static Point markerPoint(List<Point> route) {
        for (int i = 1; i < route.size(); i++) {
            Point a = route.get(i - 1);
            Point b = route.get(i);
            double d = Math.hypot(b.x() - a.x(), b.y() - a.y());
            if (d >= 30) {
                return towards(a, b, Math.min(d / 2, 22));
            }
        }
        Point a = route.get(0);
        Point b = route.get(route.size() - 1);
        return new Point((a.x() + b.x()) / 2, (a.y() + b.y()) / 2);
    }
}

package odcm.app.graph;

import java.util.List;
import java.util.Optional;
import odcm.model.lifecycle.composite.CompositeLifecycle.EdgeKind;
import odcm.model.lifecycle.composite.CompositeLifecycle.TrustState;

/**
 * A laid-out composite lifecycle, in absolute coordinates (origin top left, y down): rectangles for spaces,
 * phases and environments, polylines for edges. Immutable and free of any toolkit, so the console, the SVG and
 * the PNG renderers all draw the same picture.
 */
public record GraphLayout(double width, double height, List<Box> boxes, List<Line> lines) {

    public GraphLayout {
        boxes = List.copyOf(boxes);
        lines = List.copyOf(lines);
    }

    public enum BoxKind {
        GROUP, REMOTE_GROUP, PHASE, REMOTE_PHASE, ENVIRONMENT, REMOTE_ENVIRONMENT,
        /** An environment template in a phase (dashed), and a live instance of one (decision 0057). */
        TEMPLATE, INSTANCE;

        public boolean isGroup() {
            return this == GROUP || this == REMOTE_GROUP;
        }

        public boolean isPhase() {
            return this == PHASE || this == REMOTE_PHASE;
        }

        public boolean isEnvironment() {
            return this == ENVIRONMENT || this == REMOTE_ENVIRONMENT || this == TEMPLATE || this == INSTANCE;
        }
    }

    /** An environment's deployment status for the project drawn: not colour alone, the renderers also write ✓ or ✗. */
    public enum Status {
        NONE, SUCCEEDED, FAILED
    }

    public record Point(double x, double y) {
    }

    /**
     * @param id       the model's node id, or the group id for a space
     * @param parentId the enclosing box (a phase for an environment, a group for a phase), null for a group
     * @param subtitle a group's lifecycle, a phase's progression rule; may be empty
     * @param error    an ERROR finding is about this node
     * @param status   for an environment: the outcome of the latest deployment of the project there, NONE when not deployed
     *                 (or not an environment); {@code statusText} says it in words ("1.2.0 ✓"), empty with NONE
     */
    public record Box(String id, String parentId, BoxKind kind, double x, double y, double width, double height, String title, String subtitle,
                      boolean error, Status status, String statusText) {
        public Box {
            status = status == null ? Status.NONE : status;
            statusText = statusText == null ? "" : statusText;
        }

        public double maxX() {
            return x + width;
        }

        public double maxY() {
            return y + height;
        }

        public boolean contains(Box other) {
            return other.x >= x && other.y >= y && other.maxX() <= maxX() && other.maxY() <= maxY();
        }

        public boolean overlaps(Box other) {
            return x < other.maxX() && other.x < maxX() && y < other.maxY() && other.y < maxY();
        }

        public boolean contains(Point p) {
            return p.x() >= x - 0.5 && p.x() <= maxX() + 0.5 && p.y() >= y - 0.5 && p.y() <= maxY() + 0.5;
        }
    }

    /**
     * @param points  the route, from the source box's border to the target box's border
     * @param label   text on the edge ("bundle" for a promotion), empty for none
     * @param labelAt top left corner of the label's box, null without a label
     */
    public record Line(String id, String from, String to, EdgeKind kind, TrustState trust, List<Point> points, String label, Point labelAt) {
        public Line {
            points = List.copyOf(points);
        }
    }

    public Optional<Box> box(String id) {
        return boxes.stream().filter(b -> b.id().equals(id)).findFirst();
    }

    public Optional<Line> line(String id) {
        return lines.stream().filter(l -> l.id().equals(id)).findFirst();
    }

    /** Some environment shows a deployment status (the legend then explains the colours). */
    public boolean hasStatus() {
        return boxes.stream().anyMatch(b -> b.status() != Status.NONE);
    }

    public List<Box> boxes(BoxKind kind) {
        return boxes.stream().filter(b -> b.kind() == kind).toList();
    }
}

package odcm.app.graph;

import java.util.List;
import odcm.app.graph.GraphLayout.Point;

/** The few drawing operations {@link GraphPainter} needs; implemented for SVG text and for Java2D. Colours are "#rrggbb". */
public interface Canvas {

    /** @param dash dash pattern, null for solid; stroke null for none */
    void rect(double x, double y, double width, double height, double radius, String fill, String stroke, double strokeWidth, double[] dash);

    void polyline(List<Point> points, String stroke, double width, double[] dash);

    void polygon(List<Point> points, String fill);

    void circle(double cx, double cy, double r, String fill, String stroke, double strokeWidth);

    void line(double x1, double y1, double x2, double y2, String stroke, double width);

    /** Text with its left end at {@code x} and its baseline at {@code baseline}. */
    void text(double x, double baseline, String text, double size, boolean bold, String colour);

    /** Starts a named part of the picture (an SVG group); parts nest. */
    default void begin(String id, String classes) {
    }

    default void end() {
    }
}

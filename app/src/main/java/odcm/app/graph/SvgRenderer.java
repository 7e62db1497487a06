package odcm.app.graph;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import odcm.app.graph.GraphLayout.Point;

/** A laid-out lifecycle as one self-contained SVG document (no external fonts, styles or images). */
public final class SvgRenderer {
    private SvgRenderer() {
    }

    public static String render(GraphLayout layout, String title) {
        double w = GraphPainter.pictureWidth(layout);
        double h = GraphPainter.pictureHeight(layout);
        SvgCanvas c = new SvgCanvas();
        c.out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(n(w)).append("\" height=\"").append(n(h))
                .append("\" viewBox=\"0 0 ").append(n(w)).append(' ').append(n(h)).append("\" font-family=\"")
                .append(escape(GraphStyle.SVG_FONTS)).append("\">\n<title>").append(escape(title)).append("</title>\n");
        GraphPainter.paint(layout, c);
        return c.out.append("</svg>\n").toString();
    }

    public static void write(GraphLayout layout, String title, Path file) throws IOException {
        Files.writeString(file, render(layout, title), StandardCharsets.UTF_8);
    }

    /** A coordinate with one decimal at most ("12", "12.5", "-0.5"); much faster than String.format for big graphs. */
    static String n(double v) {
        long t = Math.round(Math.abs(v) * 10);
        String sign = v < 0 && t != 0 ? "-" : "";
        return t % 10 == 0 ? sign + t / 10 : sign + t / 10 + "." + t % 10;
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&apos;");
    }

    private static final class SvgCanvas implements Canvas {
        final StringBuilder out = new StringBuilder(64 * 1024);

        private String stroke(String colour, double width, double[] dash) {
            if (colour == null) {
                return " stroke=\"none\"";
            }
            String s = " stroke=\"" + colour + "\" stroke-width=\"" + n(width) + "\"";
            if (dash != null) {
                s += " stroke-dasharray=\"" + java.util.Arrays.stream(dash).mapToObj(SvgRenderer::n).collect(Collectors.joining(" ")) + "\"";
            }
            return s;
        }

        private static String points(List<Point> points) {
            return points.stream().map(p -> n(p.x()) + "," + n(p.y())).collect(Collectors.joining(" "));
        }

        @Override
        public void rect(double x, double y, double width, double height, double radius, String fill, String stroke, double strokeWidth, double[] dash) {
            out.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(width)).append("\" height=\"")
                    .append(n(height)).append("\" rx=\"").append(n(radius)).append("\" fill=\"").append(fill).append('"')
                    .append(stroke(stroke, strokeWidth, dash)).append("/>\n");
        }

        @Override
        public void polyline(List<Point> points, String stroke, double width, double[] dash) {
            out.append("<polyline points=\"").append(points(points)).append("\" fill=\"none\"").append(stroke(stroke, width, dash))
                    .append(" stroke-linejoin=\"round\"/>\n");
        }

        @Override
        public void polygon(List<Point> points, String fill) {
            out.append("<polygon points=\"").append(points(points)).append("\" fill=\"").append(fill).append("\"/>\n");
        }

        @Override
        public void circle(double cx, double cy, double r, String fill, String stroke, double strokeWidth) {
            out.append("<circle cx=\"").append(n(cx)).append("\" cy=\"").append(n(cy)).append("\" r=\"").append(n(r)).append("\" fill=\"")
                    .append(fill).append('"').append(stroke(stroke, strokeWidth, null)).append("/>\n");
        }

        @Override
        public void line(double x1, double y1, double x2, double y2, String stroke, double width) {
            out.append("<line x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1)).append("\" x2=\"").append(n(x2)).append("\" y2=\"")
                    .append(n(y2)).append('"').append(stroke(stroke, width, null)).append(" stroke-linecap=\"round\"/>\n");
        }

        @Override
        public void text(double x, double baseline, String text, double size, boolean bold, String colour) {
            if (text == null || text.isEmpty()) {
                return;
            }
            out.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(baseline)).append("\" font-size=\"").append(n(size)).append('"')
                    .append(bold ? " font-weight=\"bold\"" : "").append(" fill=\"").append(colour).append("\">").append(escape(text))
                    .append("</text>\n");
        }

        @Override
        public void begin(String id, String classes) {
            out.append("<g id=\"").append(escape(id)).append("\" class=\"").append(escape(classes)).append("\">\n");
        }

        @Override
        public void end() {
            out.append("</g>\n");
        }
    }
}

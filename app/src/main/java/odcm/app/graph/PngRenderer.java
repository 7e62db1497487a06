package odcm.app.graph;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import odcm.app.graph.GraphLayout.Point;

/** The same picture as {@link SvgRenderer}, painted with Java2D into an image; headless-safe. */
public final class PngRenderer {
    private PngRenderer() {
    }

    /** @param scale 1 for one pixel per layout unit, 2 for a sharper picture */
    public static BufferedImage render(GraphLayout layout, double scale) {
        int w = (int) Math.ceil(GraphPainter.pictureWidth(layout) * scale);
        int h = (int) Math.ceil(GraphPainter.pictureHeight(layout) * scale);
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.scale(scale, scale);
            GraphPainter.paint(layout, new Java2dCanvas(g));
        } finally {
            g.dispose();
        }
        return image;
    }

    public static byte[] png(GraphLayout layout, double scale) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(render(layout, scale), "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static void write(GraphLayout layout, double scale, Path file) throws IOException {
        Files.write(file, png(layout, scale));
    }

    private record Java2dCanvas(Graphics2D g) implements Canvas {
        private static Color colour(String hex) {
            return Color.decode(hex);
        }

        private void stroke(String colour, double width, double[] dash, java.awt.Shape shape) {
            if (colour == null || width <= 0) {
                return;
            }
            float[] d = null;
            if (dash != null) {
                d = new float[dash.length];
                for (int i = 0; i < dash.length; i++) {
                    d[i] = (float) dash[i];
                }
            }
            g.setStroke(new BasicStroke((float) width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, d, 0f));
            g.setColor(colour(colour));
            g.draw(shape);
        }

        private static Path2D path(List<Point> points, boolean close) {
            Path2D p = new Path2D.Double();
            p.moveTo(points.get(0).x(), points.get(0).y());
            points.stream().skip(1).forEach(q -> p.lineTo(q.x(), q.y()));
            if (close) {
                p.closePath();
            }
            return p;
        }

        @Override
        public void rect(double x, double y, double width, double height, double radius, String fill, String stroke, double strokeWidth, double[] dash) {
            RoundRectangle2D r = new RoundRectangle2D.Double(x, y, width, height, 2 * radius, 2 * radius);
            g.setColor(colour(fill));
            g.fill(r);
            stroke(stroke, strokeWidth, dash, r);
        }

        @Override
        public void polyline(List<Point> points, String stroke, double width, double[] dash) {
            stroke(stroke, width, dash, path(points, false));
        }

        @Override
        public void polygon(List<Point> points, String fill) {
            g.setColor(colour(fill));
            g.fill(path(points, true));
        }

        @Override
        public void circle(double cx, double cy, double r, String fill, String stroke, double strokeWidth) {
            Ellipse2D e = new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r);
            g.setColor(colour(fill));
            g.fill(e);
            stroke(stroke, strokeWidth, null, e);
        }

        @Override
        public void line(double x1, double y1, double x2, double y2, String stroke, double width) {
            g.setStroke(new BasicStroke((float) width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.setColor(colour(stroke));
            g.draw(new Line2D.Double(x1, y1, x2, y2));
        }

        @Override
        public void text(double x, double baseline, String text, double size, boolean bold, String colour) {
            if (text == null || text.isEmpty()) {
                return;
            }
            g.setFont(TextMeasure.font(size, bold));
            g.setColor(colour(colour));
            g.drawString(text, (float) x, (float) baseline);
        }
    }
}

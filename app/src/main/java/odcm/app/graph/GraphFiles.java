package odcm.app.graph;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import odcm.model.Refusal;

/** Writes a laid-out lifecycle to a file, as SVG or PNG by the file's extension. */
public final class GraphFiles {
    /** PNGs are drawn at twice the layout's size, so they stay sharp on a high-density screen or when printed. */
    public static final double PNG_SCALE = 2;

    private GraphFiles() {
    }

    public static void write(GraphLayout layout, String title, Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".svg")) {
            SvgRenderer.write(layout, title, file);
        } else if (name.endsWith(".png")) {
            PngRenderer.write(layout, PNG_SCALE, file);
        } else {
            throw new Refusal("Choose a file name ending in .svg or .png, not '" + file.getFileName() + "'.");
        }
    }
}

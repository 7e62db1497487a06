package odcm.app.graph;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Text widths for the layout, measured with Java2D's fonts (works headless), so boxes fit their labels. */
public final class TextMeasure {
    private static final FontRenderContext CONTEXT = new FontRenderContext(null, true, true);
    private static final Map<String, Font> FONTS = new ConcurrentHashMap<>();

    private TextMeasure() {
    }

    public static Font font(double size, boolean bold) {
        return FONTS.computeIfAbsent(size + "/" + bold, k -> new Font(GraphStyle.FONT, bold ? Font.BOLD : Font.PLAIN, 1).deriveFont((float) size));
    }

    public static double width(String text, double size, boolean bold) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        return font(size, bold).getStringBounds(text, CONTEXT).getWidth();
    }
}

package odcm.app.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import javafx.geometry.Rectangle2D;

/**
 * Where the console's window was and what it showed when it was last closed (issue 16): its size, position and whether it
 * was maximised, and per store the current space and screen. Kept in {@code window.properties} in the user's config
 * folder ({@code $ODCM_CONFIG_DIR}, else {@code $XDG_CONFIG_HOME/odcm}, else {@code ~/.config/odcm}); it holds no
 * secret: numbers, a space's name, a screen's id, and each store named only by a hash of its location. A file that
 * cannot be read or written is as if there were none: the window opens at its first size, and nothing is said.
 */
public record WindowPlace(Rectangle2D bounds, boolean maximized, String space, String screen) {
    static final String FILE = "window.properties";
    /** The window's first size, when nothing is remembered. */
    static final double WIDTH = 1100;
    static final double HEIGHT = 720;

    public static WindowPlace none() {
        return new WindowPlace(null, false, "", "");
    }

    /** The folder of the file, from the environment (a test or a benchmark names its own). */
    public static Path folder(Map<String, String> env, String home) {
        String own = env.get("ODCM_CONFIG_DIR");
        if (own != null && !own.isBlank()) {
            return Path.of(own);
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(home, ".config")).resolve("odcm");
    }

    /** What the file in {@code folder} says for the store named {@code store}; nothing where it cannot be read. */
    public static WindowPlace read(Path folder, String store) {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(folder.resolve(FILE))) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            return none();
        }
        Rectangle2D bounds = null;
        try {
            double w = Double.parseDouble(p.getProperty("width", ""));
            double h = Double.parseDouble(p.getProperty("height", ""));
            double x = Double.parseDouble(p.getProperty("x", ""));
            double y = Double.parseDouble(p.getProperty("y", ""));
            if (w >= 400 && h >= 300 && w <= 20000 && h <= 20000 && Double.isFinite(x) && Double.isFinite(y)) {
                bounds = new Rectangle2D(x, y, w, h);
            }
        } catch (NumberFormatException e) {
            bounds = null;
        }
        String key = key(store);
        return new WindowPlace(bounds, Boolean.parseBoolean(p.getProperty("maximized")), p.getProperty(key + ".space", ""),
                p.getProperty(key + ".screen", ""));
    }

    /**
     * Writes this place into the file in {@code folder}, keeping what it says of other stores; whole or not at all
     * (written beside it, then moved over it). Quietly nothing where the folder cannot be written.
     */
    public void write(Path folder, String store) {
        try {
            Files.createDirectories(folder);
            Properties p = new Properties();
            Path file = folder.resolve(FILE);
            if (Files.exists(file)) {
                try (InputStream in = Files.newInputStream(file)) {
                    p.load(in);
                } catch (IllegalArgumentException e) {
                    p.clear();
                }
            }
            if (bounds != null) {
                p.setProperty("x", Double.toString(bounds.getMinX()));
                p.setProperty("y", Double.toString(bounds.getMinY()));
                p.setProperty("width", Double.toString(bounds.getWidth()));
                p.setProperty("height", Double.toString(bounds.getHeight()));
            }
            p.setProperty("maximized", Boolean.toString(maximized));
            String key = key(store);
            p.setProperty(key + ".space", space);
            p.setProperty(key + ".screen", screen);
            Path next = folder.resolve(FILE + ".new");
            try (OutputStream out = Files.newOutputStream(next)) {
                p.store(out, "ODCM Console: where its window was; stores by a hash of their location");
            }
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            // the window's place is a comfort, not the user's data: not remembered this time
        }
    }

    /**
     * The remembered bounds where enough of them (a title bar's worth) lies on one of these screens; none where the
     * window would open off every screen (a monitor unplugged since), so it opens at its first size where the system puts it.
     */
    public Optional<Rectangle2D> onScreen(List<Rectangle2D> screens) {
        if (bounds == null) {
            return Optional.empty();
        }
        for (Rectangle2D s : screens) {
            // the part of its title bar (its top 40 px) on this screen: enough to take hold of the window and move it
            double w = Math.min(bounds.getMaxX(), s.getMaxX()) - Math.max(bounds.getMinX(), s.getMinX());
            double h = Math.min(bounds.getMinY() + 40, s.getMaxY()) - Math.max(bounds.getMinY(), s.getMinY());
            if (w >= 100 && h >= 20) {
                return Optional.of(bounds);
            }
        }
        return Optional.empty();
    }

    /** A store's name in the file: a hash of its location, which says nothing of it to whoever reads the file. */
    static String key(String store) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(store.getBytes(StandardCharsets.UTF_8));
            return "store." + HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

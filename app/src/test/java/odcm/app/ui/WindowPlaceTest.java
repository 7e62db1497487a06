package odcm.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The window's place across starts (issue 16): remembered per store, off-screen places ignored, never the store's location. */
class WindowPlaceTest {
    @TempDir
    Path tmp;

    private static final List<Rectangle2D> ONE_SCREEN = List.of(new Rectangle2D(0, 0, 1920, 1200));

    @Test
    void aPlaceIsReadBackAsItWasWrittenPerStore() throws Exception {
        Path folder = tmp.resolve("config");
        new WindowPlace(new Rectangle2D(100, 50, 1600, 1000), true, "QA Space", "nav-releases").write(folder, "/home/ann/store");
        new WindowPlace(new Rectangle2D(120, 60, 1300, 800), false, "DevTest Space", "nav-pipeline").write(folder, "/home/ann/other");

        WindowPlace first = WindowPlace.read(folder, "/home/ann/store");
        assertEquals("QA Space", first.space());
        assertEquals("nav-releases", first.screen());
        assertEquals(new Rectangle2D(120, 60, 1300, 800), first.bounds(), "the window's bounds are the last written, whatever the store");
        assertFalse(first.maximized());
        assertEquals("nav-pipeline", WindowPlace.read(folder, "/home/ann/other").screen());
        assertEquals("", WindowPlace.read(folder, "/elsewhere").space(), "nothing for a store never opened");
        String file = Files.readString(folder.resolve(WindowPlace.FILE));
        assertFalse(file.contains("/home/ann"), "a store is named by a hash of its location only: " + file);
    }

    @Test
    void aPlaceOffEveryScreenIsIgnored() {
        assertEquals(Optional.of(new Rectangle2D(100, 50, 1100, 720)),
                new WindowPlace(new Rectangle2D(100, 50, 1100, 720), false, "", "").onScreen(ONE_SCREEN));
        assertTrue(new WindowPlace(new Rectangle2D(2500, 50, 1100, 720), false, "", "").onScreen(ONE_SCREEN).isEmpty(),
                "on a monitor unplugged since");
        assertTrue(new WindowPlace(new Rectangle2D(100, 1190, 1100, 720), false, "", "").onScreen(ONE_SCREEN).isEmpty(),
                "its title bar below the screen");
        assertTrue(new WindowPlace(new Rectangle2D(2500, 50, 1100, 720), false, "", "")
                .onScreen(List.of(ONE_SCREEN.get(0), new Rectangle2D(1920, 0, 2560, 1440))).isPresent(), "on the second monitor");
    }

    @Test
    void aFileThatCannotBeReadIsAsIfThereWereNone() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("bad"));
        Files.writeString(folder.resolve(WindowPlace.FILE), "width=wide\nheight=-3\nx=\\u00zz");
        assertEquals(WindowPlace.none(), WindowPlace.read(folder, "s"));
        assertEquals(WindowPlace.none(), WindowPlace.read(tmp.resolve("missing"), "s"));
        Files.writeString(folder.resolve(WindowPlace.FILE), "width=50\nheight=30\nx=0\ny=0\n");
        assertEquals(null, WindowPlace.read(folder, "s").bounds(), "too small to be a window the console made");
    }

    /** Closed on the Releases screen of QA Space in a 1300×850 window: opened again there, at that size. */
    @Test
    void theConsoleOpensWhereItWasClosed() throws Exception {
        org.testfx.api.FxToolkit.registerPrimaryStage();
        odcm.persistence.StoreLocation store = TestStores.demo(tmp, "demo");
        Path config = tmp.resolve("config");
        try (ConsoleDriver c = ConsoleDriver.remembering(store, config)) {
            org.testfx.util.WaitForAsyncUtils.asyncFx(() -> {
                c.scene().getWindow().setWidth(1300);
                c.scene().getWindow().setHeight(850);
                c.console().main().picker().current().choose(odcm.app.apply.Demo.QA);
            }).get();
            c.open("nav-releases");
        }
        WindowPlace written = WindowPlace.read(config, store.describe());
        assertEquals("QA Space", written.space());
        assertEquals("nav-releases", written.screen());
        assertEquals(1300, written.bounds().getWidth());
        try (ConsoleDriver c = ConsoleDriver.remembering(store, config)) {
            assertEquals("QA Space", c.console().main().picker().current().name());
            assertTrue(c.<javafx.scene.control.ToggleButton>node("#nav-releases").isSelected(), "the screen last shown");
            assertEquals(1300, c.scene().getWindow().getWidth());
            assertEquals(850, c.scene().getWindow().getHeight());
        }
    }

    @Test
    void theFolderComesFromTheEnvironment() {
        assertEquals(Path.of("/t/c"), WindowPlace.folder(Map.of("ODCM_CONFIG_DIR", "/t/c", "XDG_CONFIG_HOME", "/x"), "/home/ann"));
        assertEquals(Path.of("/x/odcm"), WindowPlace.folder(Map.of("XDG_CONFIG_HOME", "/x"), "/home/ann"));
        assertEquals(Path.of("/home/ann/.config/odcm"), WindowPlace.folder(Map.of(), "/home/ann"));
    }
}

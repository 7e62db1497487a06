package odcm.app.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.DialogPane;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import odcm.app.ui.task.FxTaskRunner;
import odcm.persistence.StoreLocation;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.service.finder.WindowFinder;
import org.testfx.util.WaitForAsyncUtils;

/** Drives one console window as a user would, waits for its background work, and takes snapshots. */
public final class ConsoleDriver extends DirectRobot implements AutoCloseable {
    public static final Path SHOTS = Path.of(System.getProperty("basedir", ".")).resolve("target").resolve("screenshots");
    public final ScriptedFilePicker files = new ScriptedFilePicker();
    public final AtomicBoolean exited = new AtomicBoolean(false);
    /** What the console's background work was about, in order ("Loading spaces", …), from its very start. */
    public final List<String> activities = new CopyOnWriteArrayList<>();
    private final Stage stage;
    private final Console console;

    public ConsoleDriver(StoreLocation location) throws Exception {
        this(location, (Path) null);
    }

    /** A console opened with {@code show}, a bundle or receipt file ({@code odcm FILE}), or with none; returns once open. */
    public ConsoleDriver(StoreLocation location, Path show) throws Exception {
        this(location, runner -> { }, show, null);
        // The store begins to open only after the first frame (decision 0028): until then the runner is not busy yet.
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> console.main() != null
                || stage.getScene() != null && stage.getScene().lookup("#opening-store") == null).get());
        idle();
    }

    /** A console that opens where the place file in {@code config} says and writes it there at close (ConsoleApp's way). */
    static ConsoleDriver remembering(StoreLocation location, Path config) throws Exception {
        ConsoleDriver driver = new ConsoleDriver(location, runner -> { }, null, config);
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> driver.console.main() != null).get());
        driver.idle();
        return driver;
    }

    /** A console whose runner got {@code first} before the console started (e.g. work that holds it); returns once the window shows. */
    ConsoleDriver(StoreLocation location, java.util.function.Consumer<FxTaskRunner> first) throws Exception {
        this(location, first, null, null);
    }

    private ConsoleDriver(StoreLocation location, java.util.function.Consumer<FxTaskRunner> first, Path show, Path config) throws Exception {
        stage = FxToolkit.registerStage(Stage::new);
        console = WaitForAsyncUtils.asyncFx(() -> {
            FxTaskRunner runner = new FxTaskRunner();
            runner.activityProperty().addListener((o, was, now) -> {
                if (!now.isEmpty()) {
                    activities.add(now);
                }
            });
            first.accept(runner);
            Console c = new Console(stage, location, runner, files, () -> exited.set(true));
            if (show != null) {
                c.showFile(show);
            }
            if (config != null) {
                c.remembers(config, WindowPlace.read(config, location.describe()));
            }
            c.start();
            return c;
        }).get(10, TimeUnit.SECONDS);
        DirectRobot.settle();
    }

    /**
     * Waits until every background task delivered its outcome and the FX thread caught up. The limit only ends a hung
     * test: a console's first start in a fresh test JVM took over 60 s at load 30 on two cores (decision 0025).
     */
    public ConsoleDriver idle() {
        try {
            DirectRobot.settle();
            WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> !WaitForAsyncUtils.asyncFx(() -> console.runner().isBusy()).get());
            // A screen in the making says "Opening …" in its place; the start's first screen comes a pulse after the
            // window's frame (decision 0033, 2026-12-04), with no work on the runner.
            WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> stage.getScene() == null
                    || !(stage.getScene().lookup("#screen-opening") instanceof javafx.scene.control.Label l && l.getText().startsWith("Opening "))).get());
            DirectRobot.settle(2);
        } catch (Exception e) {
            throw new IllegalStateException("the console stayed busy", e);
        }
        return this;
    }

    /**
     * Clicks the navigation button {@code navId} (e.g. "nav-lifecycles") and waits until the console has taken that screen
     * and is idle: the robot's click reaches the scene through Monocle's input thread, which on a loaded machine can come
     * after {@link #idle()} found nothing to wait for (a clean-clone run met FirstRunOfferTest's click on Lifecycles not yet
     * handled). Only where leaving the screen is never held back by unsaved edits.
     */
    public ConsoleDriver open(String navId) {
        clickOn("#" + navId);
        try {
            WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> navId.equals(console.main().currentId())).get());
        } catch (Exception e) {
            throw new IllegalStateException("the console did not take " + navId, e);
        }
        return idle();
    }

    /** Types {@code text} as {@link #write(FxRobot, String)} does. */
    @Override
    public FxRobot write(String text) {
        write(this, text);
        return this;
    }

    /**
     * Types {@code text} as TestFX's {@code write} does: each character pressed, typed and released by the same robot in
     * the focused window's scene, the FX thread having handled them before the next character, and idle at the end. The
     * one difference: after a character it waits for one round trip through the FX thread's queue (which comes after that
     * character's events and whatever they queued) instead of five, each followed by a fixed 10 ms sleep (decision 0025).
     */
    public static void write(FxRobot robot, String text) {
        WindowFinder windows = robot.robotContext().getWindowFinder();
        Window window = windows.window(Window::isFocused);
        if (window == null) {
            window = windows.targetWindow();
        }
        if (window == null) {
            window = windows.window(0);
        }
        Scene scene = window.getScene();
        try {
            for (char ch : text.toCharArray()) {
                KeyCode key = ch == '\n' ? KeyCode.ENTER : ch == '\t' ? KeyCode.TAB : KeyCode.UNDEFINED;
                robot.robotContext().getBaseRobot().typeKeyboard(scene, key, Character.toString(ch));
                WaitForAsyncUtils.asyncFx(() -> { }).get(10, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("typing '" + text + "' did not finish", e);
        }
        DirectRobot.settle();
    }

    /**
     * The pointer moves over this node, as a mouse-moved event at the node: tooltips of cells and headers are made then
     * (decisions 0029 and 0033); unlike {@code moveTo}, also for a node scrolled out of the window's sight.
     */
    public void hover(Node node) {
        try {
            WaitForAsyncUtils.asyncFx(() -> javafx.event.Event.fireEvent(node, new javafx.scene.input.MouseEvent(javafx.scene.input.MouseEvent.MOUSE_MOVED,
                    1, 1, 1, 1, javafx.scene.input.MouseButton.NONE, 0, false, false, false, false, false, false, false, false, false, false, null)))
                    .get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("hovering over " + node + " did not finish", e);
        }
        DirectRobot.settle();
    }

    public <T extends Node> T node(String query) {
        return lookup(query).query();
    }

    public Scene scene() {
        return stage.getScene();
    }

    public Console console() {
        return console;
    }

    /** Whether {@link #shoot} writes PNGs: only when asked for, {@code mvn test -Dodcm.screenshots=true} (docs/decisions/0025). */
    public static final boolean SCREENSHOTS = Boolean.getBoolean("odcm.screenshots");

    /**
     * Writes the window, or a dialog (by its pane id), as a PNG under target/screenshots when {@link #SCREENSHOTS};
     * otherwise only runs the CSS and layout pass a snapshot would, so the test goes on from the same state.
     */
    public Path shoot(String name) {
        return shoot(stage.getScene(), name);
    }

    /** Writes the window as a PNG under target/screenshots in every run, for a test that checks the image itself. */
    public Path snapshot(String name) {
        return write(stage.getScene(), name);
    }

    public Path shootDialog(String dialogId, String name) {
        DialogPane pane = node("#" + dialogId + "-dialog");
        return shoot(pane.getScene(), name);
    }

    public static Path shoot(Scene scene, String name) {
        if (SCREENSHOTS) {
            return write(scene, name);
        }
        try {
            WaitForAsyncUtils.asyncFx(() -> {
                scene.getRoot().applyCss();
                scene.getRoot().layout();
            }).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return SHOTS.resolve(name + ".png");
    }

    private static Path write(Scene scene, String name) {
        Path file = SHOTS.resolve(name + ".png");
        try {
            Files.createDirectories(SHOTS);
            WritableImage image = WaitForAsyncUtils.asyncFx(() -> scene.snapshot(null)).get(10, TimeUnit.SECONDS);
            ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
            assertTrue(Files.size(file) > 1000, "a snapshot with content: " + file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            console.close();
            stage.close();
        }).get(20, TimeUnit.SECONDS);
    }
}

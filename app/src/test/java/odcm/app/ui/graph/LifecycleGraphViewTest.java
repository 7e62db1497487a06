package odcm.app.ui.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import odcm.app.graph.GraphLayout;
import odcm.app.graph.Shapes;
import odcm.app.ui.ConsoleDriver;
import odcm.app.ui.ScriptedFilePicker;
import odcm.app.ui.Theme;
import odcm.app.ui.common.Css;
import odcm.app.ui.task.FxTaskRunner;
import odcm.model.lifecycle.composite.CompositeLifecycle;
import odcm.model.lifecycle.composite.CompositeLifecycle.EdgeKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The graph view as a user meets it: a lifecycle drawn, one more promotion appears, select, zoom, pan, fit, export. */
class LifecycleGraphViewTest {
    @TempDir
    Path tmp;
    final FxRobot robot = new FxRobot();
    final ScriptedFilePicker files = new ScriptedFilePicker();
    FxTaskRunner runner;
    Stage stage;
    LifecycleGraphView view;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void show() throws Exception {
        stage = FxToolkit.registerStage(Stage::new);
        view = fx(() -> {
            Theme.apply();
            runner = new FxTaskRunner();
            LifecycleGraphView v = new LifecycleGraphView(runner, files);
            Scene scene = new Scene(v, 1280, 800);
            scene.getStylesheets().add(Css.stylesheet());
            stage.setScene(scene);
            stage.show();
            return v;
        });
    }

    @AfterEach
    void close() throws Exception {
        fx(() -> {
            runner.close();
            stage.close();
            return null;
        });
    }

    static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(20, TimeUnit.SECONDS);
    }

    void idle() throws Exception {
        odcm.app.ui.DirectRobot.settle();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !fx(() -> runner.isBusy()));
        odcm.app.ui.DirectRobot.settle();
    }

    void set(CompositeLifecycle c) throws Exception {
        fx(() -> {
            view.setComposite(c);
            return null;
        });
        idle();
    }

    int count(String query) {
        return robot.from(view).lookup(query).queryAll().size();
    }

    String detailsTitle() {
        return robot.from(view).lookup("#graph-details-title").<Label>query().getText();
    }

    String details() {
        return robot.from(view).lookup("#graph-details .label").queryAll().stream().map(n -> ((Label) n).getText()).reduce("", (a, b) -> a + "\n" + b);
    }

    @Test
    void aPromotionAddedChangesTheGraph() throws Exception {
        set(Shapes.throughSpaces());
        GraphLayout first = view.layoutProperty().get();
        assertNotNull(first);
        assertEquals(3, count(".graph-group"));
        assertEquals(2, count(".graph-edge.graph-promotion"));
        int boxes = count(".graph-box");
        assertEquals(first.boxes().size(), boxes);
        ConsoleDriver.shoot(stage.getScene(), "graph-through-spaces");

        set(Shapes.throughSpacesPlusOne());
        GraphLayout second = view.layoutProperty().get();
        assertNotEquals(first, second);
        assertEquals(3, count(".graph-group"), "three local spaces");
        assertEquals(1, count(".graph-remote-group"), "and now a remote one");
        assertEquals(boxes + 2, count(".graph-box"), "one more space with its part of the pipeline");
        assertEquals(3, second.lines().stream().filter(l -> l.kind() == EdgeKind.PROMOTION).count());
        assertEquals(3, count(".graph-edge.graph-promotion"));
        assertEquals(1, count(".graph-edge.graph-promotion.unknown"), "the new promotion cannot be checked from here");
        ConsoleDriver.shoot(stage.getScene(), "graph-through-spaces-plus-one");
    }

    @Test
    void selectZoomPanFitAndExport() throws Exception {
        set(Shapes.geographic());

        robot.clickOn(view.lookup("#graph-s1-p2"), MouseButton.PRIMARY);
        odcm.app.ui.DirectRobot.settle();
        assertEquals("s1/p2", view.selectedProperty().get());
        assertEquals("Phase 'Production'", detailsTitle());
        assertTrue(details().contains("Promotes to 'Prod US' (not trusted)"), details());
        assertTrue(details().contains("Error: 'Prod US' does not accept release bundles from 'DevTest Space'"), details());
        ConsoleDriver.shoot(stage.getScene(), "graph-geographic-selected");

        String promotion = view.layoutProperty().get().lines().stream()
                .filter(l -> l.kind() == EdgeKind.PROMOTION && l.trust() == CompositeLifecycle.TrustState.NOT_TRUSTED).findFirst().orElseThrow().id();
        fx(() -> {
            view.select(promotion);
            return null;
        });
        assertEquals("Promotion to 'Prod US'", detailsTitle());
        assertTrue(details().contains("Not trusted:"), details());

        robot.clickOn(view.drawing(), MouseButton.PRIMARY);
        robot.type(KeyCode.TAB);
        assertEquals("s1/p0", view.selectedProperty().get(), "Tab starts at the first phase");
        robot.type(KeyCode.TAB);
        assertEquals("s1/p0/m0", view.selectedProperty().get(), "then its environment");
        assertTrue(detailsTitle().startsWith("Environment 'Development'"));

        robot.clickOn("#graph-fit");
        double fitted = view.zoom();
        double[] fittedAt = view.offset();
        robot.clickOn("#graph-zoom-in");
        assertEquals(fitted * 1.25, view.zoom(), 1e-9);
        robot.clickOn(view.drawing(), MouseButton.PRIMARY);
        robot.type(KeyCode.MINUS).type(KeyCode.MINUS);
        assertEquals(fitted / 1.25, view.zoom(), 1e-9);
        double[] before = view.offset();
        robot.type(KeyCode.RIGHT);
        assertEquals(before[0] - 48, view.offset()[0], 1e-9, "the right arrow moves the view right");
        Node drawing = view.drawing();
        robot.moveTo(drawing);
        double[] atDrag = view.offset();
        robot.drag(MouseButton.PRIMARY).moveBy(30, 15).moveBy(30, 15).release(MouseButton.PRIMARY);
        assertEquals(atDrag[0] + 60, view.offset()[0], 2, "dragging pans");
        assertEquals(atDrag[1] + 30, view.offset()[1], 2);
        robot.clickOn("#graph-fit");
        assertEquals(fitted, view.zoom(), 1e-9);
        assertEquals(fittedAt[0], view.offset()[0], 1e-6);
        assertEquals(fittedAt[1], view.offset()[1], 1e-6);

        Path png = tmp.resolve("graph.png");
        Path svg = tmp.resolve("graph");
        files.next(png);
        robot.clickOn("#graph-export-png");
        idle();
        assertTrue(ImageIO.read(png.toFile()).getWidth() > 400);
        files.next(svg);
        robot.clickOn("#graph-export-svg");
        idle();
        Path written = tmp.resolve("graph.svg");
        assertTrue(Files.exists(written), "the extension is added");
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(written.toFile());
        assertTrue(robot.from(view).lookup("#graph-message").<Label>query().getText().startsWith("Exported SVG to"));
    }
}

package odcm.app.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TabPane;
import javafx.scene.text.Text;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Every screen of the console on the example organisation at the window's first size (1100×720) and at a large one
 * (1600×1000), light (and dark with the screenshots) (issue 16): no table header cut short, the Releases snapshot's tabs readable, the
 * Pipeline's legend in sight. Writes target/screenshots/looks-*.png with {@code -Dodcm.screenshots=true}.
 */
class LooksTest {
    private static final String[] SCREENS = {"nav-spaces", "nav-remotes", "nav-trusts", "nav-environments", "nav-lifecycles",
        "nav-projects", "nav-releases", "nav-outbox", "nav-inbox", "nav-dashboard", "nav-pipeline", "nav-audit", "nav-roles"};

    @TempDir
    Path tmp;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void everyScreenAtBothSizesInBothThemes() throws Exception {
        try (ConsoleDriver c = new ConsoleDriver(TestStores.demo(tmp, "demo"))) {
            odcm.app.ui.common.Icons.loaded().get(60, TimeUnit.SECONDS); // read in the background once the window is usable
            DirectRobot.settle();
            assertTrue(c.<javafx.scene.control.ToggleButton>node("#nav-spaces").getGraphic() instanceof org.kordamp.ikonli.javafx.FontIcon,
                    "the navigation's icons");
            assertTrue(c.<javafx.scene.control.Button>node("#new-space").getGraphic() instanceof org.kordamp.ikonli.javafx.FontIcon,
                    "the first screen's New has its icon, though made before the icon font was read");
            List<String> problems = new ArrayList<>();
            // Dark changes colours, not sizes: its pass only when the pictures are asked for, to keep the suite short.
            for (boolean dark : ConsoleDriver.SCREENSHOTS ? new boolean[] {false, true} : new boolean[] {false}) {
                fx(() -> Theme.setDark(dark));
                for (int[] size : new int[][] {{1100, 720}, {1600, 1000}}) {
                    fx(() -> {
                        c.scene().getWindow().setWidth(size[0]);
                        c.scene().getWindow().setHeight(size[1]);
                    });
                    for (String screen : SCREENS) {
                        c.clickOn("#" + screen);
                        c.idle();
                        if (screen.equals("nav-releases")) {
                            TableView<?> releases = c.node("#releases-table");
                            fx(() -> releases.getSelectionModel().select(0));
                            c.idle();
                        }
                        String name = "looks-" + size[0] + "x" + size[1] + "-" + (dark ? "dark" : "light") + "-" + screen.substring(4);
                        afterLayout(c);
                        c.shoot(name);
                        problems.addAll(fx(() -> problems(c, name)));
                    }
                }
            }
            fx(() -> Theme.setDark(false));
            assertTrue(problems.isEmpty(), String.join("\n", problems));
            // Past the tenth screen, the same digits with Shift: Ctrl+Shift+1 is the Pipeline, as its entry says.
            c.clickOn("#nav-spaces");
            c.push(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.SHIFT, javafx.scene.input.KeyCode.DIGIT1);
            c.idle();
            assertTrue(c.<javafx.scene.control.ToggleButton>node("#nav-pipeline").isSelected(), "Ctrl+Shift+1 shows the Pipeline");
            assertTrue(c.<javafx.scene.control.ToggleButton>node("#nav-pipeline").getAccessibleHelp().endsWith("(Ctrl+Shift+1)"));
        }
    }

    /** What a user would see as broken on the screen shown: a header cut short, tabs too low, the legend out of sight. */
    private static List<String> problems(ConsoleDriver c, String name) {
        List<String> found = new ArrayList<>();
        Node root = c.scene().getRoot();
        Bounds window = root.localToScene(root.getLayoutBounds());
        for (Node header : root.lookupAll(".column-header .label")) {
            if (header instanceof Label l && l.isVisible() && !l.getText().isEmpty() && header.getScene() != null
                    && l.lookup(".text") instanceof Text t && !t.getText().equals(l.getText())) {
                found.add(name + ": header '" + l.getText() + "' reads '" + t.getText() + "'");
            }
        }
        for (Node n : root.lookupAll(".table-cell")) {
            if (n instanceof javafx.scene.control.TableCell<?, ?> cell && cell.isVisible() && cell.getText() != null && !cell.getText().isEmpty()
                    && cell.getTableColumn() != null && cell.getTableColumn().getWidth() < 400 && cell.lookup(".text") instanceof Text t
                    && !t.getText().equals(cell.getText()) && cell.getScene() != null) {
                found.add(name + ": '" + cell.getText() + "' reads '" + t.getText() + "' in a column " + cell.getTableColumn().getWidth() + " px wide");
            }
        }
        for (Node n : root.lookupAll(".tab-pane")) {
            if (n instanceof TabPane tabs && tabs.isVisible() && tabs.getParent() != null && tabs.getHeight() > 0 && tabs.getHeight() < 120) {
                found.add(name + ": tabs " + tabs.getId() + " only " + tabs.getHeight() + " px high");
            }
        }
        if (root instanceof javafx.scene.layout.BorderPane main && main.getCenter() != null
                && main.getCenter().getBoundsInParent().getMaxX() > window.getMaxX() + 0.5) {
            found.add(name + ": the screen is wider than the window (" + main.getCenter().getBoundsInParent().getMaxX() + " px)");
        }
        Node status = root.lookup(".status-bar");
        if (status != null && status.localToScene(status.getLayoutBounds()).getMaxY() > window.getMaxY() + 0.5) {
            found.add(name + ": the status line is pushed out of the window (the screen is taller than the window)");
        }
        Node legend = root.lookup("#graph-legend");
        if (name.endsWith("pipeline") && (legend == null || !legend.isVisible())) {
            found.add(name + ": no legend");
        } else if (legend != null && legend.isVisible()) {
            Bounds b = legend.localToScene(legend.getLayoutBounds());
            if (!window.contains(b)) {
                found.add(name + ": the legend " + b + " is not inside the window " + window);
            }
        }
        return found;
    }

    /** Two layout pulses of the window: the tables are sized after one (Tables.fitsContent), laid out in the next. */
    private static void afterLayout(ConsoleDriver c) throws Exception {
        for (int i = 0; i < 2; i++) {
            java.util.concurrent.CountDownLatch laidOut = new java.util.concurrent.CountDownLatch(1);
            fx(() -> {
                Runnable[] once = new Runnable[1];
                once[0] = () -> {
                    c.scene().removePostLayoutPulseListener(once[0]);
                    laidOut.countDown();
                };
                c.scene().addPostLayoutPulseListener(once[0]);
                javafx.application.Platform.requestNextPulse();
            });
            assertTrue(laidOut.await(20, TimeUnit.SECONDS), "a layout pulse");
            DirectRobot.settle();
        }
    }

    private static void fx(Runnable r) throws Exception {
        WaitForAsyncUtils.asyncFx(r).get(20, TimeUnit.SECONDS);
        DirectRobot.settle();
    }

    private static <T> T fx(java.util.concurrent.Callable<T> r) throws Exception {
        return WaitForAsyncUtils.asyncFx(r).get(20, TimeUnit.SECONDS);
    }
}

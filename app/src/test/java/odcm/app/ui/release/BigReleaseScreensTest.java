package odcm.app.ui.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import odcm.app.apply.Demo;
import odcm.app.service.AppContext;
import odcm.app.ui.ConsoleDriver;
import odcm.app.ui.TestStores;
import odcm.model.project.DeploymentStep;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

/**
 * The Releases screen and the Compare window with releases of 1,000 steps, 10,000 variables and 500 packages: the
 * steps are a virtualised list (nodes only for the steps in sight, the last one reached by scrolling), and the
 * comparison is stepped through from the keyboard. Screenshots: target/screenshots/releases-1000-steps*.png and
 * compare-1000-steps*.png. How long the FX thread stalls is measured by bench/fx-heartbeat.sh, not here.
 */
class BigReleaseScreensTest {
    static final String BIG = "Web Shop at size";
    @TempDir
    Path tmp;
    AppContext ctx;
    ScreensHarness ui;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void open() throws Exception {
        ctx = AppContext.open(TestStores.demo(tmp, "store"));
        BigReleases.insert(ctx, Demo.DEVTEST, BIG, "Production");
        ui = new ScreensHarness(ctx).chooseSpace(Demo.DEVTEST);
    }

    @AfterEach
    void close() throws Exception {
        ScreensHarness.fx(() -> {
            ui.lookup("#compare-window").tryQuery().ifPresent(n -> ((Stage) n.getScene().getWindow()).close());
            return null;
        });
        ui.close();
        ctx.close();
    }

    private void chooseBig() throws Exception {
        ui.show(ui.releases);
        ScreensHarness.fx(() -> {
            ui.<ComboBox<String>>node("#release-project").setValue(BIG);
            return null;
        });
        ui.idle();
        ScreensHarness.fx(() -> {
            ui.<TableView<?>>node("#releases-table").getSelectionModel().select(0);
            return null;
        });
        ui.idle();
    }

    private long stepNodes() {
        return ui.lookup(n -> n instanceof Label && n.getId() != null && n.getId().matches("snapshot-step-\\d+")).queryAll().size();
    }

    @Test
    void aThousandStepReleaseHasNodesOnlyForTheStepsInSight() throws Exception {
        chooseBig();
        assertEquals("Release 1.1.0 of '" + BIG + "'", ui.<Label>node("#snapshot-title").getText());
        TabPane tabs = ui.node("#snapshot-tabs");
        assertEquals("Process (1000 steps)", tabs.getTabs().get(0).getText());
        assertEquals("Variables (10000)", tabs.getTabs().get(1).getText());
        assertEquals("Packages (500)", tabs.getTabs().get(3).getText());
        java.util.List<DeploymentStep> steps = BigReleases.snapshot(1, "Production").process();
        assertEquals("1. " + steps.get(0).name(), ui.<Label>node("#snapshot-step-0").getText());
        long shown = stepNodes();
        assertTrue(shown > 0 && shown < 60, "boxes only for the steps in sight, not 1,000: " + shown);
        ui.shoot("releases-1000-steps");

        ListView<DeploymentStep> process = ui.node("#snapshot-process");
        ScreensHarness.fx(() -> {
            process.scrollTo(999);
            return null;
        });
        ui.idle();
        int last = ui.lookup(n -> n instanceof Label && n.getId() != null && n.getId().matches("snapshot-step-\\d+")).queryAll().stream()
                .mapToInt(n -> Integer.parseInt(n.getId().substring("snapshot-step-".length()))).max().orElse(-1);
        assertTrue(last >= 990, "scrolled to the end, the last steps have boxes: " + last);
        assertTrue(stepNodes() < 60, "and still only those in sight");
        int longName = steps.indexOf(steps.stream().filter(st -> st.name().startsWith("Step 502 ")).findFirst().orElseThrow());
        ScreensHarness.fx(() -> {
            process.scrollTo(longName);
            return null;
        });
        ui.idle();
        assertTrue(ui.<Label>node("#snapshot-step-" + longName).getText().endsWith("with a long name that says in full what it does to the web shop's database"));
        ui.shoot("releases-1000-steps-long-name");

        ScreensHarness.fx(() -> {
            tabs.getSelectionModel().select(1);
            return null;
        });
        ui.idle();
        TableView<odcm.model.project.Variable> variables = ui.node("#snapshot-variables");
        assertEquals("Var0", variables.getItems().get(0).name(), "sorted by name");
        assertEquals("********", variables.getItems().get(0).shownValue(), "sensitive values stay masked");
        assertTrue(ui.lookup("value-0").tryQuery().isEmpty());
        ui.shoot("releases-1000-steps-variables");
    }

    @Test
    void twoBigReleasesAreComparedAndSteppedThroughFromTheKeyboard() throws Exception {
        chooseBig();
        ui.clickOn("#compare-releases");
        ui.idle();
        assertEquals("21 steps changed, 20 moved, 250 variables changed, 125 packages changed.", ui.<Label>node("#compare-summary").getText());
        TableView<CompareRow> table = ui.node("#compare-table");
        ui.clickOn("#compare-summary");
        ui.push(KeyCode.F7);
        CompareRow first = table.getSelectionModel().getSelectedItem();
        assertTrue(first.isChange(), "F7 selects the first change");
        ui.push(KeyCode.F7);
        assertTrue(table.getSelectionModel().getSelectedItem().isChange());
        ui.push(KeyCode.SHIFT, KeyCode.F7);
        assertEquals(first, table.getSelectionModel().getSelectedItem(), "Shift+F7 goes back to it");
        ConsoleDriver.shoot(table.getScene(), "compare-1000-steps");

        int changes = table.getItems().size();
        ui.clickOn("#compare-only-changes");
        ui.idle();
        assertTrue(table.getItems().size() > changes + 10_000, "everything: every variable and step: " + table.getItems().size());
        assertEquals(first.entry().name(), table.getSelectionModel().getSelectedItem().entry().name(), "the selection stays");
        ui.press(KeyCode.ALT, KeyCode.DOWN).release(KeyCode.DOWN, KeyCode.ALT);
        assertTrue(table.getSelectionModel().getSelectedItem().isChange());
        ConsoleDriver.shoot(table.getScene(), "compare-1000-steps-everything");
    }
}

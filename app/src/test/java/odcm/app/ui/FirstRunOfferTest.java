package odcm.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javax.imageio.ImageIO;
import odcm.app.apply.Demo;
import odcm.app.ui.graph.LifecycleGraphView;
import odcm.model.lifecycle.Lifecycle;
import odcm.model.space.Space;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

/**
 * A store without spaces offers the example organisation: declined, the empty states stay; accepted, spaces,
 * lifecycles and the four shapes of pipeline appear. The four graphs are exported from the Pipeline screen.
 */
class FirstRunOfferTest {
    static final Path GRAPHS = Path.of(System.getProperty("basedir", ".")).resolve("target").resolve("graphs");
    @TempDir
    Path tmp;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void notNowLeavesTheEmptyStatesAndThePerSpaceScreensPointToSpaces() throws Exception {
        try (ConsoleDriver c = new ConsoleDriver(TestStores.location(tmp, "fresh"))) {
            assertTrue(c.node("#demo-offer").isVisible());
            c.clickOn("#demo-offer-dismiss");
            assertTrue(c.lookup("#demo-offer").tryQuery().isEmpty(), "the offer is gone");
            assertTrue(c.<Label>node("#spaces-empty").getText().startsWith("No local spaces yet."));
            assertTrue(c.<ComboBox<String>>node("#current-space").getItems().isEmpty());
            c.open("nav-environments");
            assertTrue(c.<Label>node("#environments-no-space").getText().startsWith("There is no local space yet."));
            c.shoot("environments-no-space");
            c.open("nav-lifecycles");
            assertTrue(c.node("#lifecycles-no-space").isVisible());
            c.clickOn("#lifecycles-go-to-spaces");
            c.idle();
            assertTrue(c.node("#spaces-screen").isVisible(), "the button goes to Spaces");
        }
    }

    @Test
    void theExampleOrganisationAppearsAndItsFourShapesAreDrawn() throws Exception {
        try (ConsoleDriver c = new ConsoleDriver(TestStores.location(tmp, "fresh"))) {
            c.shoot("demo-offer");
            c.clickOn("#demo-offer-create");
            c.idle();
            assertTrue(c.<Label>node("#demo-offer-done").getText().startsWith("Created the example organisation."));
            assertEquals(List.of(Demo.DEVTEST, Demo.QA),
                    c.<TableView<Space>>node("#spaces-table").getItems().stream().map(Space::name).sorted().toList());
            assertEquals(Demo.DEVTEST, c.<ComboBox<String>>node("#current-space").getValue());
            c.shoot("demo-spaces");
            c.clickOn("#demo-offer-close");
            assertTrue(c.lookup("#demo-offer").tryQuery().isEmpty(), "closed");

            c.open("nav-environments");
            c.shoot("demo-environments");
            c.open("nav-lifecycles");
            assertEquals(List.of("Global rollout", "QA round trip", "Test then Prod", "Through QA"),
                    c.<TableView<Lifecycle>>node("#lifecycles-table").getItems().stream().map(Lifecycle::name).sorted().toList());
            c.shoot("demo-lifecycles");

            c.open("nav-pipeline");
            ComboBox<String> project = c.node("#pipeline-project");
            assertEquals(List.of("Payments", "Public API", "Reports", "Web Shop"), project.getItems().stream().sorted().toList());
            LifecycleGraphView graph = c.node("#lifecycle-graph");
            Files.createDirectories(GRAPHS);
            for (String p : List.of("Web Shop", "Public API", "Payments", "Reports")) {
                c.interact(() -> project.setValue(p));
                c.idle();
                assertTrue(graph.layoutProperty().get() != null);
                int spaces = c.lookup(".graph-group").queryAll().size() + c.lookup(".graph-remote-group").queryAll().size();
                assertTrue(spaces >= 2, p + " crosses into another space");
                Path png = GRAPHS.resolve(p.replace(' ', '-') + ".png");
                c.files.next(png);
                c.clickOn("#graph-export-png");
                c.idle();
                assertTrue(ImageIO.read(png.toFile()).getWidth() > 300, "exported " + png);
                c.shoot("demo-pipeline-" + p.replace(' ', '-'));
            }
            c.open("nav-lifecycles");
            c.clickOn("#theme-toggle");
            c.shoot("demo-lifecycles-dark");
            c.open("nav-pipeline");
            c.shoot("demo-pipeline-dark");
            c.clickOn("#theme-toggle");
            assertTrue(!Theme.isDark());
            c.interact(() -> c.<ComboBox<String>>node("#current-space").setValue(Demo.QA));
            c.idle();
            assertEquals(List.of("DevTest Space: Reports"), project.getItems(), "the current space changes what the pipeline offers");
        }
    }
}

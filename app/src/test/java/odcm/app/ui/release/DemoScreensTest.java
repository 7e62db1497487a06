package odcm.app.ui.release;

import java.nio.file.Path;
import odcm.app.apply.Demo;
import odcm.app.service.AppContext;
import odcm.app.ui.TestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

/** The screens of {@link ScreensHarness} over a store holding the example organisation, DevTest Space chosen. */
abstract class DemoScreensTest {
    @TempDir
    Path tmp;
    AppContext ctx;
    ScreensHarness ui;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void openDemo() throws Exception {
        ctx = AppContext.open(TestStores.demo(tmp, "store"));
        ui = new ScreensHarness(ctx);
        ui.chooseSpace(Demo.DEVTEST);
    }

    @AfterEach
    void closeDemo() throws Exception {
        ui.close();
        ctx.close();
    }

    /** The Releases screen shown with {@code project} chosen and its release {@code version} selected. */
    void selectRelease(String project, String version) throws Exception {
        ui.show(ui.releases);
        javafx.scene.control.ComboBox<String> projects = ui.node("#release-project");
        ScreensHarness.fx(() -> {
            projects.setValue(project);
            return null;
        });
        ui.idle();
        javafx.scene.control.TableView<odcm.model.release.Release> releases = ui.node("#releases-table");
        ScreensHarness.fx(() -> {
            releases.getSelectionModel().select(releases.getItems().stream().filter(r -> r.version().equals(version)).findFirst().orElseThrow());
            return null;
        });
        ui.idle();
    }
}

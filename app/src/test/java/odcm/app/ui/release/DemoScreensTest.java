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
}

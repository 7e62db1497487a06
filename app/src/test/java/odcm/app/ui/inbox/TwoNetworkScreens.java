package odcm.app.ui.inbox;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.stage.Stage;
import odcm.app.service.AppContext;
import odcm.app.ui.ConsoleDriver;
import odcm.app.ui.task.FxTaskRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** Screens over the stores of two networks (DevTest in A, Prod in B) in a window of their own, with the background runner. */
abstract class TwoNetworkScreens extends FxRobot {
    @TempDir
    Path tmp;
    AppContext dev;
    AppContext prod;
    Stage stage;
    FxTaskRunner runner;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    /** Typing as {@link ConsoleDriver#write(FxRobot, String)}: the FX thread catches up after each character, without fixed sleeps. */
    @Override
    public FxRobot write(String text) {
        ConsoleDriver.write(this, text);
        return this;
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
        fx(() -> {
            if (runner != null) {
                runner.close();
            }
            if (stage != null) {
                stage.close();
            }
            return null;
        });
        dev.close();
        prod.close();
    }

    static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(20, TimeUnit.SECONDS);
    }

    void idle() throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !fx(runner::isBusy));
        WaitForAsyncUtils.waitForFxEvents();
    }

    <T extends Node> T node(String query) {
        return lookup(query).query();
    }
}

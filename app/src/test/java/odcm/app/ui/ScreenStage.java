package odcm.app.ui;

import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.stage.Stage;
import odcm.app.ui.common.Css;
import odcm.app.ui.common.Screen;
import odcm.app.ui.task.FxTaskRunner;
import org.testfx.util.WaitForAsyncUtils;

/** One screen of the console alone in a test's stage, at the window's first size, and waiting until its work is done. */
public final class ScreenStage {
    private ScreenStage() {
    }

    /** Shows {@code screen} in {@code stage} at 1100×720, styled, as the console shows it; waits until {@code runner} is idle. */
    public static void show(Stage stage, Screen screen, FxTaskRunner runner) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            Theme.apply();
            Scene scene = new Scene((javafx.scene.Parent) screen.node(), 1100, 720);
            scene.getStylesheets().add(Css.stylesheet());
            stage.setScene(scene);
            stage.show();
            screen.shown();
        }).get(10, TimeUnit.SECONDS);
        idle(runner);
    }

    /** Shuts {@code runner} down, then runs {@code closeStores} once its work is done, and closes {@code stage}: a test's end. */
    public static void close(Stage stage, FxTaskRunner runner, Runnable closeStores) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            runner.shutdown(closeStores);
            stage.close();
        }).get(20, TimeUnit.SECONDS);
    }

    /** Waits for the FX events, then for {@code runner}'s background work and what it hands back. */
    public static void idle(FxTaskRunner runner) throws Exception {
        DirectRobot.settle();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !WaitForAsyncUtils.asyncFx(() -> runner.isBusy()).get());
        DirectRobot.settle(2);
    }
}

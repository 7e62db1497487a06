package odcm.app.ui.task;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class FxTaskRunnerTest {
    @Test
    void workAskedForWhileTheConsoleClosesIsDroppedQuietly() {
        FxTaskRunner runner = new FxTaskRunner();
        runner.close();
        AtomicBoolean ran = new AtomicBoolean();
        // A screen still loading when the window closed asks for its data: no "Unexpected error", no work, not busy.
        assertDoesNotThrow(() -> runner.run("Loading the dashboard", () -> {
            ran.set(true);
            return null;
        }, r -> ran.set(true), s -> ran.set(true)));
        assertFalse(ran.get());
        assertFalse(runner.busyProperty().get());
    }
}

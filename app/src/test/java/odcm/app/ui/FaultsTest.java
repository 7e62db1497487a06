package odcm.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.control.DialogPane;
import odcm.app.io.ErrorLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** Decision 0051: a fault nobody caught, on the FX thread or another one, is logged with its cause and said once in a dialog. */
class FaultsTest extends DirectRobot {
    @TempDir
    Path tmp;
    private Thread.UncaughtExceptionHandler before;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void restore() throws Exception {
        Thread.setDefaultUncaughtExceptionHandler(before);
        WaitForAsyncUtils.asyncFx(() -> lookup("#fault-dialog").queryAll().forEach(n -> n.getScene().getWindow().hide())).get(10, TimeUnit.SECONDS);
        ErrorLog.install(System.getenv(), System.getProperty("user.home"));
    }

    @Test
    void anUncaughtFaultIsLoggedWithItsCauseAndShownOnce() throws Exception {
        before = Thread.getDefaultUncaughtExceptionHandler();
        ErrorLog.install(Map.of("ODCM_LOG_DIR", tmp.toString()), System.getProperty("user.home"));
        Faults.install();
        String stderr = TestStores.stderrOf(() -> {
            Platform.runLater(() -> {
                throw new IllegalStateException("on the FX thread", new java.io.IOException("the cause"));
            });
            try {
                // the FX thread's fault is logged by a thread of its own, its dialog shown after (decision 0051)
                WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !lookup("#fault-dialog").queryAll().isEmpty());
            } catch (java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException(e);
            }
            Thread other = new Thread(() -> {
                throw new IllegalStateException("on another thread");
            }, "some-worker");
            other.start();
            try {
                other.join(10_000);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            DirectRobot.settle();
        });
        String sentence = "Unexpected error (a fault in ODCM Console, not in what you did); the details are in " + tmp.resolve("odcm.log.0") + ".";
        assertEquals(1, lookup("#fault-dialog").queryAll().size(), "one dialog, though two faults came");
        assertEquals(sentence, lookup("#fault-dialog").<DialogPane>query().getContentText());
        assertEquals(("odcm: " + sentence + "\n").repeat(2), stderr, "the sentence on stderr, no stack trace");
        String log = Files.readString(tmp.resolve("odcm.log.0"));
        assertTrue(log.contains("on the FX thread") && log.contains("Caused by: java.io.IOException: the cause") && log.contains("on another thread"), log);
    }
}

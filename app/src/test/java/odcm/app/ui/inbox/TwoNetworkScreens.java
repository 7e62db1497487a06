package odcm.app.ui.inbox;

import odcm.app.ui.DirectRobot;
import static odcm.app.TestBundles.PROD;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import odcm.app.service.AppContext;
import odcm.app.ui.ConsoleDriver;
import odcm.app.ui.Theme;
import odcm.app.ui.common.Css;
import odcm.app.ui.common.CurrentSpace;
import odcm.app.ui.common.Screen;
import odcm.app.ui.task.FxTaskRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** Screens over the stores of two networks (DevTest in A, Prod in B) in a window of their own, with the background runner. */
abstract class TwoNetworkScreens extends DirectRobot {
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
        odcm.app.ui.DirectRobot.settle();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !fx(runner::isBusy));
        odcm.app.ui.DirectRobot.settle(2);
    }

    /**
     * Prod Space's Inbox over {@code inboxRoot}, in a window of its own (1280×760, the console's theme and stylesheet),
     * shown with Prod Space chosen; {@link #stage} and {@link #runner} set. Returns the screen once the FX thread is idle.
     */
    Screen showInbox(Path inboxRoot) throws Exception {
        stage = FxToolkit.registerStage(Stage::new);
        runner = fx(FxTaskRunner::new);
        CurrentSpace space = new CurrentSpace();
        BorderPane root = new BorderPane();
        Screen inbox = fx(() -> {
            Theme.apply();
            InboxView view = new InboxView(new InboxViewModel(prod.imports(), runner, space, inboxRoot), prod.receipts(),
                    new odcm.app.ui.ScriptedFilePicker(), new odcm.app.ui.common.RoleGate(prod.roles(), runner));
            Screen s = view.screen();
            root.setCenter(s.node());
            Scene scene = new Scene(root, 1280, 760);
            scene.getStylesheets().add(Css.stylesheet());
            stage.setScene(scene);
            stage.show();
            space.choose(PROD);
            s.shown();
            return s;
        });
        idle();
        return inbox;
    }

    <T extends Node> T node(String query) {
        return lookup(query).query();
    }
}

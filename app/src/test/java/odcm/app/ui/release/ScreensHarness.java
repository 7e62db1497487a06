package odcm.app.ui.release;

import odcm.app.ui.DirectRobot;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import odcm.app.service.AppContext;
import odcm.app.ui.ConsoleDriver;
import odcm.app.ui.ScriptedFilePicker;
import odcm.app.ui.bundle.OutboxView;
import odcm.app.ui.bundle.OutboxViewModel;
import odcm.app.ui.Theme;
import odcm.app.ui.common.Css;
import odcm.app.ui.common.CurrentSpace;
import odcm.app.ui.common.Screen;
import odcm.app.ui.project.ProjectsView;
import odcm.app.ui.project.ProjectsViewModel;
import odcm.app.ui.task.FxTaskRunner;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The projects and releases screens in a window of their own, wired as the main window wires them: real services,
 * the background task runner and one shared current space. Shows one screen at a time.
 */
public final class ScreensHarness extends DirectRobot implements AutoCloseable {
    public final CurrentSpace space = new CurrentSpace();
    private final Stage stage;
    private final BorderPane root = new BorderPane();
    private final FxTaskRunner runner;
    public final Screen projects;
    public final Screen releases;
    public final Screen outbox;
    public final ScriptedFilePicker files = new ScriptedFilePicker();
    public OutboxView outboxView;

    /** Typing as {@link ConsoleDriver#write(FxRobot, String)}: the FX thread catches up after each character, without fixed sleeps. */
    @Override
    public FxRobot write(String text) {
        ConsoleDriver.write(this, text);
        return this;
    }

    public ScreensHarness(AppContext ctx) throws Exception {
        stage = FxToolkit.registerStage(Stage::new);
        runner = fx(FxTaskRunner::new);
        Screen[] screens = fx(() -> {
            Theme.apply();
            Screen p = new ProjectsView(new ProjectsViewModel(ctx.projects(), ctx.environments(), ctx.lifecycles(), runner, space), new odcm.app.ui.common.RoleGate(ctx.roles(), runner)).screen();
            Screen r = new ReleasesView(new ReleasesViewModel(ctx.projects(), ctx.releases(), ctx.bundles(), ctx.deployments(), ctx.approvals(), ctx.acceptances(), runner, space), files, new odcm.app.ui.common.RoleGate(ctx.roles(), runner), ctx.packageTransfer()).screen();
            outboxView = new OutboxView(new OutboxViewModel(ctx.bundles(), runner, space), ctx.bundles(), ctx.receipts(), runner, files);
            Screen o = outboxView.screen();
            Scene scene = new Scene(root, 1280, 800);
            scene.getStylesheets().add(Css.stylesheet());
            stage.setScene(scene);
            stage.show();
            return new Screen[] {p, r, o};
        });
        projects = screens[0];
        releases = screens[1];
        outbox = screens[2];
    }

    public static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(20, TimeUnit.SECONDS);
    }

    public ScreensHarness chooseSpace(String name) throws Exception {
        fx(() -> {
            space.choose(name);
            return null;
        });
        return idle();
    }

    public ScreensHarness show(Screen s) throws Exception {
        fx(() -> {
            root.setCenter(s.node());
            s.shown();
            return null;
        });
        return idle();
    }

    public ScreensHarness idle() {
        try {
            odcm.app.ui.DirectRobot.settle();
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !fx(runner::isBusy));
            odcm.app.ui.DirectRobot.settle(2);
        } catch (Exception e) {
            throw new IllegalStateException("the screens stayed busy", e);
        }
        return this;
    }

    public <T extends Node> T node(String query) {
        return lookup(query).query();
    }

    public Path shoot(String name) {
        return ConsoleDriver.shoot(stage.getScene(), name);
    }

    public Path shootDialog(String dialogId, String name) {
        javafx.scene.control.DialogPane pane = node("#" + dialogId + "-dialog");
        return ConsoleDriver.shoot(pane.getScene(), name);
    }

    @Override
    public void close() throws Exception {
        fx(() -> {
            runner.close();
            stage.close();
            return null;
        });
    }
}

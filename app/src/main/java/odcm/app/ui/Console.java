package odcm.app.ui;

import java.nio.file.Path;
import java.util.List;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import odcm.app.service.AppContext;
import odcm.app.ui.audit.AuditView;
import odcm.app.ui.audit.AuditViewModel;
import odcm.app.apply.Demo;
import odcm.app.ui.bundle.OutboxView;
import odcm.app.ui.bundle.OutboxViewModel;
import odcm.app.ui.common.Css;
import odcm.app.ui.common.CurrentSpace;
import odcm.app.ui.project.ProjectsView;
import odcm.app.ui.project.ProjectsViewModel;
import odcm.app.ui.release.ReleasesView;
import odcm.app.ui.release.ReleasesViewModel;
import odcm.app.ui.common.FilePicker;
import odcm.app.ui.common.Screen;
import odcm.app.ui.environment.EnvironmentsView;
import odcm.app.ui.environment.EnvironmentsViewModel;
import odcm.app.ui.lifecycle.LifecyclesView;
import odcm.app.ui.lifecycle.LifecyclesViewModel;
import odcm.app.ui.lifecycle.PipelineView;
import odcm.app.ui.lifecycle.PipelineViewModel;
import odcm.app.ui.remote.RemoteSpacesView;
import odcm.app.ui.remote.RemoteSpacesViewModel;
import odcm.app.ui.space.SpacesView;
import odcm.app.ui.space.SpacesViewModel;
import odcm.app.ui.task.FxTaskRunner;
import odcm.app.ui.trust.TrustsView;
import odcm.app.ui.trust.TrustsViewModel;
import odcm.persistence.StoreLocation;
import odcm.persistence.keys.MasterKeyState;

/**
 * One console window on one store: shows "Opening store…", opens the store in the background, then the
 * main window, or the refusal when the store cannot be opened. Tests create it on their own stage.
 */
public final class Console {
    private final Stage stage;
    private final StoreLocation location;
    private final FxTaskRunner runner;
    private final FilePicker files;
    private final Runnable exit;
    private AppContext context;
    private MainWindow main;

    /** What opening found, all read on the background thread. */
    private record Opened(AppContext context, MasterKeyState keyState, Path keyFile, boolean empty, java.util.Optional<String> auditWarning) {
    }

    public Console(Stage stage, StoreLocation location, FxTaskRunner runner, FilePicker files, Runnable exit) {
        this.stage = stage;
        this.location = location;
        this.runner = runner;
        this.files = files;
        this.exit = exit;
    }

    public void start() {
        Theme.apply();
        stage.setTitle("ODCM Console — " + location.storeDir());
        show(StartScreens.opening(location.storeDir()), 1100, 720);
        stage.show();
        StartupTimes.afterNextPulse(stage.getScene(), "window-shown");
        runner.run("Opening store " + location.storeDir(), () -> {
            AppContext ctx = AppContext.open(location);
            return new Opened(ctx, ctx.store().masterKeyState(), ctx.store().masterKeyFile(), ctx.spaces().list().isEmpty(),
                    ctx.store().auditWarning());
        }, this::opened, sentence -> show(StartScreens.refused(location.storeDir(), sentence, exit), 1100, 720));
    }

    private void opened(Opened opened) {
        context = opened.context();
        CurrentSpace space = new CurrentSpace();
        Runnable spaces = () -> main.select("nav-spaces");
        LifecyclesView lifecycles = new LifecyclesView(
                new LifecyclesViewModel(context.lifecycles(), context.environments(), context.spaces(), runner, space), space, spaces);
        OutboxView outbox = new OutboxView(new OutboxViewModel(context.bundles(), runner, space), context.bundles(), context.receipts(), runner, files);
        // In the order of MainWindow's NAV_IDS.
        List<Screen> screens = List.of(
                new SpacesView(new SpacesViewModel(context.spaces(), runner), files).screen(),
                new RemoteSpacesView(new RemoteSpacesViewModel(context.remotes(), context.spaces(), runner), files).screen(),
                new TrustsView(new TrustsViewModel(context.trusts(), context.spaces(), runner)).screen(),
                new EnvironmentsView(new EnvironmentsViewModel(context.environments(), context.spaces(), runner, space), space, spaces).screen(),
                lifecycles.screen(),
                new ProjectsView(new ProjectsViewModel(context.projects(), context.environments(), context.lifecycles(), runner, space)).screen(),
                new ReleasesView(new ReleasesViewModel(context.projects(), context.releases(), context.bundles(), context.deployments(),
                        context.approvals(), runner, space), files).screen(),
                outbox.screen(),
                new odcm.app.ui.inbox.InboxView(new odcm.app.ui.inbox.InboxViewModel(context.imports(), runner, space,
                        location.storeDir().resolve("inbox")), context.receipts(), files).screen(),
                new odcm.app.ui.dashboard.DashboardView(new odcm.app.ui.dashboard.DashboardViewModel(context.dashboards(), runner, space), space,
                        spaces, java.time.ZoneId.systemDefault()).screen(),
                new PipelineView(new PipelineViewModel(context.lifecycles(), context.projects(), context.dashboards(), runner, space), runner, files, space, spaces)
                        .screen(),
                new AuditView(new AuditViewModel(context.audit(), runner), files).screen());
        SpacePicker picker = new SpacePicker(context.spaces(), runner, space);
        picker.guard(lifecycles::mayLeave);
        main = new MainWindow(screens, picker, runner,
                StartScreens.keyWarning(opened.keyState(), opened.keyFile()).or(() -> StartScreens.auditWarning(opened.auditWarning())));
        show(main.root(), stage.getScene().getWidth(), stage.getScene().getHeight());
        main.store().show(new odcm.app.ui.common.StoreLink.Facts(location, context.store().storeId(), opened.keyState()));
        main.installShortcuts(stage.getScene());
        stage.getScene().getAccelerators().put(javafx.scene.input.KeyCombination.keyCombination("Shortcut+Shift+V"), outbox::verify);
        main.select(0);
        StartupTimes.when(stage.getScene(), () -> opened.empty() || space.isChosen()
                && stage.getScene().lookup("#spaces-table") instanceof javafx.scene.control.TableView<?> t && !t.getItems().isEmpty(), "usable");
        StartupTimes.whenIdle(runner, stage.getScene(), "idle");
        if (opened.empty() && opened.keyState() == MasterKeyState.PRESENT) {
            offerDemo();
        }
    }

    /** A store without spaces: offer the example organisation; afterwards the current screen and the space picker show it. */
    private void offerDemo() {
        AppContext ctx = context;
        FirstRunOffer[] offer = new FirstRunOffer[1];
        offer[0] = new FirstRunOffer(runner, () -> new Demo(ctx).create(),
                done -> main.select(main.screens().indexOf(main.current())), () -> main.removePanel(offer[0]));
        main.showPanel(offer[0]);
    }

    private void show(Parent root, double width, double height) {
        Scene scene = new Scene(root, width, height);
        scene.getStylesheets().add(Css.stylesheet());
        stage.setScene(scene);
    }

    public MainWindow main() {
        return main;
    }

    /** The store's services once it is open (null before); tests prepare what other screens would. */
    public AppContext context() {
        return context;
    }

    public FxTaskRunner runner() {
        return runner;
    }

    /** Closes the store after any work still queued, so the last change is not cut off. */
    public void close() {
        AppContext ctx = context;
        runner.shutdown(() -> {
            if (ctx != null) {
                ctx.close();
            }
        });
    }
}

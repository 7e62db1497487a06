package odcm.app.ui;

import java.nio.file.Path;
import java.time.Instant;
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
import odcm.app.ui.common.RoleGate;
import odcm.app.ui.role.RolesView;
import odcm.app.ui.role.RolesViewModel;
import odcm.app.ui.project.ProjectsView;
import odcm.app.ui.project.ProjectsViewModel;
import odcm.app.ui.release.ReleasesView;
import odcm.app.ui.release.ReleasesViewModel;
import odcm.app.ui.common.FilePicker;
import odcm.app.ui.dashboard.DashboardView;
import odcm.app.ui.dashboard.DashboardViewModel;
import odcm.app.ui.inbox.InboxView;
import odcm.app.ui.inbox.InboxViewModel;
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
import odcm.model.space.Space;

/**
 * One console window on one store: shows "Opening store…" at once, then opens the store in the background (not
 * before: on a busy machine that would only delay the window, decision 0021), then the main window, or the refusal
 * when the store cannot be opened. The main window makes each screen when it is first shown. Tests create it on their
 * own stage.
 */
public final class Console {
    private final Stage stage;
    private final StoreLocation location;
    private final FxTaskRunner runner;
    private final FilePicker files;
    private final Runnable exit;
    private AppContext context;
    private RoleGate gate;
    private AppContext gateContext;
    private MainWindow main;
    /** Made on the worker with their screens (decision 0033); read on the FX thread once delivered. */
    private volatile LifecyclesView lifecycles;
    private volatile OutboxView outbox;
    /** On a team store: what other consoles change (decision 0037); null otherwise. */
    private OthersChanges others;
    /** The example organisation offered for an empty store, while it shows. */
    private FirstRunOffer offer;
    private volatile odcm.app.ui.inbox.InboxView inbox;
    /** A bundle or receipt to show once the store is open (odcm FILE), or null. */
    private Path toShow;
    /** Where the window was when last closed, and the folder to say it in at close; none unless {@link #remembers}. */
    private WindowPlace place = WindowPlace.none();
    private Path placeFolder;
    /** The window's bounds when last neither maximised nor minimised: what is remembered of a maximised window. */
    private javafx.geometry.Rectangle2D normalBounds;

    /**
     * What opening found, all read on the background thread: also all spaces, by the store's clock at {@code now}, which
     * the space picker and the Spaces screen show first (one query, decision 0032).
     */
    private record Opened(AppContext context, MasterKeyState keyState, Path keyFile, List<Space> spaces, Instant now,
                          java.util.Optional<String> auditWarning, odcm.model.role.Permissions permissions) {
        /** An empty store, to offer the example organisation for (never one whose spaces could not be read). */
        boolean empty() {
            return spaces.isEmpty() && auditWarning.isEmpty();
        }

        List<Space> locals() {
            return spaces.stream().filter(Space::isLocal).toList();
        }
    }

    public Console(Stage stage, StoreLocation location, FxTaskRunner runner, FilePicker files, Runnable exit) {
        this.stage = stage;
        this.location = location;
        this.runner = runner;
        this.files = files;
        this.exit = exit;
    }

    private static Opened open(StoreLocation location) {
        AppContext ctx = AppContext.open(location);
        try {
            java.util.Optional<String> behind = ctx.store().auditWarning();
            List<Space> spaces = spaces(ctx, behind);
            // Read with the spaces: the Spaces screen shown at start disables what the person may not do from its first frame.
            return new Opened(ctx, ctx.store().masterKeyState(), ctx.store().masterKeyFile(), spaces, ctx.spaces().now(),
                    behind, permissions(ctx));
        } catch (RuntimeException e) {
            ctx.close();
            throw e;
        }
    }

    /**
     * The spaces to start with. A store behind its audit head does not use its trusts and certificates (decision 0038,
     * "Freshness"), so its spaces cannot be listed: the window opens with none, under the banner that says why and how on.
     */
    private static List<Space> spaces(AppContext ctx, java.util.Optional<String> behind) {
        try {
            return ctx.spaces().list();
        } catch (odcm.model.Refusal refused) {
            if (behind.isEmpty()) {
                throw refused;
            }
            return List.of();
        }
    }

    /** What the person may do, or null (the screens then leave it to the services) where it cannot be read now. */
    private static odcm.model.role.Permissions permissions(AppContext ctx) {
        try {
            return ctx.roles().mine();
        } catch (odcm.model.Refusal refused) {
            return null;
        }
    }

    /**
     * Opens the window where {@code place} says it was (read off the FX thread, before the console starts) and, at close,
     * writes where it is into {@code folder}. A console that is not told (the tests') neither reads nor writes it.
     */
    public void remembers(Path folder, WindowPlace place) {
        this.placeFolder = folder;
        this.place = place;
    }

    public void start() {
        // The first window in six moments of the FX thread, so that nothing waits for all of them at once (decision
        // 0032): the window's title and icons; the theme's stylesheet read; the "Opening store" screen made; its scene;
        // its CSS (the console's stylesheet, the skins); the window shown and laid out.
        stage.setTitle("ODCM Console — " + location.describe());
        // The icon of the window, its dialogs' and the task bar's, read in the background (installer/icons/odcm.svg).
        for (int size : new int[] {16, 32, 48, 64, 128, 256}) {
            stage.getIcons().add(new javafx.scene.image.Image(Console.class.getResource("icon/odcm-" + size + ".png").toExternalForm(), true));
        }
        javafx.application.Platform.runLater(() -> {
            Theme.apply();
            javafx.application.Platform.runLater(() -> {
                Parent screen = StartScreens.opening(location.describe());
                javafx.application.Platform.runLater(() -> openingScene(screen));
            });
        });
    }

    /** The "Opening store" screen's scene, where the window was; then its CSS and the window shown, a moment each. */
    private void openingScene(Parent screen) {
        java.util.Optional<javafx.geometry.Rectangle2D> bounds = place.onScreen(javafx.stage.Screen.getScreens().stream()
                .map(javafx.stage.Screen::getVisualBounds).toList());
        Scene opening = scene(screen, bounds.map(javafx.geometry.Rectangle2D::getWidth).orElse(WindowPlace.WIDTH),
                bounds.map(javafx.geometry.Rectangle2D::getHeight).orElse(WindowPlace.HEIGHT));
        bounds.ifPresent(b -> {
            stage.setX(b.getMinX());
            stage.setY(b.getMinY());
        });
        stage.setMaximized(place.maximized());
        followNormalBounds();
        javafx.application.Platform.runLater(() -> {
            opening.getRoot().applyCss();
            javafx.application.Platform.runLater(() -> showOpening(opening));
        });
    }

    /**
     * Loads JavaFX's fonts before the console starts, on the thread that calls it (ConsoleApp's init, while the FX thread
     * has nothing to do): the system's font configuration, the default font, the font libraries and the text shaper, which
     * the first window's screen, scene, CSS and first layout otherwise load on the FX thread, a little in each (~55 ms of
     * its CPU, decision 0032, seventh pass). A text no scene holds may be measured on any thread. Never on the FX thread.
     */
    public static void loadFonts() {
        new javafx.scene.text.Text("Opening store").getLayoutBounds();
    }

    /** Shows the "Opening store" window, and once its first frame is laid out, opens the store. */
    private void showOpening(Scene opening) {
        stage.setScene(opening);
        stage.show();
        StartupTimes.afterNextPulse(stage.getScene(), "window-shown");
        // Once the first frame is laid out (it is drawn meanwhile): on 2 busy cores, opening the store sooner took the
        // CPU that frame needed and made the window later, not the console usable sooner (decisions 0021, 0028).
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            opening.removePostLayoutPulseListener(once[0]);
            double width = opening.getWidth();
            double height = opening.getHeight();
            runner.run("Opening store " + location.describe(), () -> {
                StartupTimes.mark("store-opening");
                Opened opened = open(location);
                StartupTimes.mark("store-opened");
                // One after the other on the worker: made on a thread of its own while the store opened, the window came
                // no sooner on 2 loaded cores (each took ~20% longer than both in turn; decision 0032).
                return made(opened, width, height);
            }, this::opened,
                    sentence -> show(StartScreens.refused(location.describe(), sentence, exit), 1100, 720));
        };
        opening.addPostLayoutPulseListener(once[0]);
        javafx.application.Platform.requestNextPulse();
    }

    /** The main window with its Spaces screen, made and styled in a scene no window shows yet; not filled. */
    private record Shell(CurrentSpace space, MainWindow main, SpacesViewModel spaces, Scene scene) {
    }

    /** The main window, filled with what opening read and styled, not yet shown. */
    private record Made(Opened opened, Shell shell, FileToShow file) {
    }

    /**
     * Off the FX thread (decision 0028): the main window and its first screen are made and styled in a scene that no
     * window shows yet (JavaFX allows that), so the FX thread only lays it out and shows it.
     */
    private Shell shell(AppContext c, double width, double height) {
        CurrentSpace space = new CurrentSpace();
        SpacePicker picker = new SpacePicker(c.spaces(), runner, space);
        // Only a Lifecycles screen that was made can hold unsaved changes.
        picker.guard(proceed -> lifecycles == null || lifecycles.mayLeave(proceed));
        SpacesViewModel spaces = new SpacesViewModel(c.spaces(), c.keys(), runner);
        // Made here, on the worker, for the Spaces screen made with the window; the other screens share it (gate()).
        RoleGate roles = new RoleGate(c.roles(), runner);
        gate = roles;
        gateContext = c;
        MainWindow window = new MainWindow(entries(spaces, space, roles), picker, runner);
        window.make(0);
        Shell shell = new Shell(space, window, spaces, styled(window.root(), width, height));
        StartupTimes.mark("main-made");
        return shell;
    }

    /**
     * On the worker, once the store is open and the window made: the warning banner, the spaces read while opening
     * (the picker chooses the current space, the Spaces screen lists them), then CSS for what that changed. The FX
     * thread shows the window as it is, without loading it again.
     */
    private Made made(Opened opened, double width, double height) {
        try {
            Shell shell = shell(opened.context(), width, height);
            MainWindow window = shell.main();
            StartScreens.keyWarning(opened.keyState(), opened.keyFile()).or(() -> StartScreens.auditWarning(opened.auditWarning()))
                    .ifPresent(window::showPanel);
            window.store().show(new odcm.app.ui.common.StoreLink.Facts(location, opened.context().store().storeId(), opened.keyState()));
            window.showPerson(opened.context().store().person());
            List<Space> locals = opened.locals();
            shell.space().choose(place.space()); // the space last worked in, if it is still one of the locals (else the first)
            FileToShow file = toShow == null ? null : FileToShow.look(toShow, locals);
            if (file != null) {
                file.space().ifPresent(shell.space()::choose); // a bundle is checked as the space it is for
                file.problem().ifPresent(sentence -> window.showPanel(StartScreens.dismissable("file-problem", sentence, window::removePanel)));
            }
            gate.known(opened.permissions());
            window.picker().show(locals);
            shell.spaces().show(locals, opened.now(), null);
            window.root().applyCss();
            StartupTimes.mark("main-filled");
            return new Made(opened, shell, file);
        } catch (RuntimeException e) {
            opened.context().close();
            throw e;
        }
    }

    /**
     * A scene for this root with the console's stylesheet and its CSS applied (which makes the controls' skins), on any
     * thread before it is shown. Not laid out: JavaFX measures text with caches shared by all threads.
     */
    private static Scene styled(Parent root, double width, double height) {
        Scene scene = scene(root, width, height);
        root.applyCss();
        return scene;
    }

    /** The screens in the order of MainWindow's NAV_IDS; each made when first shown (Spaces at start, with {@code first}). */
    private List<MainWindow.Entry> entries(SpacesViewModel first, CurrentSpace space, RoleGate roles) {
        Runnable spaces = () -> main.select("nav-spaces");
        return List.of(
                new MainWindow.Entry("Spaces", () -> new SpacesView(first, files, roles).screen()),
                new MainWindow.Entry("Remote spaces", () -> new RemoteSpacesView(new RemoteSpacesViewModel(c().remotes(), c().keys(), c().spaces(), runner), files, gate()).screen()),
                new MainWindow.Entry("Trusts", () -> new TrustsView(new TrustsViewModel(c().trusts(), c().spaces(), runner), gate()).screen()),
                new MainWindow.Entry("Environments", () -> new EnvironmentsView(new EnvironmentsViewModel(c().environments(), c().templates(), c().remoteTemplates(), c().spaces(), runner, space),
                        space, spaces, gate()).screen()),
                new MainWindow.Entry("Lifecycles", () -> lifecycles(space).screen()),
                new MainWindow.Entry("Projects", () -> new ProjectsView(new ProjectsViewModel(c().projects(), c().environments(), c().lifecycles(), runner,
                        space), gate()).screen()),
                new MainWindow.Entry("Releases", () -> new ReleasesView(new ReleasesViewModel(c().projects(), c().releases(), c().bundles(), c().deployments(),
                        c().approvals(), c().acceptances(), runner, space), files, gate(), c().packageTransfer()).screen()),
                new MainWindow.Entry("Outbox", () -> outbox(space).screen()),
                new MainWindow.Entry("Inbox", () -> inbox(space).screen()),
                new MainWindow.Entry("Dashboard", () -> new DashboardView(new DashboardViewModel(c().dashboards(), runner, space), space, spaces,
                        java.time.ZoneId.systemDefault()).screen()),
                new MainWindow.Entry("Pipeline", () -> new PipelineView(new PipelineViewModel(c().lifecycles(), c().projects(), c().dashboards(), runner, space),
                        runner, files, space, spaces).screen()),
                new MainWindow.Entry("Audit log", () -> new AuditView(new AuditViewModel(c().audit(), runner), files).screen()),
                new MainWindow.Entry("People & roles", () -> new RolesView(new RolesViewModel(c().roles(), c().spaces(), c().environments(), runner,
                        gate())).screen()));
    }

    /** What the person may do, shared by the screens that disable what they may not (made with the first of them, on the FX thread). */
    private RoleGate gate() {
        if (gate == null || gateContext != context) {
            gate = new RoleGate(context.roles(), runner);
            gateContext = context;
        }
        return gate;
    }

    /** The store's services: screens other than Spaces are made after the store opened (on the FX thread). */
    private AppContext c() {
        return context;
    }

    private void opened(Made made) {
        Opened opened = made.opened();
        context = opened.context();
        main = made.shell().main();
        CurrentSpace space = made.shell().space();
        StartupTimes.mark("main-received");
        // Its frame first, its Spaces screen a pulse later: laid out at once, the two were the longest wait of the FX
        // thread once the window shows (~80 ms of its CPU; decision 0033, 2026-12-04).
        main.screenAfterFirstFrame(made.shell().scene());
        stage.setScene(made.shell().scene());
        main.installShortcuts(stage.getScene());
        stage.getScene().getAccelerators().put(javafx.scene.input.KeyCombination.keyCombination("Shortcut+Shift+V"), () -> {
            // Its dialog belongs to the Outbox, whichever screen was shown; opened once the Outbox is in the window.
            main.select("nav-outbox", () -> outbox(space).verify());
        });
        StartupTimes.when(stage.getScene(), () -> opened.empty() || space.isChosen()
                && stage.getScene().lookup("#spaces-table") instanceof javafx.scene.control.TableView<?> t && !t.getItems().isEmpty(), "usable");
        StartupTimes.whenIdle(runner, stage.getScene(), "idle");
        others = OthersChanges.start(context.store(), context.audit(), runner, main, this::editing, this::withdrawOffer).orElse(null);
        // What expires soon, counted in the status bar: checked on the worker once the first screen is laid out, never before.
        // Its link (hidden until that check is done) is made then too: made here, it and its tooltip were made and styled
        // in the main window's first frames for nothing to see (decision 0032, eighth pass).
        AppContext ctx = context;
        afterLayouts(stage.getScene(), 3, () -> {
            odcm.app.ui.health.HealthViewModel health = new odcm.app.ui.health.HealthViewModel(ctx.health(), runner);
            main.showInStatusLine(new odcm.app.ui.health.HealthView(health).statusLink());
            health.refresh();
        });
        // The icon font once the first screen is in the window and laid out: on two cores, reading it sooner delayed that.
        afterLayouts(stage.getScene(), 3, odcm.app.ui.common.Icons::loadInBackground);
        if (!place.screen().isEmpty() && !place.screen().equals(main.currentId()) && main.hasScreen(place.screen()) && space.isChosen()) {
            main.select(place.screen()); // the screen last shown
        }
        if (opened.empty() && opened.keyState() == MasterKeyState.PRESENT) {
            offerDemo();
        }
        FileToShow file = made.file();
        if (file != null && file.problem().isEmpty()) {
            // The Inbox, where a bundle is listed with its verification outcome (Import… from there), or its Import receipt….
            main.select("nav-inbox", () -> {
                if (file.receipt()) {
                    inbox(space).importReceipt(file.file());
                } else {
                    inbox(space).show(file.file());
                }
            });
        }
    }

    /**
     * Shows this release bundle (in the Inbox, checked as the space it is for) or deployment receipt (in Import receipt…)
     * once the store is open; a file that cannot be shown is said in a line above the screens. Called before {@link #start}.
     */
    public void showFile(Path file) {
        toShow = file;
    }

    private odcm.app.ui.inbox.InboxView inbox(CurrentSpace space) {
        if (inbox == null) {
            inbox = new InboxView(new InboxViewModel(context.imports(), runner, space, location.storeDir().resolve("inbox")), context.receipts(), files,
                    gate());
        }
        return inbox;
    }

    /**
     * Whether loading the screen shown again would lose what the user is typing: the Projects screen's editor keeps no
     * mark of unsaved edits, so it is loaded again only when asked (F5). The Lifecycles screen keeps its unsaved edits
     * when it loads (its own guard).
     */
    private boolean editing() {
        return "nav-projects".equals(main.currentId());
    }

    /** Others changed the store: it is no longer the empty store the example organisation was offered for. */
    private void withdrawOffer() {
        if (offer != null) {
            main.removePanel(offer);
            offer = null;
        }
    }

    private LifecyclesView lifecycles(CurrentSpace space) {
        if (lifecycles == null) {
            lifecycles = new LifecyclesView(new LifecyclesViewModel(context.lifecycles(), context.environments(), context.templates(), context.spaces(), runner, space), space,
                    () -> main.select("nav-spaces"), gate());
        }
        return lifecycles;
    }

    private OutboxView outbox(CurrentSpace space) {
        if (outbox == null) {
            outbox = new OutboxView(new OutboxViewModel(context.bundles(), runner, space), context.bundles(), context.receipts(), runner, files);
        }
        return outbox;
    }

    /** A store without spaces: offer the example organisation; afterwards the current screen and the space picker show it. */
    private void offerDemo() {
        AppContext ctx = context;
        FirstRunOffer[] made = new FirstRunOffer[1];
        made[0] = new FirstRunOffer(runner, () -> new Demo(ctx).create(),
                done -> main.reselect(), () -> {
                    main.removePanel(made[0]);
                    offer = null;
                });
        offer = made[0];
        main.showPanel(offer);
    }

    private void show(Parent root, double width, double height) {
        stage.setScene(scene(root, width, height));
    }

    private static Scene scene(Parent root, double width, double height) {
        Scene scene = new Scene(root, width, height);
        scene.getStylesheets().add(Css.stylesheet());
        return scene;
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

    /** Runs {@code action} on the FX thread after this many more layout pulses of the scene. */
    private static void afterLayouts(Scene scene, int pulses, Runnable action) {
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            scene.removePostLayoutPulseListener(once[0]);
            javafx.application.Platform.runLater(pulses <= 1 ? action : () -> afterLayouts(scene, pulses - 1, action));
        };
        scene.addPostLayoutPulseListener(once[0]);
        javafx.application.Platform.requestNextPulse();
    }

    /** Keeps {@link #normalBounds} up to date while the window is neither maximised nor minimised. */
    private void followNormalBounds() {
        javafx.beans.InvalidationListener follow = o -> {
            if (!stage.isMaximized() && !stage.isIconified() && stage.getWidth() > 0 && stage.getHeight() > 0) {
                normalBounds = new javafx.geometry.Rectangle2D(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight());
            }
        };
        stage.xProperty().addListener(follow);
        stage.yProperty().addListener(follow);
        stage.widthProperty().addListener(follow);
        stage.heightProperty().addListener(follow);
    }

    /** Closes the store after any work still queued, so the last change is not cut off; says where the window was. */
    public void close() {
        if (main != null) {
            main.closing();
        }
        if (others != null) {
            others.close();
        }
        AppContext ctx = context;
        Path folder = placeFolder;
        WindowPlace now = folder == null ? null : new WindowPlace(normalBounds != null ? normalBounds : place.bounds(), stage.isMaximized(),
                main == null ? place.space() : main.picker().current().name(), main == null ? place.screen() : main.currentId());
        String store = location.describe();
        runner.shutdown(() -> {
            if (now != null) {
                now.write(folder, store);
            }
            if (ctx != null) {
                ctx.close();
            }
        });
    }
}

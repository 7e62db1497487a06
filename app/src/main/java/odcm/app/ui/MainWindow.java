package odcm.app.ui;

import java.util.List;
import java.util.function.Supplier;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import odcm.app.ui.common.Css;
import odcm.app.ui.common.Screen;
import odcm.app.ui.task.TaskRunner;

/**
 * Navigation, the current screen, the theme toggle and the status line. The screens do the rest. A screen (and its
 * view model, which loads its data) is made when it is first shown, never before; each showing loads its data again.
 */
public final class MainWindow {
    /** In the order of the screens Console hands over; the same order there. */
    private static final String[] NAV_IDS = {
        "nav-spaces",
        "nav-remotes",
        "nav-trusts",
        "nav-environments",
        "nav-lifecycles",
        "nav-projects",
        "nav-releases",
        "nav-outbox",
        "nav-inbox",
        "nav-dashboard",
        "nav-pipeline",
        "nav-audit",
        "nav-roles",
    };
    private final SpacePicker picker;
    private final List<Entry> entries;
    /** The screens made so far, by index; null until first shown. */
    private final Screen[] screens;
    private final BorderPane root = new BorderPane();
    private final ToggleGroup nav = new ToggleGroup();
    private final odcm.app.ui.common.StoreLink store = new odcm.app.ui.common.StoreLink();
    /** Who acts on the store (decision 0040): empty until {@link #showPerson} is given it. */
    private final Label person = new Label();
    private final VBox top = new VBox();
    private int current = -1;
    private final TaskRunner runner;
    /** The screens being made on the worker now, and what to run once each is shown (decision 0033). */
    private final java.util.Map<Integer, Runnable> making = new java.util.HashMap<>();
    /** A change of space asked for while a screen is made on the worker: done once it is in the window. */
    private Runnable spaceChange;
    /** Whether this window was made on the FX thread: the console makes and styles it on its worker (decision 0028). */
    private final boolean madeOnFxThread = javafx.application.Platform.isFxApplicationThread();

    /** A screen of the navigation before it is made: its title, and how to make it (the view and its view model). */
    public record Entry(String title, Supplier<Screen> make) {
    }

    public MainWindow(List<Entry> entries, SpacePicker picker, TaskRunner runner) {
        this.entries = entries;
        this.screens = new Screen[entries.size()];
        this.picker = picker;
        this.runner = runner;
        // The screen made on the worker binds to the current space: the space changes only once it is in the window.
        SpacePicker.Leaving guard = picker.guard();
        picker.guard(proceed -> {
            if (making.isEmpty()) {
                return guard.mayLeave(proceed);
            }
            spaceChange = () -> {
                if (guard.mayLeave(proceed)) {
                    proceed.run();
                }
            };
            return false;
        });
        root.setId("main-window");
        root.setTop(top);
        root.setLeft(navigation());
        root.setBottom(statusLine(runner));
    }

    private Node navigation() {
        VBox box = new VBox(4);
        box.getStyleClass().add(Css.NAV);
        box.getChildren().add(picker.node());
        for (int i = 0; i < entries.size(); i++) {
            int index = i;
            ToggleButton b = new ToggleButton(entries.get(i).title());
            b.setId(NAV_IDS[i]);
            b.getStyleClass().add(Css.NAV_BUTTON);
            b.setMaxWidth(Double.MAX_VALUE);
            odcm.app.ui.common.Icons.onScreen(b, i);
            tooltipOnHover(b, entries.get(i).title() + " (" + shortcutWords(i) + ")");
            b.setToggleGroup(nav);
            b.setOnAction(e -> select(index));
            // The shortcut at the right of the entry, dimmed, over the button (which keeps its own text and icon).
            Label keys = new Label(shortcutShort(i));
            keys.getStyleClass().add("nav-shortcut");
            keys.setMouseTransparent(true);
            javafx.scene.layout.StackPane entry = new javafx.scene.layout.StackPane(b, keys);
            javafx.scene.layout.StackPane.setAlignment(keys, javafx.geometry.Pos.CENTER_RIGHT);
            javafx.scene.layout.StackPane.setMargin(keys, new Insets(0, 10, 0, 0));
            b.selectedProperty().addListener((o, was, now) -> keys.pseudoClassStateChanged(SELECTED, now));
            box.getChildren().add(entry);
        }
        Region spring = new Region();
        VBox.setVgrow(spring, Priority.ALWAYS);
        ToggleButton dark = new ToggleButton("Dark theme");
        dark.setId("theme-toggle");
        dark.setMaxWidth(Double.MAX_VALUE);
        dark.setSelected(Theme.isDark());
        tooltipOnHover(dark, "Switch between the light and the dark theme");
        dark.selectedProperty().addListener((o, was, now) -> Theme.setDark(now));
        javafx.scene.control.Button about = new javafx.scene.control.Button("About");
        about.setId("about-button");
        about.setMaxWidth(Double.MAX_VALUE);
        tooltipOnHover(about, "The version, the store, the log file and the Java it runs on (F1)");
        about.setOnAction(e -> showAbout());
        box.getChildren().addAll(spring, dark, about);
        // Scrolls rather than pushing the status bar out of a short window (a panel above the screens takes room too).
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(box);
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        scroll.setHbarPolicy(javafx.scene.control.ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("nav-scroll");
        return scroll;
    }

    /**
     * The tooltip made when the pointer first comes over the control: those of the navigation, made at start, were ~13%
     * of making the main window (decision 0032). Its text is the control's accessible help meanwhile, as a tooltip's
     * would be.
     */
    static void tooltipOnHover(javafx.scene.control.Control b, String text) {
        b.setAccessibleHelp(text);
        b.addEventHandler(javafx.scene.input.MouseEvent.MOUSE_ENTERED, new javafx.event.EventHandler<>() {
            @Override
            public void handle(javafx.scene.input.MouseEvent e) {
                b.removeEventHandler(javafx.scene.input.MouseEvent.MOUSE_ENTERED, this);
                b.setTooltip(new Tooltip(text));
            }
        });
    }

    private Node statusLine(TaskRunner runner) {
        Label activity = new Label();
        activity.setId("status-activity");
        activity.setMinWidth(80); // "Ready" stays readable beside a long store address
        activity.textProperty().bind(runner.activityProperty().map(a -> a.isEmpty() ? "Ready" : a + "…"));
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        person.setId("status-person");
        person.setMinWidth(Region.USE_PREF_SIZE); // the store's address gives way first
        HBox bar = new HBox(8, progressPlace(), activity, spring, person, store);
        turnsWhenLong(bar, runner.busyProperty());
        bar.getStyleClass().add(Css.STATUS_BAR);
        bar.setPadding(new Insets(4, 12, 4, 12));
        return bar;
    }

    /** The size of the status line's progress indicator, and of the empty region that holds its place until it first turns. */
    private static final double PROGRESS_SIZE = 14;

    private static Region progressPlace() {
        Region place = new Region();
        place.setPrefSize(PROGRESS_SIZE, PROGRESS_SIZE);
        place.setMinSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        place.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        place.setVisible(false);
        return place;
    }

    /**
     * The status line's progress indicator (the first child of {@code bar}) turns only once the worker has been busy for
     * {@link #TURNS_AFTER}: most tasks (a screen made, a list loaded) end sooner, and each frame of the animation is
     * drawn, and under a software pipeline composed, while the FX thread lays out what those tasks bring back (decision
     * 0033, 2026-12-04). The activity's words ("Loading…") show at once, as before. Until it first turns an empty region
     * of its size holds its place: the indicator's skin (its twelve segments, their styles, its animation) is made then,
     * not with the main window at start (decision 0032, 2026-12-05, sixth pass), as the "Opening store" screen's is.
     */
    static void turnsWhenLong(HBox bar, javafx.beans.value.ObservableBooleanValue busy) {
        javafx.animation.PauseTransition later = new javafx.animation.PauseTransition(TURNS_AFTER);
        later.setOnFinished(e -> {
            if (busy.get()) {
                if (!(bar.getChildren().get(0) instanceof ProgressIndicator)) {
                    ProgressIndicator progress = new ProgressIndicator();
                    progress.setId("status-progress");
                    progress.setPrefSize(PROGRESS_SIZE, PROGRESS_SIZE);
                    bar.getChildren().set(0, progress);
                }
                bar.getChildren().get(0).setVisible(true);
            }
        });
        busy.addListener((o, was, now) -> {
            Runnable apply = () -> {
                if (busy.get()) {
                    later.playFromStart();
                } else {
                    later.stop();
                    bar.getChildren().get(0).setVisible(false);
                }
            };
            if (javafx.application.Platform.isFxApplicationThread()) {
                apply.run();
            } else {
                javafx.application.Platform.runLater(apply);
            }
        });
    }

    /** How long the worker is busy before the status line's progress indicator shows. */
    static final javafx.util.Duration TURNS_AFTER = javafx.util.Duration.millis(700);

    private static final javafx.css.PseudoClass SELECTED = javafx.css.PseudoClass.getPseudoClass("selected");

    /** The digit of the screen's shortcut: 1..9, then 0 for the tenth; the same again, with Shift, from the eleventh. */
    private static int digit(int index) {
        return (index % 10 + 1) % 10;
    }

    /** The screen's shortcut: Ctrl+1…9 and Ctrl+0 for the first ten, Ctrl+Shift+1… for the next ten. */
    static String shortcut(int index) {
        return "Shortcut+" + (index >= 10 ? "Shift+" : "") + digit(index);
    }

    /** As a tooltip says it: "Ctrl+Shift+1". */
    private static String shortcutWords(int index) {
        return KeyCombination.keyCombination(shortcut(index)).getDisplayText();
    }

    /** As the navigation shows it, dimmed at the right of the entry: "Ctrl+1", "Ctrl+⇧1". */
    private static String shortcutShort(int index) {
        return KeyCombination.keyCombination("Shortcut+" + digit(index)).getDisplayText().replace("+" + digit(index),
                (index >= 10 ? "+\u21e7" : "+") + digit(index));
    }

    /** Ctrl+1..9 and Ctrl+0, then Ctrl+Shift+1.. switch screens; Ctrl+N runs the current screen's New action. */
    void installShortcuts(Scene scene) {
        for (int i = 0; i < Math.min(20, entries.size()); i++) {
            int index = i;
            scene.getAccelerators().put(KeyCombination.keyCombination(shortcut(i)), () -> select(index));
        }
        scene.getAccelerators().put(KeyCombination.keyCombination("F5"), this::reload);
        scene.getAccelerators().put(KeyCombination.keyCombination("F1"), this::showAbout);
        scene.getAccelerators().put(KeyCombination.keyCombination("Shortcut+N"),
                () -> java.util.Optional.ofNullable(current()).flatMap(Screen::newAction).ifPresent(Runnable::run));
    }

    public void select(int index) {
        select(index, () -> { });
    }

    /**
     * Shows the screen at this index and loads its data, then runs {@code then}. A screen never shown before is made
     * and styled on the worker in a scene no window shows (decision 0033), with a line saying so in its place
     * meanwhile; the FX thread only puts it in the window and lays it out.
     */
    public void select(int index, Runnable then) {
        if (current != index && current() != null) {
            current().hidden();
        }
        current = index;
        nav.selectToggle(nav.getToggles().get(index));
        picker.refresh(); // a space created or deleted meanwhile appears or goes
        if (screens[index] != null) {
            show(index);
            then.run();
            return;
        }
        String title = entries.get(index).title();
        root.setCenter(StartScreens.making("Opening " + title + "…"));
        if (making.containsKey(index)) {
            making.merge(index, then, (a, b) -> () -> { a.run(); b.run(); });
            return;
        }
        making.put(index, then);
        List<String> sheets = List.copyOf(root.getScene() == null ? List.of() : root.getScene().getStylesheets());
        runner.run("Opening " + title, () -> {
            fxCaughtUp();
            return styled(entries.get(index).make().get(), sheets);
        }, screen -> {
            screens[index] = screen;
            Runnable after = making.remove(index);
            if (current == index) {
                show(index);
                after.run();
            }
            spaceChangeAsked();
        }, sentence -> {
            making.remove(index);
            if (current == index) {
                root.setCenter(StartScreens.making(title + " could not be opened. " + sentence));
            }
            spaceChangeAsked();
        });
    }

    /** Once no screen is being made: the change of space asked for meanwhile, if any. */
    private void spaceChangeAsked() {
        if (making.isEmpty() && spaceChange != null) {
            Runnable change = spaceChange;
            spaceChange = null;
            change.run();
        }
    }

    /**
     * On the worker, before a screen is made: lets the FX thread run what was handed to it before (outcomes of earlier
     * work, such as the space picker's), so nothing the screen binds to changes while it is made. Never waits long: at
     * close the FX thread waits for the worker.
     */
    private static void fxCaughtUp() throws InterruptedException {
        if (!javafx.application.Platform.isFxApplicationThread()) {
            java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
            javafx.application.Platform.runLater(done::countDown);
            done.await(2, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    private void show(int index) {
        Screen screen = screens[index];
        root.setCenter(screen.node());
        screen.shown();
    }

    /**
     * On the worker: the screen's node in a scene of its own with the window's stylesheets, its CSS applied (which makes
     * the controls' skins), then taken out again. Not laid out: JavaFX measures text with caches shared by all threads
     * (decision 0028).
     */
    private static Screen styled(Screen screen, List<String> sheets) {
        javafx.scene.layout.StackPane holder = new javafx.scene.layout.StackPane(screen.node());
        Scene scene = new Scene(holder);
        scene.getStylesheets().setAll(sheets);
        holder.applyCss();
        holder.getChildren().clear();
        return screen;
    }

    /**
     * Makes the screen at this index and puts it in the window as the current one, without loading it: before the
     * window is in a shown scene, so on any thread (the console makes its first screen off the FX thread and fills it
     * with what it read while opening the store, decisions 0028 and 0032).
     */
    Screen make(int index) {
        Screen screen = screen(index);
        current = index;
        nav.selectToggle(nav.getToggles().get(index));
        root.setCenter(screen.node());
        return screen;
    }

    /** The screen at this index, made now if it was never shown. */
    private Screen screen(int index) {
        if (screens[index] == null) {
            screens[index] = entries.get(index).make().get();
        }
        return screens[index];
    }

    /**
     * Before the window's scene is first shown (the console's start): the frame (navigation, status line, banners) is
     * laid out in one moment of the FX thread with "Opening …" in the screen's place, the current screen put in and laid
     * out in the next, after that frame's pulse (decision 0033, 2026-12-04). Another screen chosen meanwhile takes the
     * place as usual.
     */
    void screenAfterFirstFrame(Scene scene) {
        Node screen = root.getCenter();
        Node opening = StartScreens.making("Opening " + entries.get(current).title() + "…");
        root.setCenter(opening);
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            scene.removePostLayoutPulseListener(once[0]);
            javafx.application.Platform.runLater(() -> {
                if (root.getCenter() == opening) {
                    root.setCenter(screen);
                }
            });
        };
        scene.addPostLayoutPulseListener(once[0]);
    }

    /** Shows the current screen again, with what the store holds now. */
    void reselect() {
        select(current);
    }

    /**
     * Loads the shown screen's data again, as showing it does, and the space picker's (F5, or others changed the store);
     * nothing while the screen is still being made (it loads once shown).
     */
    void reload() {
        if (current >= 0 && screens[current] != null) {
            picker.refresh();
            screens[current].shown();
        }
    }

    /** The navigation id of the screen shown or being made, e.g. "nav-spaces"; empty before any. */
    String currentId() {
        return current < 0 ? "" : NAV_IDS[current];
    }

    /** Puts a node in the status line, before the store's name (e.g. what others changed). */
    void showInStatusLine(Node node) {
        HBox bar = (HBox) root.getBottom();
        bar.getChildren().add(bar.getChildren().size() - 1, node);
    }

    /** Whether the screen with this navigation id has been made (it is made when first shown). */
    /** How many screens the navigation offers (made or not). */
    public int screenCount() {
        return entries.size();
    }

    /** Whether the navigation has a screen with this id. */
    public boolean hasScreen(String navId) {
        return java.util.Arrays.asList(NAV_IDS).subList(0, entries.size()).contains(navId);
    }

    public boolean isMade(String navId) {
        return screens[index(navId)] != null;
    }

    private static int index(String navId) {
        int index = java.util.Arrays.asList(NAV_IDS).indexOf(navId);
        if (index < 0) {
            throw new IllegalArgumentException("no screen " + navId);
        }
        return index;
    }

    /**
     * The status bar's "Person: …": who acts on the store and whom its audit entries name; in an embedded store this
     * computer's user, who holds every role. Its tooltip says it whole. Called before the window is shown, like {@link #store()}.
     */
    public void showPerson(odcm.model.role.Person p) {
        person.setText("Person: " + p.name() + (p.holdsEveryRole() ? " (this computer's user, every role)" : " (database login)"));
        tooltipOnHover(person, p.sentence());
    }

    /** The window closes: the screen shown stops what it runs (the Inbox its watching). */
    public void closing() {
        if (current() != null) {
            current().hidden();
        }
    }

    /** Help › About (F1): version, store, log file, Java and JavaFX. */
    public void showAbout() {
        odcm.app.ui.common.StoreLink.Facts facts = store.facts();
        javafx.scene.control.Alert about = AboutDialog.dialog(facts == null ? "(opening)" : facts.location().describe(), runner);
        if (root.getScene() != null) {
            about.initOwner(root.getScene().getWindow());
        }
        about.show();
    }

    /** The status bar's "Store: <folder>" and its About this store dialog. */
    public odcm.app.ui.common.StoreLink store() {
        return store;
    }

    /** Shows the screen with this navigation id, e.g. "nav-spaces". */
    public void select(String navId) {
        select(index(navId));
    }

    /** Shows the screen with this navigation id, then runs {@code then} (once it is made, the first time). */
    public void select(String navId, Runnable then) {
        select(index(navId), then);
    }

    /** Shows a panel above the screens (below one shown before), e.g. the first-run offer. */
    void showPanel(Node panel) {
        top.getChildren().add(panel);
    }

    void removePanel(Node panel) {
        top.getChildren().remove(panel);
    }

    boolean madeOnFxThread() {
        return madeOnFxThread;
    }

    public SpacePicker picker() {
        return picker;
    }

    /** The screen shown, or null while it is being made. */
    public Screen current() {
        return current < 0 ? null : screens[current];
    }

    public Parent root() {
        return root;
    }
}

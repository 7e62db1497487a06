package odcm.app.ui.common;

import java.util.Map;
import javafx.scene.control.Labeled;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The console's icons: Feather's line icons (Ikonli), one small font read when the first icon is made. The navigation's
 * and the main actions' (issue 16); colours and size come from console.css ({@code .ikonli-font-icon}).
 */
public final class Icons {
    private Icons() {
    }

    /** The icons of the main actions, by the button's id (see {@link Forms#button}): New, Delete, Promote, Verify, … */
    private static final Map<String, Ikon> ACTIONS = Map.ofEntries(
            Map.entry("new-space", Feather.PLUS), Map.entry("new-environment", Feather.PLUS), Map.entry("new-lifecycle", Feather.PLUS),
            Map.entry("new-project", Feather.PLUS), Map.entry("new-release", Feather.PLUS), Map.entry("add-remote", Feather.PLUS),
            Map.entry("add-trust", Feather.PLUS), Map.entry("new-remote-environment", Feather.PLUS), Map.entry("grant-role", Feather.USER_PLUS),
            Map.entry("delete-space", Feather.TRASH_2), Map.entry("delete-environment", Feather.TRASH_2),
            Map.entry("delete-remote-environment", Feather.TRASH_2), Map.entry("lifecycle-delete", Feather.TRASH_2),
            Map.entry("new-template", Feather.PLUS), Map.entry("new-instance", Feather.PLUS), Map.entry("delete-template", Feather.TRASH_2),
            Map.entry("remove-remote", Feather.TRASH_2), Map.entry("revoke-trust", Feather.SLASH), Map.entry("revoke-role", Feather.USER_MINUS),
            Map.entry("promote-release", Feather.SEND), Map.entry("deploy", Feather.PLAY_CIRCLE),
            Map.entry("verify-bundle", Feather.SHIELD), Map.entry("verify-audit", Feather.SHIELD), Map.entry("verify-open", Feather.FOLDER),
            Map.entry("inbox-import", Feather.DOWNLOAD), Map.entry("inbox-import-receipt", Feather.DOWNLOAD), Map.entry("inbox-open", Feather.FOLDER),
            Map.entry("compare-releases", Feather.COLUMNS), Map.entry("compare-approve", Feather.CHECK), Map.entry("compare-reject", Feather.X),
            Map.entry("export-audit", Feather.SHARE), Map.entry("compare-export-html", Feather.SHARE), Map.entry("compare-export-md", Feather.SHARE),
            Map.entry("create-receipt", Feather.FILE_TEXT), Map.entry("save-certificate", Feather.SAVE),
            Map.entry("lifecycle-save", Feather.SAVE), Map.entry("project-save", Feather.SAVE),
            Map.entry("pipeline-refresh", Feather.REFRESH_CW), Map.entry("dashboard-refresh", Feather.REFRESH_CW),
            Map.entry("inbox-refresh", Feather.REFRESH_CW), Map.entry("graph-export-png", Feather.SHARE),
            Map.entry("graph-export-svg", Feather.SHARE));

    /** The navigation's icons, in the order of its screens (MainWindow's NAV_IDS). */
    private static final Ikon[] SCREENS = {Feather.BOX, Feather.GLOBE, Feather.LINK, Feather.SERVER, Feather.GIT_COMMIT, Feather.FOLDER,
        Feather.PACKAGE, Feather.UPLOAD, Feather.INBOX, Feather.GRID, Feather.GIT_MERGE, Feather.BOOK_OPEN, Feather.USERS};

    /**
     * Done once the icon font is read and Ikonli's handlers found (a scan of the class path): on a thread of its own,
     * started by the console once its window is usable, so neither the first window nor the first screen waits for it.
     * Icons asked for before then are put on their controls when it is done.
     */
    private static final java.util.concurrent.CompletableFuture<Void> LOADED = new java.util.concurrent.CompletableFuture<>();
    private static final java.util.concurrent.atomic.AtomicBoolean STARTED = new java.util.concurrent.atomic.AtomicBoolean();

    /** Reads the icon font in the background, once; the icons asked for meanwhile then appear. */
    public static void loadInBackground() {
        if (STARTED.compareAndSet(false, true)) {
            Thread t = new Thread(() -> {
                try {
                    new FontIcon(Feather.BOX);
                } finally {
                    LOADED.complete(null);
                }
            }, "odcm-icons");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            t.start();
        }
    }

    /** Done once the icon font is read (tests wait for it before looking at icons). */
    public static java.util.concurrent.CompletableFuture<Void> loaded() {
        return LOADED.copy();
    }

    private static void put(Labeled control, Ikon ikon) {
        if (LOADED.isDone()) {
            control.setGraphic(of(ikon));
        } else {
            LOADED.thenRun(() -> javafx.application.Platform.runLater(() -> putWhenShown(control, ikon)));
        }
    }

    /**
     * On the FX thread: the icon now if the control is in a window, else once it is put in one (a screen may be being
     * made and styled on the worker meanwhile, decision 0033: never touched there from the FX thread).
     */
    private static void putWhenShown(Labeled control, Ikon ikon) {
        if (inWindow(control)) {
            control.setGraphic(of(ikon));
            return;
        }
        control.sceneProperty().addListener(new javafx.beans.InvalidationListener() {
            @Override
            public void invalidated(javafx.beans.Observable o) {
                if (javafx.application.Platform.isFxApplicationThread() && inWindow(control)) {
                    control.sceneProperty().removeListener(this);
                    control.setGraphic(of(ikon));
                }
            }
        });
    }

    private static boolean inWindow(Labeled control) {
        return control.getScene() != null && control.getScene().getWindow() != null;
    }

    public static FontIcon of(Ikon ikon) {
        FontIcon icon = new FontIcon(ikon);
        icon.getStyleClass().add("icon");
        return icon;
    }

    /** The icon of the screen at this index of the navigation, or none past the known ones. */
    public static void onScreen(Labeled nav, int index) {
        if (index < SCREENS.length) {
            put(nav, SCREENS[index]);
        }
    }

    /** The action's icon on its button, where it is one of the main actions. */
    public static void onAction(Labeled button) {
        Ikon ikon = ACTIONS.get(button.getId());
        if (ikon != null) {
            put(button, ikon);
        }
    }
}

package odcm.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import odcm.app.apply.Demo;
import odcm.app.ui.graph.LifecycleGraphView;
import odcm.persistence.StoreLocation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

/**
 * Decision 0021: at start only the Spaces screen is made and loaded; every other screen (its view model, its data,
 * the Pipeline's graph layout, the dashboard) when it is first shown, and each showing shows what the store holds now.
 */
class LazyScreensTest {
    private static final List<String> OTHERS = List.of("nav-remotes", "nav-trusts", "nav-environments", "nav-lifecycles", "nav-projects",
            "nav-releases", "nav-outbox", "nav-inbox", "nav-dashboard", "nav-pipeline", "nav-audit", "nav-roles");

    @TempDir
    Path tmp;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    /**
     * What the console's worker did from its start, but the expiry count of the status bar: asked for on purpose once the
     * first screen is laid out (decision 0055), and last.
     */
    static List<String> startWork(ConsoleDriver c) {
        List<String> all = List.copyOf(c.activities);
        if (all.stream().anyMatch(a -> a.startsWith("Checking what expires"))) {
            assertEquals("Checking what expires within 30 days", all.get(all.size() - 1), "after everything the start needs: " + all);
        }
        // The Spaces screen's detail reads the selected space's earlier keys (decision 0056): part of the screen shown.
        List<String> others = all.stream().filter(a -> !a.startsWith("Checking what expires") && !a.startsWith("Loading the earlier keys of"))
                .toList();
        return others;
    }

    @Test
    void theWindowShowsWhileTheStoreOpensThenTheCurrentSpaceListed() throws Exception {
        StoreLocation location = TestStores.demo(tmp, "demo");
        CountDownLatch held = new CountDownLatch(1);
        // Work queued before the console's own holds its one worker thread: the store opens only once it is released.
        try (ConsoleDriver c = new ConsoleDriver(location, runner -> runner.run("Held", () -> held.await(60, TimeUnit.SECONDS), done -> { }, failed -> { }))) {
            assertEquals("Opening store " + location.storeDir() + "…", c.<Label>node("#opening-store").getText());
            assertTrue(c.lookup("#main-window").tryQuery().isEmpty(), "no screen before the store is open");
            // Decision 0032: the progress indicator turns only once the wait is long enough to notice (a second).
            org.testfx.util.WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> c.lookup("#opening-progress").tryQuery().map(javafx.scene.Node::isVisible).orElse(false));
            c.shoot("start-opening");
            held.countDown();
            c.idle();
            assertEquals(Demo.DEVTEST, c.<ComboBox<String>>node("#current-space").getValue());
            assertEquals(2, c.<TableView<?>>node("#spaces-table").getItems().size(), "the demo's two local spaces listed");
            c.shoot("start-usable");
        }
    }

    /**
     * Decision 0028: the main window and its Spaces screen are made and styled on the worker, in a scene no window shows
     * yet; the FX thread only swaps scenes, lays out and shows. Held here: the FX thread itself, from the moment the
     * store begins to open until the worker has nothing left to do; the window it then shows was already made and styled.
     */
    @Test
    void theMainWindowIsMadeAndStyledOnTheWorkerWhileTheFxThreadIsBusy() throws Exception {
        StoreLocation location = TestStores.demo(tmp, "demo");
        CountDownLatch held = new CountDownLatch(1);
        try (ConsoleDriver c = new ConsoleDriver(location, runner -> runner.run("Held", () -> held.await(60, TimeUnit.SECONDS), done -> { }, failed -> { }))) {
            org.testfx.util.WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> c.activities.stream().anyMatch(a -> a.startsWith("Opening store")));
            CountDownLatch fxHeld = new CountDownLatch(1);
            CountDownLatch fxFree = new CountDownLatch(1);
            javafx.application.Platform.runLater(() -> {
                fxHeld.countDown();
                try {
                    fxFree.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertTrue(fxHeld.await(30, TimeUnit.SECONDS));
            held.countDown();
            // The worker opens the store and makes the window while the FX thread is held, then waits for more work.
            org.testfx.util.WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> Thread.getAllStackTraces().entrySet().stream()
                    .anyMatch(e -> e.getKey().getName().equals("odcm-console-work")
                            && java.util.Arrays.stream(e.getValue()).anyMatch(f -> f.getMethodName().equals("getTask"))));
            fxFree.countDown();
            c.idle();
            MainWindow main = c.console().main();
            assertFalse(main.madeOnFxThread(), "the main window was made on the worker");
            assertTrue(main.isMade("nav-spaces"));
            TableView<?> spaces = c.node("#spaces-table");
            assertEquals(2, spaces.getItems().size(), "the demo's two local spaces listed");
            assertTrue(spaces.isFocusTraversable() && spaces.getSkin() != null, "a styled, usable table");
            c.push(KeyCode.CONTROL, KeyCode.DIGIT2); // keyboard access as before
            c.idle();
            assertTrue(main.isMade("nav-remotes"));
        }
    }

    /**
     * Decision 0033, 2026-12-04: the main window is laid out in two moments of the FX thread: its frame (navigation,
     * status line) with "Opening Spaces…" in the screen's place, then, after that frame's pulse, the Spaces screen as it
     * was filled on the worker. On the code before, both were laid out in the one moment the scene was set. The expiry
     * count's link (hidden until its first check) is made at that check, not in the first frame (0032, eighth pass).
     */
    @Test
    void theMainWindowShowsItsFrameFirstAndItsSpacesScreenAPulseLater() throws Exception {
        StoreLocation location = TestStores.demo(tmp, "demo");
        CountDownLatch held = new CountDownLatch(1);
        try (ConsoleDriver c = new ConsoleDriver(location, runner -> runner.run("Held", () -> held.await(60, TimeUnit.SECONDS), done -> { }, failed -> { }))) {
            org.testfx.util.WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> c.scene() != null);
            List<String> atFirst = new java.util.concurrent.CopyOnWriteArrayList<>();
            c.interact(() -> ((javafx.stage.Stage) c.scene().getWindow()).sceneProperty().addListener((o, was, now) -> {
                if (now != null && now.lookup("#main-window") != null) {
                    atFirst.add(now.lookup("#screen-opening") instanceof Label l ? l.getText() : "no placeholder");
                    atFirst.add(now.lookup("#spaces-table") == null ? "no table" : "table");
                    Runnable[] once = new Runnable[1];
                    once[0] = () -> {
                        now.removePostLayoutPulseListener(once[0]);
                        atFirst.add(now.lookup("#status-health") == null ? "no health link" : "health link");
                    };
                    now.addPostLayoutPulseListener(once[0]);
                }
            }));
            held.countDown();
            c.idle();
            assertEquals(List.of("Opening Spaces…", "no table", "no health link"), atFirst,
                    "the frame first, without its screen, nor the expiry count's link (hidden until its check, made then)");
            org.testfx.util.WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                    () -> c.scene().lookup("#status-health") instanceof javafx.scene.control.Hyperlink h && h.isVisible());
            assertTrue(c.lookup("#screen-opening").tryQuery().isEmpty(), "then the screen in its place");
            assertEquals(2, c.<TableView<?>>node("#spaces-table").getItems().size(), "listing the spaces read while the store opened");
            assertEquals(List.of("Held", "Opening store " + location.storeDir()), startWork(c), "nothing loaded again");
            c.push(KeyCode.CONTROL, KeyCode.DIGIT2); // keyboard access as before
            c.idle();
            assertTrue(c.console().main().isMade("nav-remotes"));
        }
    }

    /**
     * Decision 0032: the spaces are read once, while the store opens; the space picker and the Spaces screen show them
     * without loading them again after the window shows. Showing Spaces again loads it again, as every showing does.
     */
    @Test
    void theSpacesReadWhileTheStoreOpensFillThePickerAndTheSpacesScreen() throws Exception {
        StoreLocation location = TestStores.demo(tmp, "demo");
        try (ConsoleDriver c = new ConsoleDriver(location)) {
            assertEquals(List.of("Opening store " + location.storeDir()), startWork(c), "nothing loaded after the store opened");
            assertEquals(Demo.DEVTEST, c.<ComboBox<String>>node("#current-space").getValue(), "the current space is chosen");
            assertEquals(2, c.<TableView<?>>node("#spaces-table").getItems().size(), "the demo's two local spaces listed");
            assertEquals(Demo.DEVTEST, c.<Label>node("#space-detail-name").getText(), "the first selected, its detail shown");
            c.open("nav-spaces");
            assertTrue(c.activities.contains("Loading spaces") && c.activities.contains("Loading the local spaces"), c.activities.toString());
        }
    }

    /** Decision 0032: a navigation button's (and the space picker's) tooltip is made when the pointer first comes over it, not at start. */
    @Test
    void aNavigationTooltipIsMadeOnFirstHover() throws Exception {
        StoreLocation location = TestStores.demo(tmp, "demo");
        try (ConsoleDriver c = new ConsoleDriver(location)) {
            ToggleButton trusts = c.node("#nav-trusts");
            assertEquals(null, trusts.getTooltip(), "none made at start");
            assertEquals("Trusts (Ctrl+3)", trusts.getAccessibleHelp(), "its words are the button's help meanwhile");
            c.moveTo("#nav-trusts");
            c.idle();
            assertEquals("Trusts (Ctrl+3)", trusts.getTooltip().getText());
            assertEquals(null, c.<ToggleButton>node("#theme-toggle").getTooltip(), "the others still not made");
            c.moveTo("#theme-toggle");
            c.idle();
            assertEquals("Switch between the light and the dark theme", c.<ToggleButton>node("#theme-toggle").getTooltip().getText());
            assertEquals(null, c.<ComboBox<String>>node("#current-space").getTooltip(), "nor the space picker's");
            c.moveTo("#current-space");
            c.idle();
            assertTrue(c.<ComboBox<String>>node("#current-space").getTooltip().getText().startsWith("The local space that"));
        }
    }

    /**
     * Decision 0032: the first window is made in several moments of the FX thread (the title and icons; the theme; the
     * "Opening store" screen; its scene; its CSS; the window), so other work waiting for the FX thread (input, a
     * heartbeat) runs between them. Seventh pass: the theme's stylesheet is read in a moment of its own, not in start.
     */
    @Test
    void theFirstWindowIsMadeInSeveralMomentsOfTheFxThread() throws Exception {
        StoreLocation location = TestStores.demo(tmp, "demo");
        javafx.stage.Stage stage = FxToolkit.registerStage(javafx.stage.Stage::new);
        List<Boolean> showing = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<String> theme = new java.util.concurrent.CopyOnWriteArrayList<>();
        Console console = org.testfx.util.WaitForAsyncUtils.asyncFx(() -> {
            String dark = Theme.class.getResource(Theme.DARK).toExternalForm(); // not the theme this console applies
            javafx.application.Application.setUserAgentStylesheet(dark);
            Console c = new Console(stage, location, new odcm.app.ui.task.FxTaskRunner(), new ScriptedFilePicker(), () -> { });
            c.start();
            showing.add(stage.isShowing());
            theme.add(javafx.application.Application.getUserAgentStylesheet());
            javafx.application.Platform.runLater(() -> showing.add(stage.isShowing())); // between the moments
            return c;
        }).get(10, TimeUnit.SECONDS);
        try {
            org.testfx.util.WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, stage::isShowing);
            assertEquals(List.of(false, false), showing, "the FX thread was free before the window was made and shown");
            assertEquals(List.of(Theme.class.getResource(Theme.DARK).toExternalForm()), theme, "the theme read in a moment of its own");
            assertEquals(Theme.class.getResource(Theme.LIGHT).toExternalForm(),
                    org.testfx.util.WaitForAsyncUtils.asyncFx(javafx.application.Application::getUserAgentStylesheet).get(10, TimeUnit.SECONDS));
            assertEquals("Opening store " + location.storeDir() + "…", ((Label) stage.getScene().lookup("#opening-store")).getText());
            org.testfx.util.WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> console.main() != null);
        } finally {
            org.testfx.util.WaitForAsyncUtils.asyncFx(() -> {
                console.close();
                stage.hide();
            }).get(30, TimeUnit.SECONDS);
        }
    }

    /**
     * Decision 0032, seventh pass: JavaFX's fonts (the system's font configuration, the default font, the text shaper) are
     * loaded before the console starts on the thread that calls {@link Console#loadFonts} (ConsoleApp's init, JavaFX's
     * launcher thread), not on the FX thread; a text no scene holds measures there as on the FX thread.
     */
    @Test
    void theFontsAreLoadedOffTheFxThreadBeforeTheConsoleStarts() throws Exception {
        assertFalse(javafx.application.Platform.isFxApplicationThread());
        Console.loadFonts();
        javafx.scene.text.Text here = new javafx.scene.text.Text("Opening store");
        double width = here.getLayoutBounds().getWidth();
        assertTrue(width > 0, "measured off the FX thread: " + width);
        assertEquals(org.testfx.util.WaitForAsyncUtils.asyncFx(() -> new javafx.scene.text.Text("Opening store").getLayoutBounds().getWidth())
                .get(10, TimeUnit.SECONDS), width, 0.001, "as on the FX thread");
        java.lang.reflect.Method init = ConsoleApp.class.getMethod("init");
        assertEquals(ConsoleApp.class, init.getDeclaringClass(), "ConsoleApp loads them in its init, on JavaFX's launcher thread");
    }

    /**
     * Decision 0032, 2026-12-05 (evening): the "Opening store" screen holds an empty region where its progress indicator
     * turns after a second, so the indicator's skin is not made in the first window's moments; then the indicator takes
     * that place, at the same size.
     */
    @Test
    void theOpeningProgressIndicatorIsMadeOnlyWhenItTurns() throws Exception {
        javafx.scene.layout.VBox box = (javafx.scene.layout.VBox) org.testfx.util.WaitForAsyncUtils.asyncFx(() -> {
            javafx.scene.Parent opening = StartScreens.opening("/tmp/store");
            assertTrue(opening.lookup(".progress-indicator") == null, "no progress indicator at first");
            return opening;
        }).get(10, TimeUnit.SECONDS);
        javafx.scene.layout.Region place = (javafx.scene.layout.Region) box.getChildren().get(0);
        assertEquals(40, place.getPrefWidth());
        assertEquals(40, place.getPrefHeight());
        org.testfx.util.WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> box.getChildren().get(0) instanceof javafx.scene.control.ProgressIndicator);
        javafx.scene.control.ProgressIndicator progress = (javafx.scene.control.ProgressIndicator) box.getChildren().get(0);
        assertEquals("opening-progress", progress.getId());
        assertEquals(40, progress.getPrefWidth());
        assertTrue(progress.isVisible() && progress.isIndeterminate(), "turning");
    }

    /**
     * Decision 0033: a screen first asked for is made and styled on the worker; meanwhile the FX thread is free (the
     * window says what is being opened, other screens can be shown) and a change of space waits until the screen is in
     * the window. On the code before, the screen was made on the FX thread the moment it was asked for.
     */
    @Test
    void aScreenFirstAskedForIsMadeOnTheWorkerAndTheSpaceChangesOnlyOnceItIsIn() throws Exception {
        StoreLocation location = TestStores.demo(tmp, "demo");
        try (ConsoleDriver c = new ConsoleDriver(location)) {
            MainWindow main = c.console().main();
            CountDownLatch held = new CountDownLatch(1);
            c.interact(() -> c.console().runner().run("Held", () -> held.await(60, TimeUnit.SECONDS), done -> { }, failed -> { }));
            c.clickOn("#nav-environments");
            DirectRobot.settle();
            assertFalse(main.isMade("nav-environments"), "not made on the FX thread");
            assertEquals("Opening Environments…", c.<Label>node("#screen-opening").getText());
            assertTrue(c.<ToggleButton>node("#nav-environments").isSelected());
            ComboBox<String> picker = c.node("#current-space");
            String other = picker.getItems().stream().filter(n -> !n.equals(Demo.DEVTEST)).findFirst().orElseThrow();
            c.interact(() -> picker.setValue(other)); // while the screen is being made: the change waits
            DirectRobot.settle();
            assertEquals(Demo.DEVTEST, picker.getValue(), "the space stays until the screen is in the window");
            c.push(KeyCode.CONTROL, KeyCode.DIGIT1); // the FX thread is free: Spaces shows at once
            DirectRobot.settle();
            assertTrue(c.<ToggleButton>node("#nav-spaces").isSelected() && c.lookup("#spaces-table").tryQuery().isPresent());
            c.clickOn("#nav-environments");
            held.countDown();
            c.idle();
            assertTrue(main.isMade("nav-environments"));
            assertTrue(c.lookup("#screen-opening").tryQuery().isEmpty(), "the screen took its place");
            assertEquals(other, picker.getValue(), "the change of space asked for meanwhile is done");
            assertTrue(c.lookup(".label").queryAll().stream().anyMatch(n -> ("Environments of '" + other + "'").equals(((Label) n).getText())),
                    "the screen shows the new space");
            c.shoot("screen-made-on-the-worker");
        }
    }

    /**
     * Decision 0033, 2026-12-04: the status line says at once what the worker does, but its progress indicator turns
     * only once the work has lasted a while, so the many short tasks (a screen made, a list loaded) draw no animation
     * while the FX thread lays out what they bring back. On the code before it turned the moment the worker was busy.
     * Decision 0032, 2026-12-05 (sixth pass): the indicator is made only when it first turns, not with the main window
     * (on the code before, #status-progress was there, hidden, from the start).
     */
    @Test
    void theStatusLineTurnsOnlyOnceTheWorkerIsBusyForAWhile() throws Exception {
        StoreLocation location = TestStores.demo(tmp, "demo");
        try (ConsoleDriver c = new ConsoleDriver(location)) {
            assertTrue(c.lookup("#status-progress").tryQuery().isEmpty(), "no progress indicator made at start");
            CountDownLatch held = new CountDownLatch(1);
            boolean[] turnedAtOnce = new boolean[1];
            c.interact(() -> {
                c.console().runner().run("Held", () -> held.await(60, TimeUnit.SECONDS), done -> { }, failed -> { });
                turnedAtOnce[0] = c.lookup("#status-progress").tryQuery().map(javafx.scene.Node::isVisible).orElse(false);
            });
            assertFalse(turnedAtOnce[0], "no animation the moment the worker starts");
            assertEquals("Held…", c.<Label>node("#status-activity").getText(), "the words show at once");
            org.testfx.util.WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                    () -> c.lookup("#status-progress").tryQuery().map(javafx.scene.Node::isVisible).orElse(false));
            javafx.scene.control.ProgressIndicator progress = c.node("#status-progress");
            assertTrue(progress.isIndeterminate(), "it turns");
            held.countDown();
            c.idle();
            DirectRobot.settle();
            assertFalse(progress.isVisible(), "gone once the worker is done");
            assertEquals("Ready", c.<Label>node("#status-activity").getText());
        }
    }

    @Test
    void aScreenIsMadeAndLoadedWhenFirstShownAndShowsWhatChangedWhileHidden() throws Exception {
        StoreLocation location = TestStores.demo(tmp, "demo");
        try (ConsoleDriver c = new ConsoleDriver(location)) {
            MainWindow main = c.console().main();
            assertEquals(Demo.DEVTEST, c.<ComboBox<String>>node("#current-space").getValue(), "the current space is chosen");
            assertFalse(c.<TableView<?>>node("#spaces-table").getItems().isEmpty(), "and the spaces listed");
            assertEquals(List.of(), startWork(c).stream().filter(a -> !a.startsWith("Opening store") && !a.equals("Loading the local spaces")
                    && !a.equals("Loading spaces")).toList(), "nothing but the store, the space picker and the Spaces screen loaded at start");
            assertTrue(main.isMade("nav-spaces"));
            for (String id : OTHERS) {
                assertFalse(main.isMade(id), id + " is not made before it is shown");
            }

            // The Pipeline is composed and laid out when first shown, not before.
            c.open("nav-pipeline");
            assertTrue(main.isMade("nav-pipeline"));
            assertTrue(c.activities.contains("Laying out the lifecycle graph"), c.activities.toString());
            assertNotNull(c.<LifecycleGraphView>node("#lifecycle-graph").layoutProperty().get(), "the graph is drawn");
            assertFalse(main.isMade("nav-dashboard"), "showing one screen makes no other");

            // The Dashboard, first shown, then again after a deployment recorded while it was hidden.
            c.open("nav-dashboard");
            assertEquals(4, c.lookup("#dashboard-table .table-cell.dashboard-succeeded").queryAll().size(), "the demo's deployments");
            c.open("nav-spaces");
            c.console().context().deployments().deploy(Demo.DEVTEST, "Reports", "1.1.0", "Development", true); // where 1.0.0 failed
            c.open("nav-dashboard");
            assertEquals(5, c.lookup("#dashboard-table .table-cell.dashboard-succeeded").queryAll().size(), "the deployment made meanwhile is shown");

            // Keyboard: Ctrl+2 makes and shows Remote spaces; Ctrl+Shift+V verifies a bundle from any screen.
            c.push(KeyCode.CONTROL, KeyCode.DIGIT2);
            c.idle();
            assertTrue(main.isMade("nav-remotes") && c.<ToggleButton>node("#nav-remotes").isSelected());
            c.push(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.V);
            c.idle();
            assertTrue(c.lookup("#verify-bundle-dialog").tryQuery().isPresent(), "Ctrl+Shift+V opens Verify bundle");
            c.push(KeyCode.ESCAPE);
            c.idle();
            assertTrue(c.lookup("#verify-bundle-dialog").tryQuery().isEmpty(), "Escape closes it");

            // Every screen, once made, has the title its navigation button shows.
            for (String id : OTHERS) {
                c.interact(() -> main.select(id));
                c.idle();
                assertEquals(c.<ToggleButton>node("#" + id).getText(), main.current().title(), id);
            }
        }
    }

    /**
     * Decision 0050: {@code odcm FILE.odcmbundle} (a double-click on the file) opens the console on the Inbox of the local
     * space the bundle is for, the file listed with its outcome and selected; a file that is not there is one sentence.
     */
    @Test
    void aBundleFileOpensTheInboxOfItsSpaceSelectedAndAMissingOneIsSaid() throws Exception {
        StoreLocation location = TestStores.demo(tmp, "demo");
        Path bundle = tmp.resolve("reports-1.0.0.odcmbundle");
        try (odcm.app.service.AppContext ctx = odcm.app.service.AppContext.open(location)) {
            ctx.deployments().deploy(Demo.DEVTEST, "Reports", "1.0.0", "Development", true);
            ctx.bundles().create(Demo.DEVTEST, "Reports", "1.0.0", Demo.QA, bundle, 30, false);
        }
        try (ConsoleDriver c = new ConsoleDriver(location, bundle)) {
            c.idle();
            assertEquals(Demo.QA, c.<ComboBox<String>>node("#current-space").getValue(), "the space the bundle is for");
            assertEquals("nav-inbox", c.console().main().currentId());
            TableView<odcm.app.ui.inbox.InboxViewModel.Item> inbox = c.node("#inbox-table");
            var selected = inbox.getSelectionModel().getSelectedItem();
            assertNotNull(selected, "the file selected");
            assertEquals(bundle, selected.file());
            assertEquals("Genuine", selected.verdict());
            assertFalse(c.<javafx.scene.control.Button>node("#inbox-import").isDisabled(), "Import… one click away");
            c.shoot("open-bundle-file");
        }
        Path missing = tmp.resolve("gone.odcmbundle");
        try (ConsoleDriver c = new ConsoleDriver(location, missing)) {
            c.idle();
            assertEquals("The release bundle " + missing + " cannot be shown: it does not exist.", c.<Label>node("#file-problem").getText());
            assertEquals("nav-spaces", c.console().main().currentId(), "the screen it starts on");
            c.clickOn("#file-problem-dismiss");
            c.idle();
            assertTrue(c.lookup("#file-problem").tryQuery().isEmpty(), "dismissed");
        }
    }
}

package odcm.app.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;
import javafx.event.Event;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;
import javafx.stage.Window;
import odcm.app.TestBundles;
import odcm.app.service.AppContext;
import odcm.app.ui.Console;
import odcm.app.ui.ScriptedFilePicker;
import odcm.app.ui.inbox.InboxViewModel;
import odcm.app.ui.release.BigReleases;
import odcm.app.ui.task.FxTaskRunner;
import odcm.model.release.Release;
import odcm.packaging.bundle.BundleContent;

/**
 * How long the FX thread stays unavailable while a user works with big releases: a heartbeat posts a Runnable to
 * the FX thread every 5 ms and records how late each one ran. Scenarios, in one console per network on real stores:
 * open every screen; choose a project whose newest release has 1,000 steps, 10,000 variables and 500 packages (and
 * look at each of its tabs); compare two such releases (everything, only changes, F7 three times); import a bundle of
 * such a release through the Inbox and the whole wizard. Prints per scenario the longest stall and the time until done.
 * Not a test: run it with {@code bench/fx-heartbeat.sh}, which passes the headless Monocle flags of the UI tests.
 */
public final class FxHeartbeatBench {
    static final String BIG = "Web Large";
    /** The bundle of revision 2 of 'Web Large' 1.1.0 (decision 0048). */
    static final String REVISION_2 = "web-large-1.1.0-revision-2.odcmbundle";
    /** The scenario of a run with -Dbench.hello=true, which starts no console. */
    static final String HELLO = "start a JavaFX hello-world (its first window)";
    private static final AtomicLong worst = new AtomicLong();
    private static final AtomicLong worstAt = new AtomicLong();
    private static volatile long scenarioStart;
    /** Posted and not yet run: the oldest heartbeat still waiting for the FX thread (0 when none). */
    private static final java.util.concurrent.ConcurrentLinkedDeque<Long> pending = new java.util.concurrent.ConcurrentLinkedDeque<>();
    private static final Map<String, Integer> samples = new java.util.concurrent.ConcurrentHashMap<>();
    /** Every stall sample with its time, deeper: the ones inside the worst stall are printed after the scenario. */
    private static final java.util.concurrent.ConcurrentLinkedQueue<Object[]> timed = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private static final AtomicLong worstPosted = new AtomicLong();
    /**
     * The most CPU time the FX thread itself spent while one heartbeat waited: the stall this work would be on an idle
     * machine, whatever other processes take from it (a loaded machine stretches the wall-clock stall, not this).
     * Waiting for the renderer is not in it.
     */
    private static final AtomicLong worstCpu = new AtomicLong();
    /**
     * When a console's first window showed in this scenario (Long.MAX_VALUE before): a stall before it freezes no
     * window a user could see (goal 1 times how soon it shows), so the start is also reported from this moment on.
     */
    private static volatile long windowFrom = Long.MAX_VALUE;
    private static final AtomicLong worstShown = new AtomicLong();
    private static final AtomicLong worstShownCpu = new AtomicLong();
    private static final AtomicLong worstShownPosted = new AtomicLong();
    private static final AtomicLong sinceMark = new AtomicLong();
    private static final AtomicLong markPosted = new AtomicLong();
    private static final AtomicLong cpuSinceMark = new AtomicLong();
    private static volatile Thread fxThread;

    private FxHeartbeatBench() {
    }

    public static void main(String[] args) {
        try {
            run();
            System.exit(0);
        } catch (Throwable t) {
            t.printStackTrace();
            System.exit(1); // the FX thread would keep the JVM alive
        }
    }

    private static void run() throws Exception {
        boolean hello = Boolean.getBoolean("bench.hello");
        Path tmp = Files.createTempDirectory("odcm-fx-bench");
        prepare(tmp); // for the hello-world too: the same JVM work before its start
        CountDownLatch up = new CountDownLatch(1);
        Platform.startup(up::countDown);
        up.await();
        Platform.setImplicitExit(false);
        ScheduledExecutorService beat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "heartbeat");
            t.setDaemon(true);
            return t;
        });
        fxThread = fx(Thread::currentThread);
        boolean profile = Boolean.getBoolean("bench.profile");
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        long fxId = fxThread.getId();
        beat.scheduleAtFixedRate(() -> {
            long posted = System.nanoTime();
            long cpuPosted = cpu.getThreadCpuTime(fxId);
            pending.addLast(posted);
            if (profile) {
                try {
                    sample();
                } catch (RuntimeException e) {
                    e.printStackTrace(); // never let the heartbeat stop
                }
            }
            Platform.runLater(() -> {
                pending.remove(posted);
                long late = System.nanoTime() - posted;
                long busy = cpu.getCurrentThreadCpuTime() - cpuPosted;
                if (cpuPosted >= 0 && busy > worstCpu.get()) {
                    worstCpu.set(busy);
                }
                if (late > sinceMark.get()) {
                    sinceMark.set(late);
                    markPosted.set(posted);
                }
                cpuSinceMark.accumulateAndGet(busy, Math::max);
                if (posted >= windowFrom) {
                    if (late > worstShown.get()) {
                        worstShown.set(late);
                        worstShownPosted.set(posted);
                    }
                    if (cpuPosted >= 0) {
                        worstShownCpu.accumulateAndGet(busy, Math::max);
                    }
                }
                if (late > worst.get()) {
                    worst.set(late);
                    worstAt.set(posted - scenarioStart);
                    worstPosted.set(posted);
                }
            });
        }, 5, 5, TimeUnit.MILLISECONDS);

        scenario("nothing (the noise floor of this machine)", () -> {
            Thread.sleep(2000);
            return null;
        });
        if (hello) {
            // The peer of the console's start: a JavaFX hello-world's first window in this JVM, as bench/console-start.sh's.
            scenario(HELLO, () -> {
                fx(() -> {
                    Stage stage = new Stage();
                    stage.showingProperty().addListener((o, was, now) -> {
                        if (now && windowFrom == Long.MAX_VALUE) {
                            windowFrom = System.nanoTime();
                        }
                    });
                    stage.setTitle("Hello");
                    stage.setScene(new Scene(new javafx.scene.layout.StackPane(new Label("Hello, world")), 1100, 720));
                    stage.show();
                    return null;
                });
                idleFx();
                return null;
            });
            return;
        }
        Console a = scenario("start console (network A)", () -> open(TestBundles.location(tmp.resolve("network-a"))));
        if (Boolean.getBoolean("bench.startOnly")) { // -Dbench.startOnly=true: the console's start alone (and the hello-world's)
            beat.shutdownNow();
            return;
        }
        int screens = fx(() -> a.main().screenCount());
        scenario("open each screen (" + screens + ")", () -> {
            for (int i = 0; i < screens; i++) {
                int index = i;
                fx(() -> {
                    a.main().select(index);
                    return null;
                });
                idle(a);
                mark("screen " + (index + 1));
            }
            return null;
        });
        fx(() -> {
            a.main().select("nav-releases");
            return null;
        });
        idle(a);
        scenario("choose a 1,000-step release + its tabs", () -> {
            fx(() -> {
                ComboBox<String> project = find("release-project");
                project.setValue(BIG);
                return null;
            });
            idle(a);
            mark("project chosen");
            fx(() -> {
                TableView<?> releases = find("releases-table");
                releases.getSelectionModel().select(0); // the newest, 1.1.0
                return null;
            });
            idle(a);
            mark("release selected");
            for (String tab : List.of("snapshot-tab-variables", "snapshot-tab-packages", "snapshot-tab-templates", "snapshot-tab-process")) {
                fx(() -> {
                    TabPane tabs = find("snapshot-tabs");
                    tabs.getTabs().stream().filter(t -> tab.equals(t.getId())).findFirst().ifPresent(t -> tabs.getSelectionModel().select(t));
                    return null;
                });
                idle(a);
                mark(tab);
            }
            return null;
        });
        scenario("compare two 1,000-step releases", () -> {
            fx(() -> {
                fire("compare-releases");
                return null;
            });
            idle(a);
            mark("compare window loaded");
            fx(() -> {
                check(FxHeartbeatBench.<Label>find("compare-summary").getText().contains("variable"), "the comparison loaded: " + FxHeartbeatBench.<Label>find("compare-summary").getText()
                        + " " + FxHeartbeatBench.<ComboBox<String>>find("compare-from").getValue() + " " + FxHeartbeatBench.<ComboBox<String>>find("compare-to").getValue());
                return null;
            });
            for (int i = 0; i < 3; i++) {
                fx(() -> {
                    Node table = find("compare-table");
                    Event.fireEvent(table, new KeyEvent(KeyEvent.KEY_PRESSED, "", "", KeyCode.F7, false, false, false, false));
                    return null;
                });
                idle(a);
            }
            mark("F7 x3");
            fx(() -> {
                FxHeartbeatBench.<CheckBox>find("compare-only-changes").fire(); // everything
                return null;
            });
            idle(a);
            mark("everything");
            fx(() -> {
                FxHeartbeatBench.<CheckBox>find("compare-only-changes").fire();
                return null;
            });
            idle(a);
            mark("only changes");
            return null;
        });
        fx(() -> {
            ((Stage) FxHeartbeatBench.<Node>find("compare-window").getScene().getWindow()).close();
            return null;
        });

        Console b = scenario("start console (network B)", () -> open(TestBundles.location(tmp.resolve("network-b"))));
        scenario("import a 10,000-variable bundle (Inbox + wizard)", () -> {
            fx(() -> {
                b.main().select("nav-inbox");
                return null;
            });
            idle(b);
            mark("inbox");
            fx(() -> {
                TableView<?> inbox = find("inbox-table");
                check(inbox.getItems().size() == 1, "one bundle in the Inbox");
                inbox.getSelectionModel().select(0);
                fire("inbox-import");
                return null;
            });
            idle(b);
            mark("wizard: who sent it");
            for (int step = 0; step < 4; step++) {
                fx(() -> {
                    fire("wizard-next");
                    return null;
                });
                idle(b);
                mark("wizard: " + fx(() -> FxHeartbeatBench.<Label>find("wizard-title").getText()));
            }
            fx(() -> {
                fire("wizard-finish");
                return null;
            });
            idle(b);
            mark("wizard: finish");
            String said = fx(() -> FxHeartbeatBench.<Label>find("wizard-message").getText());
            check(said.startsWith("Imported release"), "imported: " + said);
            return null;
        });
        fx(() -> {
            ((Stage) FxHeartbeatBench.<Node>find("import-wizard").getScene().getWindow()).close();
            return null;
        });
        // Re-promotion (decision 0048): revision 2 of the same release, every plain value changed, shown as an update with its diff.
        scenario("import revision 2 of it, 10,000 variables changed (Inbox + wizard with the diff)", () -> {
            Path inbox = InboxViewModel.defaultFolder(TestBundles.location(tmp.resolve("network-b")).storeDir().resolve("inbox"), TestBundles.PROD);
            Files.move(tmp.resolve(REVISION_2), inbox.resolve(REVISION_2));
            fx(() -> {
                b.main().select("nav-dashboard");
                return null;
            });
            idle(b);
            fx(() -> {
                b.main().select("nav-inbox");
                return null;
            });
            idle(b);
            mark("inbox");
            fx(() -> {
                TableView<InboxViewModel.Item> table = find("inbox-table");
                InboxViewModel.Item item = table.getItems().stream().filter(i -> i.name().equals(REVISION_2)).findFirst().orElseThrow();
                check(item.release().startsWith("update of 1.1.0: revision 2"), "listed as an update: " + item.release());
                table.getSelectionModel().select(item);
                fire("inbox-import");
                return null;
            });
            idle(b);
            mark("wizard: who sent it");
            for (int step = 0; step < 4; step++) {
                fx(() -> {
                    fire("wizard-next");
                    return null;
                });
                idle(b);
                if (step == 0) {
                    String update = fx(() -> FxHeartbeatBench.<Label>find("wizard-update").getText());
                    check(update.startsWith("Update of 1.1.0: revision 2"), "shown as an update: " + update);
                }
                mark("wizard: " + fx(() -> FxHeartbeatBench.<Label>find("wizard-title").getText()));
            }
            fx(() -> {
                fire("wizard-finish");
                return null;
            });
            idle(b);
            mark("wizard: finish");
            String said = fx(() -> FxHeartbeatBench.<Label>find("wizard-message").getText());
            check(said.startsWith("Imported release 1.1.0 (revision 2)"), "imported: " + said);
            return null;
        });
        beat.shutdownNow();
    }

    /** With -Dbench.profile=true: the longest stall (and FX CPU) since the last mark, for the part of a scenario just done. */
    private static void mark(String what) {
        long stall = sinceMark.getAndSet(0);
        long busy = cpuSinceMark.getAndSet(0);
        if (Boolean.getBoolean("bench.profile")) {
            System.out.printf(Locale.ROOT, "  part %-40s stall %4.0f ms, FX CPU %4.0f ms%n", what, stall / 1e6, busy / 1e6);
            inside(markPosted.get(), stall, "    ", 5);
        }
    }

    /** The stacks sampled during the stall of the heartbeat posted at {@code from}, most frequent first. */
    private static void inside(long from, long stall, String indent, int limit) {
        Map<String, Integer> in = new java.util.TreeMap<>();
        timed.stream().filter(t -> (long) t[0] >= from && (long) t[0] <= from + stall).forEach(t -> in.merge((String) t[1], 1, Integer::sum));
        in.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(limit)
                .forEach(e -> System.out.printf("%sin the stall: %3d x  %s%n", indent, e.getValue(), e.getKey()));
    }

    /** While the FX thread is 30 ms late: where it is, by the first frames of ours or of JavaFX's layout and CSS. */
    private static void sample() {
        Long oldest = pending.peekFirst();
        if (oldest == null || System.nanoTime() - oldest < 30_000_000L) {
            return;
        }
        StackTraceElement[] stack = fxThread.getStackTrace();
        StringBuilder where = new StringBuilder(stack.length == 0 ? "?" : frame(stack[0]));
        int kept = 0;
        for (int i = 1; i < stack.length && kept < 3; i++) {
            if (stack[i].getClassName().startsWith("odcm.") && !stack[i].getClassName().startsWith("odcm.app.bench")) {
                where.append(" < ").append(frame(stack[i]));
                kept++;
            }
        }
        samples.merge(where.toString(), 1, Integer::sum);
        StringBuilder deep = new StringBuilder();
        for (int i = 0, shown = 0; i < stack.length; i++) {
            String c = stack[i].getClassName();
            if (i == 0 || shown < 10 && !c.startsWith("java.") && !c.startsWith("jdk.") || c.startsWith("odcm.") && !c.startsWith("odcm.app.bench")) {
                deep.append(shown++ == 0 ? "" : " < ").append(frame(stack[i]));
            }
        }
        timed.add(new Object[] {System.nanoTime(), deep.toString()});
    }

    private static String frame(StackTraceElement e) {
        String c = e.getClassName();
        return c.substring(c.lastIndexOf('.') + 1).replaceAll("\\$\\$Lambda.*", "\\$Lambda") + "." + e.getMethodName();
    }

    private static <T> T scenario(String what, Callable<T> work) throws Exception {
        idleFx();
        scenarioStart = System.nanoTime();
        worst.set(0);
        worstCpu.set(0);
        sinceMark.set(0);
        cpuSinceMark.set(0);
        windowFrom = Long.MAX_VALUE;
        worstShown.set(0);
        worstShownCpu.set(0);
        T result = work.call();
        long total = System.nanoTime() - scenarioStart;
        System.out.printf(Locale.ROOT, "RESULT|%s|%.0f|%.0f|%.0f|%.0f%n", what, worst.get() / 1e6, total / 1e6, worstAt.get() / 1e6, worstCpu.get() / 1e6);
        if (windowFrom != Long.MAX_VALUE) {
            System.out.printf(Locale.ROOT, "RESULT|%s, once its window shows|%.0f|%.0f|%.0f|%.0f%n", what, worstShown.get() / 1e6,
                    (scenarioStart + total - windowFrom) / 1e6, (worstShownPosted.get() - scenarioStart) / 1e6, worstShownCpu.get() / 1e6);
            inside(worstShownPosted.get(), worstShown.get(), "  (once shown) ", 8);
        }
        samples.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(12)
                .forEach(e -> System.out.printf("  %5d x 5 ms  %s%n", e.getValue(), e.getKey()));
        samples.clear();
        inside(worstPosted.get(), worst.get(), "  ", 8);
        timed.clear();
        return result;
    }

    interface Callable<T> {
        T call() throws Exception;
    }

    private static Console open(odcm.persistence.StoreLocation location) throws Exception {
        Console.loadFonts(); // as ConsoleApp.init does, off the FX thread, before the console starts
        Console c = fx(() -> {
            Stage stage = new Stage();
            stage.showingProperty().addListener((o, was, now) -> {
                if (now && windowFrom == Long.MAX_VALUE) {
                    windowFrom = System.nanoTime();
                }
            });
            Console console = new Console(stage, location, new FxTaskRunner(), new ScriptedFilePicker(), () -> { });
            console.start();
            return console;
        });
        idle(c);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (fx(() -> c.main() == null) && System.nanoTime() < until) {
            Thread.sleep(20);
            idle(c);
        }
        return c;
    }

    /** Until the console's runner has nothing left and the FX thread has laid out and drawn what came back. */
    private static void idle(Console c) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        int quiet = 0;
        while (quiet < 3 && System.nanoTime() < until) {
            quiet = fx(() -> c.runner().isBusy()) ? 0 : quiet + 1;
            Thread.sleep(20);
        }
        idleFx();
    }

    /** Two pulses after now: whatever was changed has been laid out, styled and rendered. */
    private static void idleFx() throws Exception {
        for (int i = 0; i < 2; i++) {
            CompletableFuture<Void> pulse = new CompletableFuture<>();
            fx(() -> {
                Scene any = Window.getWindows().stream().filter(Window::isShowing).map(Window::getScene).findFirst().orElse(null);
                if (any == null) {
                    pulse.complete(null);
                    return null;
                }
                Runnable[] once = new Runnable[1];
                once[0] = () -> {
                    any.removePostLayoutPulseListener(once[0]);
                    pulse.complete(null);
                };
                any.addPostLayoutPulseListener(once[0]);
                Platform.requestNextPulse();
                return null;
            });
            pulse.get(60, TimeUnit.SECONDS);
        }
    }

    static <T> T fx(Callable<T> c) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(c.call());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f.get(120, TimeUnit.SECONDS);
    }

    /** The node with this id in any open window. */
    @SuppressWarnings("unchecked")
    static <T extends Node> T find(String id) {
        for (Window w : Window.getWindows()) {
            if (w.isShowing() && w.getScene() != null) {
                Node n = w.getScene().getRoot().lookup("#" + id);
                if (n != null) {
                    return (T) n;
                }
            }
        }
        throw new IllegalStateException("no #" + id + " on screen");
    }

    private static void fire(String id) {
        Button b = find(id);
        check(!b.isDisabled(), "#" + id + " is enabled");
        b.fire();
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("not so: " + what);
        }
    }

    /** Network A with the small Web project and 'Web Large' (releases 1.0.0 and 1.1.0 at size); network B with its bundle of 1.1.0 in the Inbox. */
    static void prepare(Path tmp) throws Exception {
        AppContext[] both = TestBundles.twoNetworks(tmp);
        AppContext a = both[0];
        try (AppContext b = both[1]) {
            BigReleases.insert(a, TestBundles.DEV, BIG, TestBundles.PROD + ": Production");
            System.out.println("prepared: " + a.releases().list(TestBundles.DEV, BIG).stream().map(Release::version).toList() + "; "
                    + a.releases().compare(TestBundles.DEV, BIG, "1.0.0", "1.1.0").summary());
            Release r = a.releases().find(TestBundles.DEV, BIG, "1.1.0");
            Instant now = a.spaces().now();
            byte[] bundle = TestBundles.write(a, BundleContent.of(r, TestBundles.DEV, TestBundles.PROD, 1, now.minusSeconds(60),
                    now.plus(Duration.ofDays(14)), List.of()));
            Path inbox = Files.createDirectories(InboxViewModel.defaultFolder(TestBundles.location(tmp.resolve("network-b")).storeDir()
                    .resolve("inbox"), TestBundles.PROD));
            Files.write(inbox.resolve("web-large-1.1.0.odcmbundle"), bundle);
            // Revision 2 of the same release (its variables updated at the source), kept aside until its scenario.
            var f = r.snapshot();
            Files.write(tmp.resolve(REVISION_2), TestBundles.write(a, new BundleContent(java.util.UUID.randomUUID(), TestBundles.DEV,
                    TestBundles.PROD, 2, now.minusSeconds(30), now.plus(Duration.ofDays(14)), BIG, r.version(), r.notes(), r.channel(),
                    new odcm.model.release.ReleaseSnapshot(f.process(), f.variables().stream().map(v -> v.sensitive() ? v
                            : new odcm.model.project.Variable(v.name(), v.value() + "-r2", false, v.scope())).toList(), f.templates(), f.packages()),
                    List.of(), r.createdAt(), 2)));
        } finally {
            a.close();
        }
    }
}

package odcm.app.ui;

import java.lang.management.ManagementFactory;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.scene.Scene;
import odcm.app.ui.task.TaskRunner;

/**
 * For bench/console-start.sh: with {@code ODCM_STARTUP_TIMES=1} the console prints "window-shown <ms> <epoch ms>" and
 * "usable <ms> <epoch ms>" on stderr, ms counted from the JVM's start, and the steps between them (store-opened,
 * main-made). Nothing at all without it.
 */
public final class StartupTimes {
    private static final boolean ON = "1".equals(System.getenv("ODCM_STARTUP_TIMES"));

    private StartupTimes() {
    }

    /** Prints {@code what} once the scene has been laid out for its next frame, i.e. when that frame is drawn. */
    public static void afterNextPulse(Scene scene, String what) {
        when(scene, () -> true, what);
        Platform.requestNextPulse();
    }

    /** Prints {@code what} after the first frame laid out with {@code shows} true. */
    static void when(Scene scene, BooleanSupplier shows, String what) {
        if (!ON) {
            return;
        }
        Runnable[] check = new Runnable[1];
        check[0] = () -> {
            if (shows.getAsBoolean()) {
                scene.removePostLayoutPulseListener(check[0]);
                print(what);
            }
        };
        scene.addPostLayoutPulseListener(check[0]);
    }

    /** Prints {@code what} after the next frame once every task submitted so far delivered its outcome. */
    static void whenIdle(TaskRunner runner, Scene scene, String what) {
        if (!ON) {
            return;
        }
        if (!runner.isBusy()) {
            afterNextPulse(scene, what);
            return;
        }
        ChangeListener<Boolean> idle = new ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Boolean> o, Boolean was, Boolean busy) {
                if (!busy) {
                    runner.busyProperty().removeListener(this);
                    afterNextPulse(scene, what);
                }
            }
        };
        runner.busyProperty().addListener(idle);
    }

    /** Prints {@code what} now, from any thread: the steps in between, for the profile of a start (decision 0028). */
    static void mark(String what) {
        if (ON) {
            print(what);
        }
    }

    private static void print(String what) {
        long now = System.currentTimeMillis();
        // Off the FX thread: loading the management classes must not delay what is being measured.
        Thread t = new Thread(() -> System.err.println(what + " " + (now - ManagementFactory.getRuntimeMXBean().getStartTime()) + " " + now));
                t.start();
    }
}

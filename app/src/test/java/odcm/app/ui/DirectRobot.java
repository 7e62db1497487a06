package odcm.app.ui;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Window;
import org.testfx.api.FxRobot;
import org.testfx.robot.KeyboardRobot;
import org.testfx.robot.MouseRobot;
import org.testfx.robot.Motion;
import org.testfx.service.query.PointQuery;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A TestFX robot whose pointer goes straight to where it clicks (decision 0025, 2026-12-05 evening). TestFX moves it there
 * in up to 200 steps, one millisecond apart, each a mouse-moved event the FX thread handles (picking, hover styles, a
 * repaint of what the pointer passed over): about a quarter of a second and a share of the FX and render threads' CPU per
 * click, for a path no test looks at. Here the target is measured after the windows' pending CSS and layout pass, measured
 * again after {@link #settle()}, and only when two measures agree is the pointer put there (one
 * mouse-moved event, as TestFX's last step) and the buttons pressed and released as TestFX does. A target that still moves
 * is followed until it stays, where TestFX measured once after its steps. Drags keep TestFX's own moves.
 *
 * <p>And it waits for the FX thread without TestFX's fixed sleeps (decision 0025, eighth pass): where TestFX's robot
 * waits after a pointer move, a button's release or a key's press or release with {@code waitForFxEvents()} — five round
 * trips through the FX thread's queue with a 10 ms sleep after each — this one waits with {@link #settle()}: the events
 * sent, what they queued, a whole pulse (CSS, layout, list cells, a frame) and what it queued. The same events go
 * through the same robot to the same scene; only the wait after them is shorter.
 */
public class DirectRobot extends FxRobot {
    private static final int MEASURES = 20;

    /**
     * Returns once the FX thread has handled everything queued before this call and three levels of work queued in turn
     * by that work, then one whole pulse (a pulse lays out and renders what the events changed: cells of lists and tables,
     * a dialog's content), then two levels of work queued up to that pulse's end. Does what TestFX's {@code
     * waitForFxEvents()} is used for without its fixed 10 ms sleeps: a pulse comes every 16.7 ms, and an {@link
     * AnimationTimer} asks for it and is told when it begins.
     */
    public static void settle() {
        settle(1);
    }

    /**
     * As {@link #settle()} with {@code pulses} whole pulses one after the other: what a pulse's layout set off (a column
     * fitted to its cells, a list scrolled to its selection) is laid out by the next one. The drivers' {@code idle()} ends
     * with two, as the checks after it read cells that background work filled.
     */
    public static void settle(int pulses) {
        if (Platform.isFxApplicationThread()) {
            throw new IllegalStateException("settle() waits for the FX thread and cannot run on it");
        }
        CountDownLatch done = new CountDownLatch(1);
        AnimationTimer pulse = new AnimationTimer() {
            private int begun;

            @Override
            public void handle(long now) {
                // called as a pulse begins: what is queued from here runs once the pulse is whole
                if (++begun == pulses) {
                    stop();
                    Platform.runLater(() -> Platform.runLater(done::countDown));
                }
            }
        };
        Platform.runLater(() -> Platform.runLater(() -> Platform.runLater(pulse::start)));
        try {
            if (!done.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the FX thread did not come round in 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public FxRobot clickOn(PointQuery query, Motion motion, MouseButton... buttons) {
        moveTo(query, motion);
        click(buttons);
        return this;
    }

    /** Presses and releases as TestFX's click robot does (the press not waited for, the release waited for). */
    private void click(MouseButton... buttons) {
        MouseButton[] which = buttons.length == 0 ? new MouseButton[] {MouseButton.PRIMARY} : buttons;
        MouseRobot mouse = robotContext().getMouseRobot();
        mouse.pressNoWait(which);
        mouse.releaseNoWait(which);
        settle();
    }

    @Override
    public FxRobot clickOn(MouseButton... buttons) {
        click(buttons);
        return this;
    }

    @Override
    public FxRobot press(MouseButton... buttons) {
        robotContext().getMouseRobot().pressNoWait(buttons);
        settle();
        return this;
    }

    @Override
    public FxRobot release(MouseButton... buttons) {
        robotContext().getMouseRobot().releaseNoWait(buttons);
        settle();
        return this;
    }

    /** Presses each key in turn, each waited for, as TestFX's keyboard robot does. */
    @Override
    public FxRobot press(KeyCode... keys) {
        return eachKey(List.of(keys), robotContext().getKeyboardRobot()::pressNoWait);
    }

    /** Releases each key in turn (all pressed ones when none is named), each waited for, as TestFX's keyboard robot does. */
    @Override
    public FxRobot release(KeyCode... keys) {
        KeyboardRobot keyboard = robotContext().getKeyboardRobot();
        return eachKey(keys.length == 0 ? List.copyOf(keyboard.getPressedKeys()) : List.of(keys), keyboard::releaseNoWait);
    }

    private FxRobot eachKey(List<KeyCode> keys, java.util.function.Consumer<KeyCode[]> action) {
        for (KeyCode key : keys) {
            action.accept(new KeyCode[] {key});
            settle();
        }
        return this;
    }

    /** A key combination as TestFX's type robot pushes it: every key pressed in order, then released in reverse. */
    @Override
    public FxRobot push(KeyCode... keys) {
        press(keys);
        for (int i = keys.length - 1; i >= 0; i--) {
            release(keys[i]);
        }
        return this;
    }

    /** Each key pushed in turn; TestFX sleeps 25 ms after each on top of the wait after its release. */
    @Override
    public FxRobot type(KeyCode... keys) {
        for (KeyCode key : keys) {
            push(key);
        }
        return this;
    }

    @Override
    public FxRobot type(KeyCode key, int times) {
        for (int i = 0; i < times; i++) {
            push(key);
        }
        return this;
    }

    @Override
    public FxRobot doubleClickOn(PointQuery query, Motion motion, MouseButton... buttons) {
        moveTo(query, motion);
        robotContext().getClickRobot().doubleClickOn(buttons);
        return this;
    }

    @Override
    public FxRobot moveTo(PointQuery query, Motion motion) {
        Point2D at = settled(query);
        for (int i = 0; i < MEASURES; i++) {
            settle();
            Point2D again = settled(query);
            if (again.equals(at)) {
                break;
            }
            at = again;
        }
        robotContext().getMouseRobot().moveNoWait(at);
        settle();
        return this;
    }

    /** Where {@code query} points once every window's pending CSS and layout is done (what the next pulse would do first), measured on the FX thread. */
    private static Point2D settled(PointQuery query) {
        try {
            // measured on the FX thread too: a node's bounds may lay out its text, which is not safe beside a pulse
            return WaitForAsyncUtils.asyncFx(() -> {
                for (Window w : List.copyOf(Window.getWindows())) {
                    Scene scene = w.getScene();
                    if (w.isShowing() && scene != null && scene.getRoot() != null) {
                        scene.getRoot().applyCss();
                        scene.getRoot().layout();
                    }
                }
                return query.query();
            }).get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the windows' layout or the target's measure did not finish", e);
        }
    }
}

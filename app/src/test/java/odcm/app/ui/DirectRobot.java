package odcm.app.ui;

import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.input.MouseButton;
import javafx.stage.Window;
import org.testfx.api.FxRobot;
import org.testfx.robot.Motion;
import org.testfx.service.query.PointQuery;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A TestFX robot whose pointer goes straight to where it clicks (decision 0025, 2026-12-05 evening). TestFX moves it there
 * in up to 200 steps, one millisecond apart, each a mouse-moved event the FX thread handles (picking, hover styles, a
 * repaint of what the pointer passed over): about a quarter of a second and a share of the FX and render threads' CPU per
 * click, for a path no test looks at. Here the target is measured after the windows' pending CSS and layout pass, measured
 * again after TestFX's wait for the FX thread, and only when two measures agree is the pointer put there (one
 * mouse-moved event, as TestFX's last step) and the buttons pressed and released as TestFX does. A target that still moves
 * is followed until it stays, where TestFX measured once after its steps. Drags keep TestFX's own moves.
 */
public class DirectRobot extends FxRobot {
    private static final int MEASURES = 20;

    @Override
    public FxRobot clickOn(PointQuery query, Motion motion, MouseButton... buttons) {
        moveTo(query, motion);
        robotContext().getClickRobot().clickOn(buttons);
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
            WaitForAsyncUtils.waitForFxEvents();
            Point2D again = settled(query);
            if (again.equals(at)) {
                break;
            }
            at = again;
        }
        robotContext().getMouseRobot().move(at);
        return this;
    }

    /** Where {@code query} points once every window's pending CSS and layout is done (what the next pulse would do first). */
    private static Point2D settled(PointQuery query) {
        try {
            WaitForAsyncUtils.asyncFx(() -> {
                for (Window w : List.copyOf(Window.getWindows())) {
                    Scene scene = w.getScene();
                    if (w.isShowing() && scene != null && scene.getRoot() != null) {
                        scene.getRoot().applyCss();
                        scene.getRoot().layout();
                    }
                }
            }).get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the windows' layout did not finish", e);
        }
        return query.query();
    }
}

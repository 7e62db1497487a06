package odcm.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Decision 0025: the UI tests type through {@link ConsoleDriver#write(FxRobot, String)}, which waits for one round trip
 * of the FX thread after each character instead of TestFX's five with a 10 ms sleep each. A field sees the same events
 * in the same order as with TestFX's own typing: one change of its text per character, Enter as its action, and work a
 * keystroke queued on the FX thread done before the next keystroke. And they click through {@link DirectRobot}: the same
 * press, release and click on the same control as TestFX's stepwise pointer, also where the control moved just before;
 * its keys are the same key events as TestFX's, and its wait ({@link DirectRobot#settle()}) sees work queued in turn by
 * queued work and what the next pulses make (eighth pass).
 */
class TypingTest {
    private static final String TEXT = "DevTest: A, rack 4\n";
    private final FxRobot robot = new FxRobot();
    private Stage stage;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void close() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> stage.close()).get(10, TimeUnit.SECONDS);
    }

    @Test
    void typesWhatTestFxTypesInTheSameSteps() throws Exception {
        List<String> ours = typed(() -> ConsoleDriver.write(robot, TEXT));
        List<String> testFx = typed(() -> robot.write(TEXT));
        assertEquals(testFx, ours);
        assertEquals(List.of("D", "De", "Dev"), ours.subList(0, 3), "one change per character, each handled before the next");
        assertEquals("action DevTest: A, rack 4", ours.get(ours.size() - 1), "Enter is the field's action, after every character");
    }

    @Test
    void aDirectClickGivesTheControlWhatTestFxsClickGives() throws Exception {
        List<String> direct = clicked(new DirectRobot(), false);
        List<String> testFx = clicked(robot, false);
        assertEquals(List.of("MOUSE_PRESSED", "MOUSE_RELEASED", "action", "MOUSE_CLICKED"), testFx);
        assertEquals(testFx, direct);
    }

    @Test
    void aDirectClickFindsAControlMovedByTheLayoutJustBefore() throws Exception {
        // A label put above the button just before the click: the button is lower by the next layout, the label where it was.
        assertEquals(List.of("MOUSE_PRESSED", "MOUSE_RELEASED", "action", "MOUSE_CLICKED"), clicked(new DirectRobot(), true));
    }

    @Test
    void aDirectPushGivesTheFieldWhatTestFxsPushGives() throws Exception {
        List<String> direct = pushed(new DirectRobot());
        List<String> testFx = pushed(robot);
        assertEquals(List.of("KEY_PRESSED CONTROL", "KEY_PRESSED A", "KEY_RELEASED A", "KEY_RELEASED CONTROL", "KEY_PRESSED ENTER",
                "KEY_RELEASED ENTER", "KEY_PRESSED TAB", "KEY_RELEASED TAB", "KEY_PRESSED TAB", "KEY_RELEASED TAB"), testFx);
        assertEquals(testFx, direct);
    }

    @Test
    void settleWaitsForWorkQueuedByQueuedWorkAndForTheCellsTheNextPulseMakes() throws Exception {
        ListView<String> list = WaitForAsyncUtils.asyncFx(() -> {
            ListView<String> l = new ListView<>();
            stage = new Stage();
            stage.setScene(new Scene(new VBox(l), 300, 200));
            stage.show();
            return l;
        }).get(10, TimeUnit.SECONDS);
        DirectRobot.settle();
        // three levels deep, as a handler that hands work on; the cell is made by the layout of a pulse after that
        Platform.runLater(() -> Platform.runLater(() -> Platform.runLater(() -> list.getItems().add("Prod Space"))));
        DirectRobot.settle();
        assertEquals(List.of("Prod Space"), WaitForAsyncUtils.asyncFx(() -> list.lookupAll(".list-cell").stream()
                .map(n -> ((ListCell<?>) n).getText()).filter(t -> t != null).toList()).get(10, TimeUnit.SECONDS));
    }

    /** The key events a field saw of Ctrl+A, Enter and two Tabs pushed by {@code pusher}. */
    private List<String> pushed(FxRobot pusher) throws Exception {
        List<String> seen = new ArrayList<>();
        typed(() -> {
            robot.lookup("#typed").query().addEventFilter(KeyEvent.ANY, e -> {
                if (e.getEventType() != KeyEvent.KEY_TYPED) {
                    seen.add(e.getEventType().getName() + " " + e.getCode());
                }
            });
            pusher.push(KeyCode.CONTROL, KeyCode.A).push(KeyCode.ENTER).type(KeyCode.TAB, 2);
        });
        return seen;
    }

    /** What a button saw of a click on it by {@code clicker}: its mouse presses, releases and clicks, and its action. */
    private List<String> clicked(FxRobot clicker, boolean movedJustBefore) throws Exception {
        List<String> seen = new ArrayList<>();
        VBox box = WaitForAsyncUtils.asyncFx(() -> {
            Button b = new Button("Go");
            b.setId("go");
            b.addEventFilter(MouseEvent.ANY, e -> {
                if (e.getEventType() == MouseEvent.MOUSE_PRESSED || e.getEventType() == MouseEvent.MOUSE_RELEASED
                        || e.getEventType() == MouseEvent.MOUSE_CLICKED) {
                    seen.add(e.getEventType().getName());
                }
            });
            b.setOnAction(e -> seen.add("action"));
            if (stage == null) {
                stage = new Stage();
            }
            VBox v = new VBox(b);
            stage.setScene(new Scene(v, 300, 200));
            stage.show();
            return v;
        }).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        if (movedJustBefore) {
            Platform.runLater(() -> {
                Label above = new Label("above");
                above.setMinHeight(80);
                box.getChildren().add(0, above);
            });
        }
        clicker.clickOn("#go");
        WaitForAsyncUtils.waitForFxEvents();
        return seen;
    }

    /** What a field saw while {@code typing}: each text change, with what the FX thread had queued after the one before. */
    private List<String> typed(Runnable typing) throws Exception {
        List<String> seen = new ArrayList<>();
        TextField field = WaitForAsyncUtils.asyncFx(() -> {
            TextField f = new TextField();
            f.setId("typed");
            // Work a keystroke queues: done before the next keystroke arrives, as with TestFX's typing.
            f.textProperty().addListener((o, was, now) -> javafx.application.Platform.runLater(() -> seen.add(now)));
            f.setOnAction(e -> seen.add("action " + f.getText()));
            if (stage == null) {
                stage = new Stage();
            }
            stage.setScene(new Scene(new VBox(f), 300, 100));
            stage.show();
            f.requestFocus();
            return f;
        }).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(field);
        typing.run();
        WaitForAsyncUtils.waitForFxEvents();
        return seen;
    }
}

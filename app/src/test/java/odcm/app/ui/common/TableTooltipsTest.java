package odcm.app.ui.common;

import odcm.app.ui.DirectRobot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.collections.FXCollections;
import javafx.scene.Scene;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A table cell makes its tooltip (the whole, maybe elided, text) when the pointer first enters it, not when it is
 * created: a table of thousands of rows shows without a popup window per cell in sight. Reused for another row, the
 * cell's tooltip follows its text; an empty cell has none.
 */
class TableTooltipsTest extends DirectRobot {
    private Stage stage;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
    }

    /** The pointer moves over the cell (the headless robot's moves do not reach cells of a second stage). */
    private static void hover(TableCell<?, ?> cell) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> javafx.event.Event.fireEvent(cell, new javafx.scene.input.MouseEvent(javafx.scene.input.MouseEvent.MOUSE_MOVED,
                5, 5, 5, 5, javafx.scene.input.MouseButton.NONE, 0, false, false, false, false, false, false, false, false, false, false, null)))
                .get(20, TimeUnit.SECONDS);
        odcm.app.ui.DirectRobot.settle();
    }

    @Test
    void aCellMakesItsTooltipOnFirstHoverAndItFollowsTheText() throws Exception {
        String longValue = "a value much longer than its column, which the cell elides and the tooltip shows whole";
        TableView<String> table = Tables.table("t");
        table.getColumns().setAll(List.of(Tables.<String>column("Value", 120, v -> v)));
        table.setItems(FXCollections.observableArrayList(longValue, "short"));
        stage = FxToolkit.registerStage(Stage::new);
        WaitForAsyncUtils.asyncFx(() -> {
            stage.setScene(new Scene(table, 200, 200));
            stage.show();
        }).get(20, TimeUnit.SECONDS);
        odcm.app.ui.DirectRobot.settle();
        List<TableCell<?, ?>> cells = lookup(".table-cell").queryAll().stream().<TableCell<?, ?>>map(n -> (TableCell<?, ?>) n).filter(c -> !c.isEmpty()).toList();
        assertEquals(2, cells.size());
        assertTrue(cells.stream().allMatch(c -> c.getTooltip() == null), "no tooltip before the pointer comes");

        TableCell<?, ?> first = cells.stream().filter(c -> longValue.equals(c.getText())).findFirst().orElseThrow();
        hover(first);
        assertEquals(longValue, first.getTooltip().getText());

        // Reused, as the list scrolls: for another row, then for none.
        WaitForAsyncUtils.asyncFx(() -> first.updateIndex(1)).get(20, TimeUnit.SECONDS);
        assertEquals("short", first.getText());
        assertEquals("short", first.getTooltip().getText(), "reused: the tooltip follows the text");
        WaitForAsyncUtils.asyncFx(() -> first.updateIndex(5)).get(20, TimeUnit.SECONDS);
        assertTrue(first.isEmpty());
        assertNull(first.getTooltip(), "an empty cell shows no tooltip");
    }

    /**
     * A column is as wide as its widest value laid out whole, found without laying out each value (decision 0033,
     * 2026-12-05 evening): here the longest value by characters is not the widest, and a value repeats.
     */
    @Test
    void theWidestValueIsFoundAsLayingOutEveryValueFindsIt() throws Exception {
        List<String> values = List.of("iiiiiiiiiiiiiiiiiiiiiiiiiiiiii", "WWWWWWWWWWWWW", "ll.ll.ll.ll.ll.ll", "Step 1 (deploy-web) — Überprüfung",
                "Schritt 2: Prüfen, ob 10.0.0.1 antwortet", "价值 and Ωmega", "WWWWWWWWWWWWW", "mmmmmmmmmmmmmmmm", "");
        for (double size : new double[] {11, 13}) {
            javafx.scene.text.Font font = javafx.scene.text.Font.font(javafx.scene.text.Font.getDefault().getFamily(), size);
            double[] found = WaitForAsyncUtils.asyncFx(() -> {
                javafx.scene.text.Text each = new javafx.scene.text.Text();
                each.setFont(font);
                double widest = 0;
                for (String v : values) {
                    each.setText(v);
                    widest = Math.max(widest, each.getLayoutBounds().getWidth());
                }
                return new double[] {widest, Tables.widest(new javafx.scene.text.Text(), font, values)};
            }).get(20, TimeUnit.SECONDS);
            assertTrue(found[0] > 0);
            assertEquals(found[0], found[1], 1e-9, "at " + size + " px");
        }
    }

    /** A row whose equals counts the comparisons that must look at all it holds (another object of the same key). */
    private static final class Row {
        static final java.util.concurrent.atomic.AtomicInteger whole = new java.util.concurrent.atomic.AtomicInteger();
        final String key;

        Row(String key) {
            this.key = key;
        }

        @Override
        public boolean equals(Object o) {
            if (o == this) {
                return true;
            }
            if (o instanceof Row r && r.key.equals(key)) {
                whole.incrementAndGet();
                return true;
            }
            return false;
        }

        @Override
        public int hashCode() {
            return key.hashCode();
        }
    }

    /**
     * Rows loaded again keep the selected one by key without comparing the old rows' whole content with the new ones
     * (a release of 10,000 variables, on the FX thread; decision 0033, 2026-12-05 evening): the table shows the new row selected.
     */
    @Test
    void aReloadKeepsTheSelectionWithoutComparingWholeRows() throws Exception {
        SelectableList<Row> list = new SelectableList<>(r -> r.key, true);
        TableView<Row> table = Tables.table("rows");
        table.getColumns().setAll(List.of(Tables.<Row>column("Key", 120, r -> r.key)));
        table.setItems(list.items());
        Tables.bindSelection(table, list.selectedProperty());
        stage = FxToolkit.registerStage(Stage::new);
        WaitForAsyncUtils.asyncFx(() -> {
            stage.setScene(new Scene(table, 200, 200));
            stage.show();
            list.replace(List.of(new Row("a"), new Row("b"), new Row("c")));
            table.getSelectionModel().select(1);
        }).get(20, TimeUnit.SECONDS);
        Row.whole.set(0);
        List<Row> again = List.of(new Row("a"), new Row("b"), new Row("c"));
        WaitForAsyncUtils.asyncFx(() -> list.replace(again)).get(20, TimeUnit.SECONDS);
        odcm.app.ui.DirectRobot.settle();
        assertTrue(list.selectedProperty().get() == again.get(1), "the reloaded row of the same key is selected");
        assertTrue(table.getSelectionModel().getSelectedItem() == again.get(1), "and shown selected");
        assertEquals(0, Row.whole.get(), "no old row compared with a new one");
    }
}

package odcm.app.ui.common;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TableView;

/** Read-only text columns: the tables of this console show values, editing happens in dialogs. */
public final class Tables {
    private Tables() {
    }

    public static <T> TableColumn<T, String> column(String title, double prefWidth, Function<T, String> value) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setPrefWidth(prefWidth);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue() == null ? "" : value.apply(cell.getValue())));
        // Long values are elided in the cell; the tooltip shows them whole.
        c.setCellFactory(col -> new TableCell<>() {
            {
                wholeOnHover(this);
            }

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
            }
        });
        return c;
    }

    /**
     * A column that keeps its width and whose cells get {@code styleClass} where {@code marked} holds (an expired
     * certificate, say); the cells hold the row itself, so the mark always belongs to the row shown.
     */
    public static <T> TableColumn<T, T> marked(String title, double width, Function<T, String> text,
                                               java.util.function.Predicate<T> marked, String styleClass) {
        TableColumn<T, T> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setMinWidth(width);
        c.setCellValueFactory(cell -> new javafx.beans.property.ReadOnlyObjectWrapper<>(cell.getValue()));
        c.setCellFactory(col -> new TableCell<>() {
            {
                wholeOnHover(this);
            }

            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : text.apply(item));
                getStyleClass().remove(styleClass);
                if (!empty && item != null && marked.test(item)) {
                    getStyleClass().add(styleClass);
                }
            }
        });
        return c;
    }

    /**
     * The cell's whole text as its tooltip, made when the pointer first moves over the cell: a tooltip is a popup window,
     * and one built for every cell in sight made the first show of a wide table of thousands of rows stall. The
     * tooltip follows the text as the cell is reused and is taken away while the cell is empty.
     */
    static void wholeOnHover(javafx.scene.control.Labeled cell) {
        tooltipOnHover(cell, cell.textProperty());
    }

    /**
     * A tooltip with this text, made when the pointer first moves over the control (a tooltip is a popup window with a
     * scene of its own, styled when made: decisions 0029 and 0033). It follows the text, and there is none while the
     * text is empty; for a cell, set the text on each update.
     */
    public static void tooltipOnHover(javafx.scene.control.Control control, javafx.beans.value.ObservableValue<String> text) {
        control.addEventHandler(javafx.scene.input.MouseEvent.ANY, e -> {
            if (control.getProperties().get(WHOLE) == null) {
                Tooltip tip = new Tooltip();
                tip.textProperty().bind(text);
                control.getProperties().put(WHOLE, tip);
                text.addListener((o, was, now) -> control.setTooltip(now == null || now.isEmpty() ? null : tip));
                control.setTooltip(text.getValue() == null || text.getValue().isEmpty() ? null : tip);
            }
        });
    }

    private static final String WHOLE = "odcm.tables.whole";

    /** A column that keeps its width (dates, short codes) while the flexible ones share the rest. */
    public static <T> TableColumn<T, String> fixed(String title, double width, Function<T, String> value) {
        TableColumn<T, String> c = column(title, width, value);
        c.setMinWidth(width);
        return c;
    }

    /**
     * Keeps a table's selection and a view model's selected row in step. The table briefly selects nothing while
     * its rows are replaced; that does not clear the view model's selection unless the row left the table
     * (filtered out or gone).
     */
    public static <T> void bindSelection(TableView<T> table, javafx.beans.property.ObjectProperty<T> selected) {
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null || !table.getItems().contains(selected.get())) {
                selected.set(now);
            }
        });
        selected.addListener((o, was, now) -> {
            if (now == null) {
                table.getSelectionModel().clearSelection();
            } else if (table.getSelectionModel().getSelectedItem() != now) {
                table.getSelectionModel().select(now);
            }
        });
    }

    /** The Delete key on a table runs {@code action} (which checks there is something to act on). */
    public static void onDelete(TableView<?> table, Runnable action) {
        table.setOnKeyPressed(e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.DELETE) {
                action.run();
            }
        });
    }

    public static <T> TableView<T> table(String id) {
        TableView<T> t = new TableView<>();
        t.setId(id);
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        return t;
    }

}

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
            // One tooltip per cell, its text changed as the cell is reused: a new one each time made scrolling a long table stall.
            private final Tooltip whole = new Tooltip();

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                whole.setText(item);
                setTooltip(empty || item == null || item.isEmpty() ? null : whole);
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
            private final Tooltip whole = new Tooltip();

            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                String t = empty || item == null ? null : text.apply(item);
                setText(t);
                whole.setText(t);
                setTooltip(t == null || t.isEmpty() ? null : whole);
                getStyleClass().remove(styleClass);
                if (!empty && item != null && marked.test(item)) {
                    getStyleClass().add(styleClass);
                }
            }
        });
        return c;
    }

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

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
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setTooltip(empty || item == null || item.isEmpty() ? null : new Tooltip(item));
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

    public static <T> TableView<T> table(String id) {
        TableView<T> t = new TableView<>();
        t.setId(id);
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        return t;
    }
}

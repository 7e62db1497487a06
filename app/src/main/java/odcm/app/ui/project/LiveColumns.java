package odcm.app.ui.project;

import java.util.function.Function;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.TableColumn;

/** Read-only table columns that follow the row as it is edited in the form beside the table. */
final class LiveColumns {
    private LiveColumns() {
    }

    static <T> TableColumn<T, String> column(String title, double prefWidth, Function<T, ObservableValue<String>> value) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setPrefWidth(prefWidth);
        c.setSortable(false);
        c.setCellValueFactory(cell -> value.apply(cell.getValue()));
        return c;
    }
}

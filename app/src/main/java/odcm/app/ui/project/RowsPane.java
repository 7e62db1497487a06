package odcm.app.ui.project;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import odcm.app.ui.common.Forms;
import odcm.app.ui.common.Tables;

/**
 * Rows in a table with Add and Remove, and a form below for the selected row: the shape of the variables,
 * templates and channels tabs.
 */
final class RowsPane<T> {
    private final TableView<T> table;
    private final ObjectProperty<T> selected = new SimpleObjectProperty<>();
    private final javafx.scene.control.ScrollPane root;

    /**
     * @param show called with the row to show in the form (null: none), after the previous row's bindings were undone
     */
    RowsPane(String id, String what, ObservableList<T> rows, Supplier<T> create, List<TableColumn<T, String>> columns, Node form,
             BiConsumer<T, Binder> show, String empty) {
        table = Tables.table(id + "-table");
        table.getColumns().setAll(columns);
        table.setItems(rows);
        table.setPlaceholder(Forms.emptyState(id + "-empty", empty));
        table.setPrefHeight(260);
        table.setMinHeight(240); // a few rows stay in sight however tall the form is; the tab scrolls instead
        Tables.bindSelection(table, selected);
        Binder binder = new Binder();
        selected.addListener((o, was, now) -> {
            binder.clear();
            show.accept(now, binder);
            form.setDisable(now == null);
        });
        rows.addListener((javafx.collections.ListChangeListener<T>) c -> {
            if (!rows.contains(selected.get())) {
                selected.set(rows.isEmpty() ? null : rows.get(0));
            }
        });
        form.setDisable(true);
        show.accept(null, binder);
        Button add = Forms.button(id + "-add", "_Add " + what, "Add a " + what, () -> {
            T row = create.get();
            rows.add(row);
            selected.set(row);
        });
        Button remove = Forms.button(id + "-remove", "_Remove " + what, "Remove the selected " + what, () -> {
            T row = selected.get();
            if (row != null) {
                rows.remove(row);
            }
        });
        remove.disableProperty().bind(selected.isNull());
        Tables.onDelete(table, remove::fire);
        HBox bar = new HBox(8, add, remove);
        VBox box = new VBox(10, table, bar, form);
        VBox.setVgrow(table, Priority.ALWAYS);
        box.setPadding(new javafx.geometry.Insets(12));
        root = new javafx.scene.control.ScrollPane(box);
        root.setFitToWidth(true);
        root.setFitToHeight(true);
    }

    Node node() {
        return root;
    }

    ObjectProperty<T> selectedProperty() {
        return selected;
    }

    TableView<T> table() {
        return table;
    }
}

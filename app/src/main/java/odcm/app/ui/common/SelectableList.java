package odcm.app.ui.common;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Rows loaded from the store and the selected one. A reload keeps the selection by key (a name, an id),
 * since the reloaded rows are new objects; optionally it selects the first row when nothing was selected.
 */
public final class SelectableList<T> {
    private final ObservableList<T> items = FXCollections.observableArrayList();
    private final ObjectProperty<T> selected = new SimpleObjectProperty<>();
    private final Function<T, ?> key;
    private final boolean selectFirst;

    /**
     * @param key         what identifies a row across reloads
     * @param selectFirst whether a load with rows and nothing to keep selects the first row, so a detail is never empty
     */
    public SelectableList(Function<T, ?> key, boolean selectFirst) {
        this.key = key;
        this.selectFirst = selectFirst;
    }

    /** The key of the selected row, or null. */
    public Object selectedKey() {
        T s = selected.get();
        return s == null ? null : key.apply(s);
    }

    /**
     * Replaces the rows and selects the one with key {@code prefer}, else the one selected before (by key), else
     * the first (when so configured). The selection is set afresh, so listeners reload what depends on it even
     * when the same row stays selected.
     */
    public void replace(List<T> rows, Object prefer) {
        Object keep = selectedKey();
        // Nothing selected while the rows change: a table showing them keeps a selected row across a change by equals,
        // and a reloaded row equals the old one only after a comparison of all it holds (a release of 10,000 variables:
        // several whole comparisons on the FX thread per reload, decision 0033, 2026-12-05 evening).
        selected.set(null);
        items.setAll(rows);
        T again = find(prefer);
        if (again == null) {
            again = find(keep);
        }
        if (again == null && selectFirst && !rows.isEmpty()) {
            again = rows.get(0);
        }
        selected.set(again);
    }

    /** Replaces the rows, keeping the selection by key. */
    public void replace(List<T> rows) {
        replace(rows, null);
    }

    private T find(Object k) {
        return k == null ? null : items.stream().filter(t -> Objects.equals(key.apply(t), k)).findFirst().orElse(null);
    }

    public ObservableList<T> items() {
        return items;
    }

    public ObjectProperty<T> selectedProperty() {
        return selected;
    }
}

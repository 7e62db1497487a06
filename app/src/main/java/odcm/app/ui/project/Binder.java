package odcm.app.ui.project;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.Property;

/**
 * Binds a form's controls to one row at a time: each bind is remembered, so showing another row first undoes
 * the bindings to the previous one.
 */
final class Binder {
    private final List<Runnable> undo = new ArrayList<>();

    <T> void bind(Property<T> control, Property<T> row) {
        control.bindBidirectional(row);
        undo.add(() -> control.unbindBidirectional(row));
    }

    void onClear(Runnable r) {
        undo.add(r);
    }

    void clear() {
        undo.forEach(Runnable::run);
        undo.clear();
    }
}

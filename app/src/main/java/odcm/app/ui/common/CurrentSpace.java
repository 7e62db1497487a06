package odcm.app.ui.common;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The local space the per-space screens (environments, lifecycles, projects, releases) work in, chosen once in
 * the main window and shared by them. Empty when the store has no local space yet.
 */
public final class CurrentSpace {
    private final ReadOnlyStringWrapper name = new ReadOnlyStringWrapper("");

    public ReadOnlyStringProperty nameProperty() {
        return name.getReadOnlyProperty();
    }

    public String name() {
        return name.get();
    }

    public boolean isChosen() {
        return !name.get().isEmpty();
    }

    public void choose(String spaceName) {
        name.set(spaceName == null ? "" : spaceName);
    }
}

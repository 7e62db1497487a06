package odcm.app.ui.project;

import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One key/value property of a step. */
public final class PropertyRow {
    private final StringProperty key;
    private final StringProperty value;

    public PropertyRow(String key, String value) {
        this.key = new SimpleStringProperty(key);
        this.value = new SimpleStringProperty(value);
    }

    public StringProperty keyProperty() {
        return key;
    }

    public StringProperty valueProperty() {
        return value;
    }
}

package odcm.app.ui.common;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** A screen's last outcome: a sentence ("Saved …", or a refusal) and whether it is an error. Empty means none. */
public final class StatusMessage {
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper error = new ReadOnlyBooleanWrapper(false);

    public void info(String sentence) {
        error.set(false);
        text.set(sentence);
    }

    public void error(String sentence) {
        error.set(true);
        text.set(sentence);
    }

    public void clear() {
        error.set(false);
        text.set("");
    }

    public String text() {
        return text.get();
    }

    public boolean isError() {
        return error.get();
    }

    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty errorProperty() {
        return error.getReadOnlyProperty();
    }
}

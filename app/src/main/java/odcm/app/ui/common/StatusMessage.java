package odcm.app.ui.common;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * A screen's last outcome: a sentence ("Saved …", a refusal, or something that could not be fully checked) and
 * whether it is an error or a warning. Empty means none.
 */
public final class StatusMessage {
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper error = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper warning = new ReadOnlyBooleanWrapper(false);

    public void info(String sentence) {
        set(sentence, false, false);
    }

    /** Neither done nor refused: something could not be fully checked. */
    public void warning(String sentence) {
        set(sentence, false, true);
    }

    public void error(String sentence) {
        set(sentence, true, false);
    }

    public void clear() {
        set("", false, false);
    }

    private void set(String sentence, boolean isError, boolean isWarning) {
        error.set(isError);
        warning.set(isWarning);
        text.set(sentence);
    }

    public boolean isWarning() {
        return warning.get();
    }

    public ReadOnlyBooleanProperty warningProperty() {
        return warning.getReadOnlyProperty();
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

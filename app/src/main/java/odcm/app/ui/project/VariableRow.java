package odcm.app.ui.project;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import odcm.model.project.Scope;
import odcm.model.project.Variable;

/**
 * A variable as it is being edited. A sensitive value is never handed to a control: a sensitive row keeps the
 * stored value out of sight and takes a replacement through {@link #secretInputProperty()} (a password field).
 * Turning "sensitive" off drops the hidden value, so it can never appear in a plain text field.
 */
public final class VariableRow {
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty value = new SimpleStringProperty("");
    private final StringProperty secretInput = new SimpleStringProperty("");
    private final BooleanProperty sensitive = new SimpleBooleanProperty(false);
    private final ObservableList<String> scope = FXCollections.observableArrayList();
    private String hidden = "";

    public VariableRow() {
        sensitive.addListener((o, was, now) -> {
            if (now) {
                hidden = value.get(); // typed in clear a moment ago: keep it, but out of the text field
                value.set("");
            } else {
                hidden = "";
                secretInput.set("");
            }
        });
    }

    public static VariableRow of(Variable v) {
        VariableRow r = new VariableRow();
        r.name.set(v.name());
        if (v.sensitive()) {
            r.sensitive.set(true);
            r.hidden = v.value();
        } else {
            r.value.set(v.value());
        }
        r.scope.setAll(v.scope().environments());
        return r;
    }

    public Variable toVariable() {
        String v = sensitive.get() ? (secretInput.get().isEmpty() ? hidden : secretInput.get()) : value.get();
        return new Variable(name.get(), v, sensitive.get(), Scope.of(scope));
    }

    /** What a table may show: the plain value, or the mask when a sensitive value is set. */
    public String shownValue() {
        if (!sensitive.get()) {
            return value.get();
        }
        return hidden.isEmpty() && secretInput.get().isEmpty() ? "" : Variable.MASK;
    }

    /** Whether a sensitive value is set (stored or typed), without saying what it is. */
    public boolean hasSecret() {
        return !hidden.isEmpty() || !secretInput.get().isEmpty();
    }

    public StringProperty nameProperty() {
        return name;
    }

    /** The plain value; empty while the row is sensitive. */
    public StringProperty valueProperty() {
        return value;
    }

    /** A new sensitive value typed into a password field; empty keeps the stored one. */
    public StringProperty secretInputProperty() {
        return secretInput;
    }

    public BooleanProperty sensitiveProperty() {
        return sensitive;
    }

    public ObservableList<String> scope() {
        return scope;
    }

    public String scopeText() {
        return Scope.of(scope).toString();
    }
}

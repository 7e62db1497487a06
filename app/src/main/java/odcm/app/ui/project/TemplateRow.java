package odcm.app.ui.project;

import java.util.Arrays;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import odcm.model.project.TemplateType;
import odcm.model.project.VariableTemplate;

/** A variable template as it is being edited; options of a select are given separated by commas. */
public final class TemplateRow {
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty label = new SimpleStringProperty("");
    private final StringProperty help = new SimpleStringProperty("");
    private final ObjectProperty<TemplateType> type = new SimpleObjectProperty<>(TemplateType.SINGLE_LINE);
    private final StringProperty options = new SimpleStringProperty("");
    private final BooleanProperty mandatory = new SimpleBooleanProperty(true);
    private final StringProperty defaultValue = new SimpleStringProperty("");

    public static TemplateRow of(VariableTemplate t) {
        TemplateRow r = new TemplateRow();
        r.name.set(t.name());
        r.label.set(t.label());
        r.help.set(t.helpText());
        r.type.set(t.type());
        r.options.set(String.join(", ", t.options()));
        r.mandatory.set(t.mandatory());
        r.defaultValue.set(t.defaultValue());
        return r;
    }

    public VariableTemplate toTemplate() {
        TemplateType t = type.get() == null ? TemplateType.SINGLE_LINE : type.get();
        var opts = t == TemplateType.SELECT
                ? Arrays.stream(options.get().split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList()
                : java.util.List.<String>of();
        return new VariableTemplate(name.get(), label.get(), help.get(), t, opts, mandatory.get(), defaultValue.get().strip());
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty labelProperty() {
        return label;
    }

    public StringProperty helpProperty() {
        return help;
    }

    public ObjectProperty<TemplateType> typeProperty() {
        return type;
    }

    public StringProperty optionsProperty() {
        return options;
    }

    public BooleanProperty mandatoryProperty() {
        return mandatory;
    }

    public StringProperty defaultValueProperty() {
        return defaultValue;
    }
}

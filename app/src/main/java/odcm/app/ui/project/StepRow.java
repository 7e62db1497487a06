package odcm.app.ui.project;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import odcm.model.Refusal;
import odcm.model.project.DeploymentStep;
import odcm.model.project.PackageReference;
import odcm.model.project.Scope;

/** One step of the process as it is being edited: name, action type, ordered properties, scope, packages. */
public final class StepRow {
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty actionType = new SimpleStringProperty("");
    private final ObservableList<PropertyRow> properties = FXCollections.observableArrayList();
    private final ObservableList<String> scope = FXCollections.observableArrayList();
    private final StringProperty packages = new SimpleStringProperty("");

    public static StepRow of(DeploymentStep s) {
        StepRow r = new StepRow();
        r.name.set(s.name());
        r.actionType.set(s.actionType());
        s.properties().forEach((k, v) -> r.properties.add(new PropertyRow(k, v)));
        r.scope.setAll(s.scope().environments());
        r.packages.set(String.join(", ", s.packages().stream().map(PackageReference::packageId).toList()));
        return r;
    }

    /** The step as the model takes it; refuses a property without a key or a key given twice. */
    public DeploymentStep toStep() {
        Map<String, String> props = new LinkedHashMap<>();
        for (PropertyRow p : properties) {
            String key = p.keyProperty().get() == null ? "" : p.keyProperty().get().strip();
            if (key.isEmpty()) {
                throw new Refusal("Step '" + name.get() + "' has a property without a name.");
            }
            if (props.put(key, p.valueProperty().get() == null ? "" : p.valueProperty().get()) != null) {
                throw new Refusal("Step '" + name.get() + "' has two properties named '" + key + "'.");
            }
        }
        return new DeploymentStep(name.get(), actionType.get(), props, Scope.of(scope), packageReferences());
    }

    private List<PackageReference> packageReferences() {
        return java.util.Arrays.stream(packages.get().split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .map(PackageReference::new).toList();
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty actionTypeProperty() {
        return actionType;
    }

    public ObservableList<PropertyRow> properties() {
        return properties;
    }

    public ObservableList<String> scope() {
        return scope;
    }

    /** Package ids, separated by commas. */
    public StringProperty packagesProperty() {
        return packages;
    }

    @Override
    public String toString() {
        return name.get().isBlank() ? "(unnamed step)" : name.get();
    }
}

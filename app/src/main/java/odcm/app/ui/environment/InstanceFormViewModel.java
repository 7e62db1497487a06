package odcm.app.ui.environment;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import odcm.app.ui.common.Checks;
import odcm.app.ui.common.FormState;
import odcm.app.ui.task.TaskRunner;
import odcm.model.environment.Environment;
import odcm.model.environment.EnvironmentTemplate;
import odcm.model.project.VariableTemplate;

/**
 * New instance of a template, by hand: a name (else the template's expression) and a value per parameter, its default filled
 * in, checked as typed the way the template types it (a sensitive one is typed masked, and never said nor logged).
 */
public final class InstanceFormViewModel {
    private final FormState form;
    private final EnvironmentTemplate template;
    private final BiFunction<String, Map<String, String>, Environment> instantiate;
    private final StringProperty name = new SimpleStringProperty("");
    private final Map<VariableTemplate, StringProperty> values = new LinkedHashMap<>();
    private final StringBinding problem;

    InstanceFormViewModel(TaskRunner runner, String space, EnvironmentTemplate template, BiFunction<String, Map<String, String>, Environment> instantiate) {
        this.form = new FormState(runner);
        this.template = template;
        this.instantiate = instantiate;
        template.parameters().forEach(p -> values.put(p, new SimpleStringProperty(p.defaultValue())));
        Observable[] inputs = java.util.stream.Stream.concat(java.util.stream.Stream.of(name), values.values().stream()).toArray(Observable[]::new);
        problem = Bindings.createStringBinding(() -> Checks.problem(() -> {
            Map<String, String> v = template.parameterValues(given());
            if (name.get().isBlank()) {
                template.instanceName(space, null, null, null, v);
            } else {
                Environment.checkName(name.get());
            }
        }), inputs);
        for (Observable o : inputs) {
            o.addListener(x -> form.clearError());
        }
    }

    /** Each parameter's value as typed (null, a select left empty, as ""). */
    private Map<String, String> given() {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((p, v) -> out.put(p.name(), v.get() == null ? "" : v.get()));
        return out;
    }

    public void submit(Consumer<Environment> onDone) {
        if (!problem.get().isEmpty()) {
            return;
        }
        String n = name.get();
        Map<String, String> v = given();
        form.submit("Provisioning an instance of template '" + template.name() + "'", () -> instantiate.apply(n, v), onDone);
    }

    public EnvironmentTemplate template() {
        return template;
    }

    public StringProperty nameProperty() {
        return name;
    }

    /** The value of each parameter, in the template's order. */
    public Map<VariableTemplate, StringProperty> values() {
        return values;
    }

    public StringBinding problemProperty() {
        return problem;
    }

    public FormState form() {
        return form;
    }
}

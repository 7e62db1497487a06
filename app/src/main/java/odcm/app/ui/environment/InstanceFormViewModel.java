package odcm.app.ui.environment;

import java.util.Arrays;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import odcm.app.ui.common.Checks;
import odcm.app.ui.common.FormState;
import odcm.app.ui.task.TaskRunner;
import odcm.model.environment.Environment;
import odcm.model.environment.EnvironmentTemplate;

/** New instance of a template, by hand: a name (else the template's expression) and the parameters' values, NAME=VALUE per line. */
public final class InstanceFormViewModel {
    private final FormState form;
    private final EnvironmentTemplate template;
    private final BiFunction<String, Map<String, String>, Environment> instantiate;
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty values = new SimpleStringProperty("");
    private final StringBinding problem;

    InstanceFormViewModel(TaskRunner runner, String space, EnvironmentTemplate template, BiFunction<String, Map<String, String>, Environment> instantiate) {
        this.form = new FormState(runner);
        this.template = template;
        this.instantiate = instantiate;
        values.set(String.join("\n", template.parameters().stream().map(p -> p.name() + "=" + p.defaultValue()).toList()));
        problem = Bindings.createStringBinding(() -> Checks.problem(() -> {
            Map<String, String> v = template.parameterValues(parsed());
            if (name.get().isBlank()) {
                template.instanceName(space, null, null, null, v);
            } else {
                Environment.checkName(name.get());
            }
        }), name, values);
        name.addListener((o, was, now) -> form.clearError());
        values.addListener((o, was, now) -> form.clearError());
    }

    private Map<String, String> parsed() {
        return EnvironmentTemplate.values(Arrays.asList(values.get().split("\\R")));
    }

    public void submit(Consumer<Environment> onDone) {
        if (!problem.get().isEmpty()) {
            return;
        }
        String n = name.get();
        Map<String, String> v = parsed();
        form.submit("Provisioning an instance of template '" + template.name() + "'", () -> instantiate.apply(n, v), onDone);
    }

    public EnvironmentTemplate template() {
        return template;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty valuesProperty() {
        return values;
    }

    public StringBinding problemProperty() {
        return problem;
    }

    public FormState form() {
        return form;
    }
}

package odcm.app.ui.environment;

import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import odcm.app.ui.common.Checks;
import odcm.app.ui.common.FormState;
import odcm.app.ui.task.TaskRunner;
import odcm.model.environment.EnvironmentTemplate;

/**
 * New environment template: name, description, how instances are named, parameters and processes one per line (as on the
 * command line), what a later release naming an existing instance does, and when instances go. Checked as typed with the
 * model's sentences; Create only when valid (docs/decisions/0057).
 */
public final class TemplateFormViewModel {
    private final FormState form;
    private final Function<EnvironmentTemplate, EnvironmentTemplate> create;
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty description = new SimpleStringProperty("");
    private final StringProperty expression = new SimpleStringProperty("#{Release.Channel}-#{Release.Number}");
    private final StringProperty parameters = new SimpleStringProperty("");
    private final StringProperty provisioning = new SimpleStringProperty("");
    private final StringProperty deprovisioning = new SimpleStringProperty("");
    private final ObjectProperty<EnvironmentTemplate.OnExisting> onExisting = new SimpleObjectProperty<>(EnvironmentTemplate.OnExisting.SKIP);
    private final BooleanProperty whenProgressed = new SimpleBooleanProperty(true);
    private final StringProperty days = new SimpleStringProperty("0");
    private final BooleanProperty touched = new SimpleBooleanProperty(false);
    private final StringBinding problem;
    private final BooleanBinding valid;

    TemplateFormViewModel(TaskRunner runner, Function<EnvironmentTemplate, EnvironmentTemplate> create) {
        this.form = new FormState(runner);
        this.create = create;
        StringBinding check = Bindings.createStringBinding(() -> Checks.problem(this::draft), name, description, expression, parameters,
                provisioning, deprovisioning, onExisting, whenProgressed, days);
        problem = Bindings.createStringBinding(() -> touched.get() ? check.get() : "", touched, check);
        valid = check.isEmpty();
        name.addListener((o, was, now) -> {
            touched.set(true);
            form.clearError();
        });
    }

    /** The template as filled in, or a refusal saying what is wrong. */
    EnvironmentTemplate draft() {
        int d;
        try {
            d = Integer.parseInt(days.get().strip());
        } catch (NumberFormatException e) {
            throw new odcm.model.Refusal("Days without a deployment is a whole number (0: never), not '" + days.get().strip() + "'.");
        }
        return EnvironmentTemplate.draft(name.get(), description.get(), lines(parameters).stream().map(EnvironmentTemplate::parameter).toList(),
                lines(provisioning).stream().map(EnvironmentTemplate::step).toList(), lines(deprovisioning).stream().map(EnvironmentTemplate::step).toList(),
                expression.get(), onExisting.get(), whenProgressed.get(), d);
    }

    private static List<String> lines(StringProperty text) {
        return Arrays.stream(text.get().split("\\R")).filter(l -> !l.isBlank()).toList();
    }

    public void submit(Consumer<EnvironmentTemplate> onDone) {
        if (!valid.get()) {
            return;
        }
        EnvironmentTemplate t = draft();
        form.submit("Creating environment template '" + t.name() + "'", () -> create.apply(t), onDone);
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty descriptionProperty() {
        return description;
    }

    public StringProperty expressionProperty() {
        return expression;
    }

    public StringProperty parametersProperty() {
        return parameters;
    }

    public StringProperty provisioningProperty() {
        return provisioning;
    }

    public StringProperty deprovisioningProperty() {
        return deprovisioning;
    }

    public ObjectProperty<EnvironmentTemplate.OnExisting> onExistingProperty() {
        return onExisting;
    }

    public BooleanProperty whenProgressedProperty() {
        return whenProgressed;
    }

    public StringProperty daysProperty() {
        return days;
    }

    public StringBinding problemProperty() {
        return problem;
    }

    public BooleanBinding validProperty() {
        return valid;
    }

    public FormState form() {
        return form;
    }
}

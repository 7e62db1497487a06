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

    /** The template being edited, or null for a new one. */
    private final EnvironmentTemplate original;

    TemplateFormViewModel(TaskRunner runner, Function<EnvironmentTemplate, EnvironmentTemplate> create) {
        this(runner, null, create);
    }

    /** Edit {@code original} (decision 0057): filled in as it is, saved by {@code save}; problems are said at once. */
    TemplateFormViewModel(TaskRunner runner, EnvironmentTemplate original, Function<EnvironmentTemplate, EnvironmentTemplate> save) {
        this.form = new FormState(runner);
        this.create = save;
        this.original = original;
        if (original != null) {
            name.set(original.name());
            description.set(original.description());
            expression.set(original.nameExpression().text());
            parameters.set(String.join("\n", original.parameters().stream().map(EnvironmentTemplate::line).toList()));
            provisioning.set(String.join("\n", original.provisioning().stream().map(EnvironmentTemplate::line).toList()));
            deprovisioning.set(String.join("\n", original.deprovisioning().stream().map(EnvironmentTemplate::line).toList()));
            onExisting.set(original.onExisting());
            whenProgressed.set(original.deprovisionWhenProgressed());
            days.set(Integer.toString(original.deprovisionAfterDays()));
            touched.set(true);
        }
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
        return EnvironmentTemplate.draft(name.get(), description.get(),
                read(parameters, original == null ? List.of() : original.parameters(), EnvironmentTemplate::line, EnvironmentTemplate::parameter),
                read(provisioning, original == null ? List.of() : original.provisioning(), EnvironmentTemplate::line, EnvironmentTemplate::step),
                read(deprovisioning, original == null ? List.of() : original.deprovisioning(), EnvironmentTemplate::line, EnvironmentTemplate::step),
                expression.get(), onExisting.get(), whenProgressed.get(), d);
    }

    /**
     * One item per line of {@code text}; a line left as it was written for one of {@code before} is that item itself, so what a
     * line does not show (a step's properties and scope, a parameter's label and help) is kept.
     */
    private static <T> List<T> read(StringProperty text, List<T> before, Function<T, String> line, Function<String, T> parse) {
        return lines(text).stream().map(l -> before.stream().filter(b -> line.apply(b).equals(l.strip())).findFirst().orElseGet(() -> parse.apply(l))).toList();
    }

    /** Whether it edits a template rather than making one. */
    public boolean isEditing() {
        return original != null;
    }

    /** The template as it was when the form opened (editing only). */
    public EnvironmentTemplate original() {
        return original;
    }

    /** The ids of the dialog's controls start with this. */
    public String id() {
        return original == null ? "new-template" : "edit-template";
    }

    private static List<String> lines(StringProperty text) {
        return Arrays.stream(text.get().split("\\R")).filter(l -> !l.isBlank()).toList();
    }

    public void submit(Consumer<EnvironmentTemplate> onDone) {
        if (!valid.get()) {
            return;
        }
        EnvironmentTemplate t = draft();
        form.submit((original == null ? "Creating environment template '" : "Saving environment template '") + t.name() + "'", () -> create.apply(t), onDone);
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

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
    private final java.util.function.BiFunction<String, EnvironmentTemplate, EnvironmentTemplate> create;
    /** Which space owns a new template: this space (the first entry), or another one, which makes it a remote template (0058). */
    private final javafx.collections.ObservableList<String> owners = javafx.collections.FXCollections.observableArrayList();
    private final StringProperty owner = new SimpleStringProperty();
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

    /**
     * New template of {@code space}, or of another space chosen as its owner: {@code create} gets the owner's name (null for
     * this space's own template) and the draft.
     */
    TemplateFormViewModel(TaskRunner runner, String space, java.util.function.BiFunction<String, EnvironmentTemplate, EnvironmentTemplate> create) {
        this(runner, (EnvironmentTemplate) null, create);
        owners.add(space);
        owner.set(space);
    }

    /** Edit {@code original} (decision 0057): filled in as it is, saved by {@code save}; problems are said at once. */
    TemplateFormViewModel(TaskRunner runner, EnvironmentTemplate original, Function<EnvironmentTemplate, EnvironmentTemplate> save) {
        this(runner, original, (ignored, t) -> save.apply(t));
    }

    private TemplateFormViewModel(TaskRunner runner, EnvironmentTemplate original, java.util.function.BiFunction<String, EnvironmentTemplate, EnvironmentTemplate> save) {
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
                EnvironmentTemplate.parameters(lines(parameters), original == null ? List.of() : original.parameters()),
                EnvironmentTemplate.steps(lines(provisioning), original == null ? List.of() : original.provisioning()),
                EnvironmentTemplate.steps(lines(deprovisioning), original == null ? List.of() : original.deprovisioning()),
                expression.get(), onExisting.get(), whenProgressed.get(), d);
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
        String o = remoteOwner();
        form.submit((original == null ? "Creating environment template '" : "Saving environment template '")
                + (o == null ? t.name() : odcm.model.environment.RemoteTemplate.displayName(o, t.name())) + "'", () -> create.apply(o, t), onDone);
    }

    /** The other space chosen as the new template's owner, or null for a template of this space (or an edit). */
    public String remoteOwner() {
        return owners.isEmpty() || owner.get() == null || owner.get().equals(owners.get(0)) ? null : owner.get();
    }

    /** This space first, then the other spaces, once loaded (a new template only; empty when editing). */
    public javafx.collections.ObservableList<String> owners() {
        return owners;
    }

    public StringProperty ownerProperty() {
        return owner;
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

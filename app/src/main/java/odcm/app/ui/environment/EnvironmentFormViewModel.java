package odcm.app.ui.environment;

import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import odcm.app.ui.common.Checks;
import odcm.app.ui.common.FormState;
import odcm.app.ui.task.TaskRunner;
import odcm.model.Names;
import odcm.model.environment.Environment;

/** New environment (name, description) and Rename environment (name): checked as typed, OK only when valid. */
public final class EnvironmentFormViewModel {
    private final FormState form;
    private final boolean renaming;
    private final String currentName;
    private final BiFunction<String, String, Environment> action;
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty description = new SimpleStringProperty("");
    private final BooleanProperty touched = new SimpleBooleanProperty(false);
    private final StringBinding problem;
    private final BooleanBinding valid;

    private EnvironmentFormViewModel(TaskRunner runner, boolean renaming, String currentName, BiFunction<String, String, Environment> action) {
        this.form = new FormState(runner);
        this.renaming = renaming;
        this.currentName = currentName;
        this.action = action;
        name.set(currentName);
        StringBinding nameProblem = Bindings.createStringBinding(() -> Checks.problem(() -> Environment.checkName(name.get())), name);
        StringBinding descriptionProblem = Bindings.createStringBinding(
                () -> Checks.problem(() -> Names.text("A description", description.get(), 2000)), description);
        problem = Bindings.createStringBinding(() -> touched.get() && !nameProblem.get().isEmpty() ? nameProblem.get() : descriptionProblem.get(),
                touched, nameProblem, descriptionProblem);
        valid = nameProblem.isEmpty().and(descriptionProblem.isEmpty())
                .and(Bindings.createBooleanBinding(() -> !renaming || !name.get().strip().equals(currentName), name));
        name.addListener((o, was, now) -> {
            touched.set(true);
            form.clearError();
        });
    }

    static EnvironmentFormViewModel create(TaskRunner runner, BiFunction<String, String, Environment> create) {
        return new EnvironmentFormViewModel(runner, false, "", create);
    }

    static EnvironmentFormViewModel rename(TaskRunner runner, String currentName, Function<String, Environment> rename) {
        return new EnvironmentFormViewModel(runner, true, currentName, (n, d) -> rename.apply(n));
    }

    public void submit(Consumer<Environment> onDone) {
        if (!valid.get()) {
            return;
        }
        String n = name.get();
        String d = description.get();
        form.submit((renaming ? "Renaming environment '" + currentName + "'" : "Creating environment '" + n.strip() + "'"),
                () -> action.apply(n, d), onDone);
    }

    public boolean isRenaming() {
        return renaming;
    }

    public String currentName() {
        return currentName;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty descriptionProperty() {
        return description;
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

package odcm.app.ui.environment;

import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import odcm.app.service.EnvironmentService;
import odcm.app.service.SpaceService;
import odcm.app.ui.common.Checks;
import odcm.app.ui.common.FormState;
import odcm.app.ui.task.TaskRunner;
import odcm.model.environment.Environment;
import odcm.model.environment.RemoteEnvironment;
import odcm.model.space.Space;

/** Add remote environment: another space (local or remote) and the name of its environment, previewed "Prod Space: Production". */
public final class RemoteEnvironmentFormViewModel {
    private final EnvironmentService environments;
    private final String space;
    private final FormState form;
    private final ObservableList<Space> owners = FXCollections.observableArrayList();
    private final ObjectProperty<Space> owner = new SimpleObjectProperty<>();
    private final StringProperty name = new SimpleStringProperty("");
    private final StringBinding problem;
    private final StringBinding preview;
    private final BooleanBinding valid;

    public RemoteEnvironmentFormViewModel(EnvironmentService environments, SpaceService spaces, TaskRunner runner, String space) {
        this.environments = environments;
        this.space = space;
        this.form = new FormState(runner);
        StringBinding nameProblem = Bindings.createStringBinding(() -> Checks.problem(() -> Environment.checkName(name.get())), name);
        problem = Bindings.createStringBinding(() -> name.get().isEmpty() ? "" : nameProblem.get(), name, nameProblem);
        preview = Bindings.createStringBinding(() -> owner.get() == null || name.get().isBlank() ? ""
                : "Shown as '" + RemoteEnvironment.displayName(owner.get().name(), name.get().strip()) + "'.", owner, name);
        valid = owner.isNotNull().and(nameProblem.isEmpty());
        name.addListener((o, was, now) -> form.clearError());
        owner.addListener((o, was, now) -> form.clearError());
        runner.run("Loading the other spaces", spaces::list,
                all -> owners.setAll(all.stream().filter(s -> !s.name().equals(space)).toList()), form::showError);
    }

    public void submit(Consumer<RemoteEnvironment> onAdded) {
        if (!valid.get()) {
            return;
        }
        String o = owner.get().name();
        String n = name.get();
        form.submit("Adding remote environment '" + RemoteEnvironment.displayName(o, n.strip()) + "'",
                () -> environments.createRemote(space, o, n), onAdded);
    }

    public ObservableList<Space> owners() {
        return owners;
    }

    public ObjectProperty<Space> ownerProperty() {
        return owner;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringBinding problemProperty() {
        return problem;
    }

    public StringBinding previewProperty() {
        return preview;
    }

    public BooleanBinding validProperty() {
        return valid;
    }

    public FormState form() {
        return form;
    }

    public String space() {
        return space;
    }
}

package odcm.app.ui.space;

import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import odcm.app.service.SpaceService;
import odcm.app.ui.common.FormState;
import odcm.app.ui.task.TaskRunner;
import odcm.model.space.Space;
import odcm.model.space.SpaceName;

/** Rename dialog: the new name is checked as typed; a name taken by another space is refused by the service. */
public final class RenameSpaceViewModel {
    private final SpaceService spaces;
    private final Space space;
    private final FormState form;
    private final StringProperty newName;
    private final StringBinding problem;
    private final BooleanBinding problemIsError;
    private final BooleanBinding valid;

    public RenameSpaceViewModel(SpaceService spaces, TaskRunner runner, Space space) {
        this.spaces = spaces;
        this.space = space;
        this.form = new FormState(runner);
        this.newName = new SimpleStringProperty(space.name());
        problem = Bindings.createStringBinding(() -> {
            String p = NameCheck.nameProblem(newName.get());
            if (p.isEmpty() && SpaceName.of(newName.get()).value().equals(space.name())) {
                return "Type the new name of " + space.describe() + ".";
            }
            return p;
        }, newName);
        problemIsError = Bindings.createBooleanBinding(() -> !NameCheck.nameProblem(newName.get()).isEmpty(), newName);
        valid = problem.isEmpty();
        newName.addListener((o, was, now) -> form.clearError());
    }

    public void submit(Consumer<Space> onRenamed) {
        if (!valid.get()) {
            return;
        }
        String target = newName.get();
        form.submit("Renaming " + space.describe(), () -> spaces.rename(space.name(), target), onRenamed);
    }

    public Space space() {
        return space;
    }

    public StringProperty newNameProperty() {
        return newName;
    }

    public StringBinding problemProperty() {
        return problem;
    }

    /** Whether the problem is a real one (a bad name), not just that the name is still unchanged. */
    public BooleanBinding problemIsErrorProperty() {
        return problemIsError;
    }

    public BooleanBinding validProperty() {
        return valid;
    }

    public FormState form() {
        return form;
    }
}

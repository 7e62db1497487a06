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

/** Edit description dialog: checked as typed by the model's rule; OK only when it differs from the current one. */
public final class DescribeSpaceViewModel {
    private final SpaceService spaces;
    private final Space space;
    private final FormState form;
    private final StringProperty description;
    private final StringBinding problem;
    private final BooleanBinding changed;
    private final BooleanBinding valid;

    public DescribeSpaceViewModel(SpaceService spaces, TaskRunner runner, Space space) {
        this.spaces = spaces;
        this.space = space;
        this.form = new FormState(runner);
        this.description = new SimpleStringProperty(space.description());
        problem = Bindings.createStringBinding(() -> NameCheck.descriptionProblem(description.get()), description);
        changed = Bindings.createBooleanBinding(() -> !strip(description.get()).equals(space.description()), description);
        valid = problem.isEmpty().and(changed);
        description.addListener((o, was, now) -> form.clearError());
    }

    private static String strip(String s) {
        return s == null ? "" : s.strip();
    }

    public void submit(Consumer<Space> onDescribed) {
        if (!valid.get()) {
            return;
        }
        String d = description.get();
        form.submit("Changing the description of " + space.describe(), () -> spaces.describe(space.name(), d), onDescribed);
    }

    public Space space() {
        return space;
    }

    public StringProperty descriptionProperty() {
        return description;
    }

    /** Why the description cannot be saved as typed; empty when it can (or only is unchanged). */
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

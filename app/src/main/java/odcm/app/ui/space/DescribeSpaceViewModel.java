package odcm.app.ui.space;

import java.util.function.Consumer;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.StringProperty;
import odcm.app.service.SpaceService;
import odcm.app.ui.common.FormState;
import odcm.app.ui.common.TextForm;
import odcm.app.ui.task.TaskRunner;
import odcm.model.space.Space;

/** Edit description dialog: checked as typed by the model's rule; OK only when it differs from the current one. */
public final class DescribeSpaceViewModel {
    private final Space space;
    private final TextForm<Space> form;

    public DescribeSpaceViewModel(SpaceService spaces, TaskRunner runner, Space space) {
        this.space = space;
        this.form = new TextForm<>(runner, space.description(), NameCheck::descriptionProblem,
                d -> !(d == null ? "" : d.strip()).equals(space.description()),
                "Changing the description of " + space.describe(), d -> spaces.describe(space.name(), d, space.seen()));
    }

    public void submit(Consumer<Space> onDescribed) {
        form.submit(onDescribed);
    }

    public Space space() {
        return space;
    }

    public StringProperty descriptionProperty() {
        return form.textProperty();
    }

    /** Why the description cannot be saved as typed; empty when it can (or only is unchanged). */
    public StringBinding problemProperty() {
        return form.problemProperty();
    }

    public BooleanBinding validProperty() {
        return form.validProperty();
    }

    public FormState form() {
        return form.form();
    }
}

package odcm.app.ui.space;

import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.StringProperty;
import odcm.app.service.SpaceService;
import odcm.app.ui.common.FormState;
import odcm.app.ui.common.TextForm;
import odcm.app.ui.task.TaskRunner;
import odcm.model.space.Space;
import odcm.model.space.SpaceName;

/** Rename dialog: the new name is checked as typed; a name taken by another space is refused by the service. */
public final class RenameSpaceViewModel {
    private final Space space;
    private final TextForm<Space> form;
    private final BooleanBinding problemIsError;

    public RenameSpaceViewModel(SpaceService spaces, TaskRunner runner, Space space) {
        this.space = space;
        this.form = new TextForm<>(runner, space.name(), n -> {
            String p = NameCheck.nameProblem(n);
            return p.isEmpty() && SpaceName.of(n).value().equals(space.name()) ? "Type the new name of " + space.describe() + "." : p;
        }, n -> true, "Renaming " + space.describe(), n -> spaces.rename(space.name(), n, space.seen()));
        StringProperty name = form.textProperty();
        problemIsError = Bindings.createBooleanBinding(() -> !NameCheck.nameProblem(name.get()).isEmpty(), name);
    }

    public void submit(Consumer<Space> onRenamed) {
        form.submit(onRenamed);
    }

    public Space space() {
        return space;
    }

    public StringProperty newNameProperty() {
        return form.textProperty();
    }

    public StringBinding problemProperty() {
        return form.problemProperty();
    }

    /** Whether the problem is a real one (a bad name), not just that the name is still unchanged. */
    public BooleanBinding problemIsErrorProperty() {
        return problemIsError;
    }

    public BooleanBinding validProperty() {
        return form.validProperty();
    }

    public FormState form() {
        return form.form();
    }
}

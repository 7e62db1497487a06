package odcm.app.ui.space;

import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import odcm.app.service.SpaceService;
import odcm.app.ui.common.FormState;
import odcm.app.ui.task.TaskRunner;
import odcm.model.space.Space;
import odcm.packaging.cert.KeyAlgorithm;

/** New space dialog: name, description and key algorithm, validated as typed; OK only when valid. */
public final class NewSpaceViewModel {
    private final SpaceService spaces;
    private final FormState form;
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty description = new SimpleStringProperty("");
    private final ObjectProperty<KeyAlgorithm> algorithm = new SimpleObjectProperty<>(KeyAlgorithm.EC_P256);
    /** The name problem is shown only once the user typed, so an empty new dialog does not scold. */
    private final BooleanProperty nameTouched = new SimpleBooleanProperty(false);
    private final StringBinding nameProblem;
    private final StringBinding descriptionProblem;
    private final StringBinding shownProblem;
    private final BooleanBinding valid;

    public NewSpaceViewModel(SpaceService spaces, TaskRunner runner) {
        this.spaces = spaces;
        this.form = new FormState(runner);
        nameProblem = Bindings.createStringBinding(() -> NameCheck.nameProblem(name.get()), name);
        descriptionProblem = Bindings.createStringBinding(() -> NameCheck.descriptionProblem(description.get()), description);
        shownProblem = Bindings.createStringBinding(() -> {
            if (nameTouched.get() && !nameProblem.get().isEmpty()) {
                return nameProblem.get();
            }
            return descriptionProblem.get();
        }, nameTouched, nameProblem, descriptionProblem);
        valid = nameProblem.isEmpty().and(descriptionProblem.isEmpty()).and(algorithm.isNotNull());
        name.addListener((o, was, now) -> {
            nameTouched.set(true);
            form.clearError(); // a refusal about the old name no longer applies
        });
    }

    public void submit(Consumer<Space> onCreated) {
        if (!valid.get()) {
            return;
        }
        String n = name.get();
        String d = description.get();
        KeyAlgorithm a = algorithm.get();
        form.submit("Creating space '" + n.strip() + "' and its key pair", () -> spaces.create(n, d, a), onCreated);
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty descriptionProperty() {
        return description;
    }

    public ObjectProperty<KeyAlgorithm> algorithmProperty() {
        return algorithm;
    }

    /** The validation sentence to show under the fields, "" when there is none to show. */
    public StringBinding problemProperty() {
        return shownProblem;
    }

    public BooleanBinding validProperty() {
        return valid;
    }

    public FormState form() {
        return form;
    }
}

package odcm.app.ui.remote;

import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import odcm.app.service.RemoteSpaceService;
import odcm.app.ui.common.FormState;
import odcm.app.ui.task.TaskRunner;
import odcm.model.Refusal;
import odcm.model.cert.Fingerprint;
import odcm.model.space.Space;

/**
 * Confirm fingerprint dialog: the fingerprint the other side reads out, typed here, must match the remote space's
 * current certificate; only then can the space be trusted.
 */
public final class ConfirmFingerprintViewModel {
    private final RemoteSpaceService remotes;
    private final Space space;
    private final FormState form;
    private final StringProperty typed = new SimpleStringProperty("");
    private final StringBinding problem;
    private final BooleanBinding valid;

    public ConfirmFingerprintViewModel(RemoteSpaceService remotes, TaskRunner runner, Space space) {
        this.remotes = remotes;
        this.space = space;
        this.form = new FormState(runner);
        problem = Bindings.createStringBinding(() -> problem(typed.get()), typed);
        valid = problem.isEmpty().and(typed.isNotEmpty());
        typed.addListener((o, was, now) -> form.clearError());
    }

    private static String problem(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        try {
            Fingerprint.parse(text);
            return "";
        } catch (Refusal r) {
            return r.getMessage();
        }
    }

    public void submit(Consumer<Space> onConfirmed) {
        if (valid.get()) {
            String fingerprint = typed.get();
            form.submit("Confirming the fingerprint of " + space.describe(), () -> remotes.confirm(space.name(), fingerprint), onConfirmed);
        }
    }

    public Space space() {
        return space;
    }

    public StringProperty typedProperty() {
        return typed;
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

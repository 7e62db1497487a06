package odcm.app.ui.remote;

import java.util.function.Consumer;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.StringProperty;
import odcm.app.service.RemoteSpaceService;
import odcm.app.ui.common.FormState;
import odcm.app.ui.common.TextForm;
import odcm.app.ui.task.TaskRunner;
import odcm.model.cert.Fingerprint;
import odcm.model.space.Space;

/**
 * Confirm fingerprint dialog: the fingerprint the other side reads out, typed here, must match the remote space's
 * current certificate; only then can the space be trusted.
 */
public final class ConfirmFingerprintViewModel {
    private final Space space;
    private final TextForm<Space> form;

    public ConfirmFingerprintViewModel(RemoteSpaceService remotes, TaskRunner runner, Space space) {
        this.space = space;
        this.form = new TextForm<>(runner, "", TextForm.refusalOf(t -> {
            if (t != null && !t.isBlank() && !Fingerprint.parse(t).equals(space.certificate().fingerprint())) {
                throw new odcm.model.Refusal("Does not match the certificate of " + space.describe()
                        + "; it stays unconfirmed. Check with the other side.");
            }
        }), t -> t != null && !t.isEmpty(), "Confirming the fingerprint of " + space.describe(), t -> remotes.confirm(space.name(), t));
    }

    public void submit(Consumer<Space> onConfirmed) {
        form.submit(onConfirmed);
    }

    public Space space() {
        return space;
    }

    public StringProperty typedProperty() {
        return form.textProperty();
    }

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

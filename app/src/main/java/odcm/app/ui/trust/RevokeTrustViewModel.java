package odcm.app.ui.trust;

import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import odcm.app.service.TrustService;
import odcm.app.ui.common.FormState;
import odcm.app.ui.task.TaskRunner;
import odcm.model.Refusal;
import odcm.model.trust.Trust;
import odcm.model.trust.TrustRules;

/** Revoke trust: needs a reason, checked by the same rule the service applies. */
public final class RevokeTrustViewModel {
    private final TrustService trusts;
    private final Trust trust;
    private final FormState form;
    private final StringProperty reason = new SimpleStringProperty("");
    private final StringBinding problem;
    private final BooleanBinding valid;

    public RevokeTrustViewModel(TrustService trusts, TaskRunner runner, Trust trust) {
        this.trusts = trusts;
        this.trust = trust;
        this.form = new FormState(runner);
        problem = Bindings.createStringBinding(() -> {
            try {
                TrustRules.checkRevocation(trust, reason.get());
                return "";
            } catch (Refusal r) {
                return r.getMessage();
            }
        }, reason);
        valid = problem.isEmpty();
        reason.addListener((o, was, now) -> form.clearError());
    }

    public void submit(Consumer<Trust> onRevoked) {
        if (!valid.get()) {
            return;
        }
        String why = reason.get();
        form.submit("Revoking the trust", () -> trusts.revoke(trust.id(), why), onRevoked);
    }

    public Trust trust() {
        return trust;
    }

    public StringProperty reasonProperty() {
        return reason;
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

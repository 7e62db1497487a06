package odcm.app.ui.trust;

import java.util.function.Consumer;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.StringProperty;
import odcm.app.service.TrustService;
import odcm.app.ui.common.FormState;
import odcm.app.ui.common.TextForm;
import odcm.app.ui.task.TaskRunner;
import odcm.model.trust.Trust;
import odcm.model.trust.TrustRules;

/** Revoke trust: needs a reason, checked by the same rule the service applies. */
public final class RevokeTrustViewModel {
    private final Trust trust;
    private final TextForm<Trust> form;

    public RevokeTrustViewModel(TrustService trusts, TaskRunner runner, Trust trust) {
        this.trust = trust;
        this.form = new TextForm<>(runner, "", TextForm.refusalOf(r -> TrustRules.checkRevocation(trust, r)), r -> true,
                "Revoking the trust", r -> trusts.revoke(trust.id(), r));
    }

    public void submit(Consumer<Trust> onRevoked) {
        form.submit(onRevoked);
    }

    public Trust trust() {
        return trust;
    }

    public StringProperty reasonProperty() {
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

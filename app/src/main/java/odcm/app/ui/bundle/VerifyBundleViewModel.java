package odcm.app.ui.bundle;

import java.nio.file.Path;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleObjectProperty;
import odcm.app.service.BundleService;
import odcm.app.ui.common.FormState;
import odcm.app.ui.task.TaskRunner;
import odcm.packaging.bundle.VerificationOutcome;

/**
 * "Verify bundle…": checks a file as the current space sees it, off the FX thread. Contents are offered only for a
 * genuine bundle; its sensitive values only after {@link #reveal()}, which the service records in the audit log.
 */
public final class VerifyBundleViewModel {
    private final BundleService bundles;
    private final String space;
    private final FormState state;
    private final ObjectProperty<Path> file = new SimpleObjectProperty<>();
    private final ObjectProperty<VerificationOutcome> outcome = new SimpleObjectProperty<>();
    private final ReadOnlyBooleanWrapper revealed = new ReadOnlyBooleanWrapper(false);

    public VerifyBundleViewModel(BundleService bundles, TaskRunner runner, String space) {
        this.bundles = bundles;
        this.space = space;
        this.state = new FormState(runner);
    }

    public void open(Path bundle) {
        file.set(bundle);
        outcome.set(null);
        revealed.set(false);
        state.submit("Verifying " + bundle.getFileName() + " as '" + space + "'", () -> bundles.verify(space, bundle), outcome::set);
    }

    /** Decrypts the sensitive values with this space's key (an audited action); only for a genuine bundle. */
    public void reveal() {
        Path f = file.get();
        if (f == null || outcome.get() == null || !outcome.get().genuine()) {
            return;
        }
        state.submit("Revealing the sensitive values of " + f.getFileName(), () -> bundles.reveal(space, f), o -> {
            outcome.set(o);
            revealed.set(o instanceof VerificationOutcome.Genuine g && g.secretsOpened());
        });
    }

    public String space() {
        return space;
    }

    public ObjectProperty<Path> fileProperty() {
        return file;
    }

    public ObjectProperty<VerificationOutcome> outcomeProperty() {
        return outcome;
    }

    public ReadOnlyBooleanProperty revealedProperty() {
        return revealed.getReadOnlyProperty();
    }

    public FormState state() {
        return state;
    }
}

package odcm.app.ui.space;

import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import odcm.app.service.KeyService;
import odcm.app.ui.common.FormState;
import odcm.app.ui.task.TaskRunner;
import odcm.model.space.Space;

/**
 * Rotate key dialog (decision 0056): the local space, where the rotation statement goes, and the overlap in days; OK
 * rotates in the background and writes the statement (over a file the file chooser confirmed replacing), a refusal staying
 * in the dialog.
 */
public final class RotateKeyViewModel {
    private final KeyService keys;
    private final Space space;
    private final Path statement;
    private final IntegerProperty overlapDays = new SimpleIntegerProperty(KeyService.DEFAULT_OVERLAP_DAYS);
    private final FormState form;

    public RotateKeyViewModel(KeyService keys, TaskRunner runner, Space space, Path statement) {
        this.keys = keys;
        this.space = space;
        this.statement = statement;
        this.form = new FormState(runner);
    }

    /** What the rotation does, said before it is done. */
    public String consequences() {
        return "A new key pair and certificate replace those of " + space.describe() + ". The rotation statement, signed by the old"
                + " key and the new one, is written to " + statement + ": hand it to every console that knows this space, and have"
                + " them confirm the new fingerprint with you. Until the overlap ends, the old key stays accepted and still opens"
                + " bundles addressed to it; then only the new one is. Local spaces of this console that trust it follow at once.";
    }

    public void submit(Consumer<KeyService.Rotated> onDone) {
        int days = overlapDays.get();
        form.submit("Rotating the key of " + space.describe(), () -> keys.rotate(space.name(), days, null, statement, true), onDone);
    }

    public Space space() {
        return space;
    }

    public IntegerProperty overlapDaysProperty() {
        return overlapDays;
    }

    public FormState form() {
        return form;
    }
}

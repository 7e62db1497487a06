package odcm.app.ui.remote;

import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import odcm.app.service.BundleService;
import odcm.app.service.KeyService;
import odcm.app.ui.common.FormState;
import odcm.app.ui.task.TaskRunner;
import odcm.model.cert.Fingerprint;
import odcm.model.space.Space;
import odcm.packaging.bundle.KeyStatement;

/**
 * Import key statement dialog (decision 0056): the statement file is read and verified in the background against the remote
 * space's pinned certificates, and what it says is shown; a rotation is imported only once the fingerprint the other side
 * reads out, typed here, matches its new certificate. A statement that does not verify shows its sentence, and OK stays off.
 */
public final class ImportStatementViewModel {
    private final KeyService keys;
    private final Space space;
    private final Path file;
    private final FormState form;
    private final ObjectProperty<KeyStatement> statement = new SimpleObjectProperty<>();
    private final StringProperty typed = new SimpleStringProperty("");
    private final StringBinding problem;
    private final BooleanBinding valid;
    private byte[] bytes;

    public ImportStatementViewModel(KeyService keys, TaskRunner runner, Space space, Path file) {
        this.keys = keys;
        this.space = space;
        this.file = file;
        this.form = new FormState(runner);
        this.problem = Bindings.createStringBinding(() -> {
            KeyStatement s = statement.get();
            String t = typed.get();
            if (s == null || s.kind() != KeyStatement.Kind.ROTATION || t == null || t.isBlank()) {
                return "";
            }
            try {
                return Fingerprint.parse(t).equals(s.newCertificate()) ? "" : "Does not match the new certificate in this statement; check with the other side.";
            } catch (RuntimeException notOne) {
                return notOne.getMessage();
            }
        }, statement, typed);
        this.valid = Bindings.createBooleanBinding(() -> statement.get() != null && (statement.get().kind() == KeyStatement.Kind.COMPROMISE
                || !typed.get().isBlank() && problem.get().isEmpty()), statement, typed, problem);
    }

    /** Reads and verifies the file in the background; its statement, or the refusal's sentence in the dialog. */
    public void load() {
        form.submit("Checking the key statement " + file.getFileName(), () -> {
            byte[] read = BundleService.readStatement(file);
            KeyStatement s = keys.preview(space.name(), read);
            bytes = read;
            return s;
        }, statement::set);
    }

    public void submit(Consumer<KeyService.Imported> onDone) {
        KeyStatement s = statement.get();
        String fp = typed.get();
        form.submit("Importing the key statement into " + space.describe(), () -> keys.importStatement(space.name(), bytes,
                s.kind() == KeyStatement.Kind.ROTATION ? fp : null), onDone);
    }

    public Space space() {
        return space;
    }

    public Path file() {
        return file;
    }

    public ObjectProperty<KeyStatement> statementProperty() {
        return statement;
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

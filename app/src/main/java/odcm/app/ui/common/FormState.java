package odcm.app.ui.common;

import java.util.concurrent.Callable;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import odcm.app.ui.task.TaskRunner;

/**
 * The submit half of a dialog's view model: runs the action in the background, keeps the dialog's
 * inline error (a refusal's sentence) and whether a submission is under way.
 */
public final class FormState {
    private final TaskRunner runner;
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper submitting = new ReadOnlyBooleanWrapper(false);

    public FormState(TaskRunner runner) {
        this.runner = runner;
    }

    public <T> void submit(String what, Callable<T> work, Consumer<? super T> onDone) {
        if (submitting.get()) {
            return; // a second Enter while the first is running must not do the action twice
        }
        submitting.set(true);
        error.set("");
        runner.run(what, work, result -> {
            submitting.set(false);
            onDone.accept(result);
        }, sentence -> {
            submitting.set(false);
            error.set(sentence);
        });
    }

    /** Shows a sentence inline without a submission, e.g. when what the form offers could not be loaded. */
    public void showError(String sentence) {
        error.set(sentence);
    }

    public void clearError() {
        error.set("");
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public String error() {
        return error.get();
    }

    public ReadOnlyBooleanProperty submittingProperty() {
        return submitting.getReadOnlyProperty();
    }

    public TaskRunner runner() {
        return runner;
    }
}

package odcm.app.ui.common;

import java.util.concurrent.Callable;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import odcm.app.ui.task.TaskProgress;
import odcm.app.ui.task.TaskRunner;

/**
 * The submit half of a dialog's view model: runs the action in the background, keeps the dialog's
 * inline error (a refusal's sentence) and whether a submission is under way.
 */
public final class FormState {
    private final TaskRunner runner;
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper submitting = new ReadOnlyBooleanWrapper(false);
    /** A long submission under way, with its progress and Cancel (decision 0052); null otherwise. */
    private final javafx.beans.property.ReadOnlyObjectWrapper<TaskProgress> running = new javafx.beans.property.ReadOnlyObjectWrapper<>();

    /** Long work: given its progress, it steps between its units of work and stops at the next one once cancelled. */
    @FunctionalInterface
    public interface LongWork<T> {
        T call(TaskProgress progress) throws Exception;
    }

    public FormState(TaskRunner runner) {
        this.runner = runner;
    }

    public <T> void submit(String what, Callable<T> work, Consumer<? super T> onDone) {
        run(what, work, onDone, null);
    }

    /** As {@link #submit}, for long work: its progress and Cancel shown while it runs ({@link #runningProperty}). */
    public <T> void submitLong(String what, LongWork<T> work, Consumer<? super T> onDone) {
        TaskProgress progress = runner.progress();
        run(what, () -> work.call(progress), onDone, progress);
    }

    private <T> void run(String what, Callable<T> work, Consumer<? super T> onDone, TaskProgress progress) {
        if (submitting.get()) {
            return; // a second Enter while the first is running must not do the action twice
        }
        submitting.set(true);
        error.set("");
        running.set(progress);
        runner.run(what, work, result -> {
            submitting.set(false);
            running.set(null);
            onDone.accept(result);
        }, sentence -> {
            submitting.set(false);
            running.set(null);
            error.set(sentence);
        });
    }

    /** The long submission under way, null when none: what {@link ProgressDialog#follow} shows. */
    public javafx.beans.property.ReadOnlyObjectProperty<TaskProgress> runningProperty() {
        return running.getReadOnlyProperty();
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

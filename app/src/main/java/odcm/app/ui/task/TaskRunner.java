package odcm.app.ui.task;

import java.util.concurrent.Callable;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;

/**
 * Runs a unit of work (SQL, crypto, files) away from the FX thread and hands the outcome back on it.
 * View models depend on this interface only, so their tests can use {@link SameThreadTaskRunner}.
 */
public interface TaskRunner {

    /**
     * @param what      what the status line says while the work runs, e.g. "Creating space 'Prod Space'"
     * @param onSuccess gets the result, on the FX thread (or the caller's thread in tests)
     * @param onFailure gets one sentence: a refusal's message, or "Unexpected error: …" for anything else
     */
    <T> void run(String what, Callable<T> work, Consumer<? super T> onSuccess, Consumer<String> onFailure);

    /**
     * The progress and Cancel of one long unit of work to {@link #run}: the work calls its {@code step} between units
     * (decision 0052); its updates reach the screen where this runner delivers outcomes (here: at once, as a runner that
     * runs work on the caller's thread does).
     */
    default TaskProgress progress() {
        return new TaskProgress(Runnable::run);
    }

    /** True while any submitted work has not yet delivered its outcome. */
    ReadOnlyBooleanProperty busyProperty();

    /** What is running now ("" when idle), for the status line. */
    ReadOnlyStringProperty activityProperty();

    default boolean isBusy() {
        return busyProperty().get();
    }
}

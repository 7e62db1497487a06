package odcm.app.ui.task;

import java.util.concurrent.Callable;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** Runs work at once on the calling thread: for view-model tests, which have no FX thread. */
public final class SameThreadTaskRunner implements TaskRunner {
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper activity = new ReadOnlyStringWrapper("");

    @Override
    public <T> void run(String what, Callable<T> work, Consumer<? super T> onSuccess, Consumer<String> onFailure) {
        busy.set(true);
        activity.set(what);
        T result;
        try {
            result = work.call();
        } catch (Throwable t) {
            busy.set(false);
            activity.set("");
            onFailure.accept(Failures.sentence(t));
            return;
        }
        busy.set(false);
        activity.set("");
        onSuccess.accept(result);
    }

    @Override
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    @Override
    public ReadOnlyStringProperty activityProperty() {
        return activity.getReadOnlyProperty();
    }
}
